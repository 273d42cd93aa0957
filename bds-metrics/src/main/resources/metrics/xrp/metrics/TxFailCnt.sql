-- id: TxFailCnt
-- name: Failed transactions
-- unit: transactions
-- source: transactions
-- definition: Transactions counted by TxCnt whose result is a tec code (tecPATH_DRY, tecUNFUNDED_OFFER…): included in a
--   ledger, they burnt their fee (and may have removed unfunded or expired offers they met) but did nothing else.
count(*) FILTER (WHERE NOT t.succeeded)
