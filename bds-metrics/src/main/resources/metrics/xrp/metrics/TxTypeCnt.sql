-- id: TxTypeCnt
-- name: Transactions by type
-- unit: transactions
-- source: transaction_types
-- definition: Transactions of the day per TransactionType (instance: Payment, OfferCreate, TrustSet…), failed tec ones and
--   pseudo-transactions included, so the instances add up to TxCnt plus TxPseudoCnt. A type seen that day has a row;
--   others have none.
count(*)
