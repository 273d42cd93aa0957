-- id: TxTypeCnt
-- name: Transactions by type
-- unit: transactions
-- source: transaction_types
-- definition: Transactions of the day per transaction type (instance): 0 legacy, 1 access list (EIP-2930), 2
--   dynamic fee (EIP-1559), 3 blob (EIP-4844), 4 set code (EIP-7702). Every day with blocks has a row
--   for types 0 to 4 (0 when none), and one for any other type seen.
count(t.transaction_type)
