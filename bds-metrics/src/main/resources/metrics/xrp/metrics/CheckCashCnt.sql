-- id: CheckCashCnt
-- name: Checks cashed
-- unit: transactions
-- source: transactions
-- definition: Successful CheckCash transactions of the day (each redeems a check for its amount or at least its DeliverMin);
--   failed ones only burnt their fee and are not counted.
count(*) FILTER (WHERE t.type = 'CheckCash' AND t.succeeded)
