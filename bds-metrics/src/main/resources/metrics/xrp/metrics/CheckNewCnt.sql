-- id: CheckNewCnt
-- name: Checks created
-- unit: transactions
-- source: transactions
-- definition: Successful CheckCreate transactions of the day (each creates a deferred payment its destination may cash);
--   failed ones only burnt their fee and are not counted.
count(*) FILTER (WHERE t.type = 'CheckCreate' AND t.succeeded)
