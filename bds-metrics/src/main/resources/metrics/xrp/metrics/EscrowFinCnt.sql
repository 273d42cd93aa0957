-- id: EscrowFinCnt
-- name: Escrows finished
-- unit: transactions
-- source: transactions
-- definition: Successful EscrowFinish transactions of the day (each delivers an escrow's XRP to its destination); failed ones
--   only burnt their fee and are not counted.
count(*) FILTER (WHERE t.type = 'EscrowFinish' AND t.succeeded)
