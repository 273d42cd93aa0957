-- id: AdrActDauMauRatio
-- name: Daily to monthly active addresses
-- unit: ratio
-- source: derived
-- definition: AdrActCnt divided by AdrAct30dCnt (stickiness: the share of the month's active addresses active
--   that day).
"AdrActCnt" / NULLIF("AdrAct30dCnt", 0)
