-- id: TxResultCnt
-- name: Transactions by result
-- unit: transactions
-- source: transaction_results
-- definition: Transactions of the day per result code (instance: tesSUCCESS, tecPATH_DRY, tecUNFUNDED_OFFER…), pseudo-
--   transactions included (tesSUCCESS). A result seen that day has a row; others have none.
count(*)
