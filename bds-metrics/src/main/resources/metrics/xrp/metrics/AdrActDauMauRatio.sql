-- id: AdrActDauMauRatio
-- name: Daily to monthly active accounts
-- unit: ratio
-- source: derived
-- definition: AdrActCnt divided by AdrAct30dCnt (stickiness: the share of the month's active accounts active that day),
--   between 0 and 1.
"AdrActCnt" / NULLIF("AdrAct30dCnt", 0)
