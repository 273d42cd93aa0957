-- id: TxContCallCnt
-- name: Contract calls
-- unit: transactions
-- source: transactions
-- definition: Transactions to an address that carry call data (input other than 0x), successful or not: the
--   usual sign of a call to a contract, as a plain payment carries none. Call data sent to an account
--   without code counts too, and a call without data to a contract does not.
count(*) FILTER (WHERE t.contract_call)
