-- id: AmmNewCnt
-- name: AMM pools created
-- unit: transactions
-- source: transactions
-- definition: Successful AMMCreate transactions of the day (each creates an automated market maker pool for a pair of assets);
--   failed ones only burnt their fee and are not counted.
count(*) FILTER (WHERE t.type = 'AMMCreate' AND t.succeeded)
