-- id: EscrowCnclCnt
-- name: Escrows cancelled
-- unit: transactions
-- source: transactions
-- definition: Successful EscrowCancel transactions of the day (each returns an expired escrow's XRP to its owner); failed ones
--   only burnt their fee and are not counted.
count(*) FILTER (WHERE t.type = 'EscrowCancel' AND t.succeeded)
