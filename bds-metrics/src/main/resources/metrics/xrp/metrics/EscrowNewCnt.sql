-- id: EscrowNewCnt
-- name: Escrows created
-- unit: transactions
-- source: transactions
-- definition: Successful EscrowCreate transactions of the day (each sets XRP aside until a time or condition); failed ones
--   only burnt their fee and are not counted.
count(*) FILTER (WHERE t.type = 'EscrowCreate' AND t.succeeded)
