-- id: TxCnt
-- name: Transaction count
-- unit: transactions
-- source: transactions
-- definition: Transactions in the day's validated ledgers signed by an account, whatever their result: tesSUCCESS and the
--   failed tec results that only burnt the fee (a validated ledger holds no other result). Pseudo-transactions
--   (EnableAmendment, SetFee, UNLModify), which no account signs, are left out, as protocol-mandated changes are in
--   Coin Metrics' TxCnt; TxPseudoCnt counts them.
count(t.type)
