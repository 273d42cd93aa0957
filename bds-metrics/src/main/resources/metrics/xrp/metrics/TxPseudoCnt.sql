-- id: TxPseudoCnt
-- name: Pseudo-transactions
-- unit: transactions
-- source: pseudo_transactions
-- definition: Pseudo-transactions of the day's ledgers: EnableAmendment, SetFee and UNLModify, which the validators' consensus
--   adds to flag ledgers. No account signs them and they pay no fee; TxCnt leaves them out.
count(x.type)
