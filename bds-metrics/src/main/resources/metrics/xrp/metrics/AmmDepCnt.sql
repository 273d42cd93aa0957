-- id: AmmDepCnt
-- name: AMM deposits
-- unit: transactions
-- source: transactions
-- definition: Successful AMMDeposit transactions of the day (each adds assets to a pool for LP tokens); failed ones only burnt
--   their fee and are not counted.
count(*) FILTER (WHERE t.type = 'AMMDeposit' AND t.succeeded)
