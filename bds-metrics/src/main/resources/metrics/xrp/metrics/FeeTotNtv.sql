-- id: FeeTotNtv
-- name: Total fees
-- unit: drops
-- source: transactions
-- definition: Sum of the fees of the transactions TxCnt counts, failed tec ones included: every fee is burnt (destroyed), none
--   goes to a validator. Pseudo-transactions pay no fee.
coalesce(sum(t.fee), 0)
