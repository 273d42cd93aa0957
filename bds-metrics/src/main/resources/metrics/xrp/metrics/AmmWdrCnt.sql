-- id: AmmWdrCnt
-- name: AMM withdrawals
-- unit: transactions
-- source: transactions
-- definition: Successful AMMWithdraw transactions of the day (each returns LP tokens to a pool for its assets); failed ones
--   only burnt their fee and are not counted.
count(*) FILTER (WHERE t.type = 'AMMWithdraw' AND t.succeeded)
