-- id: AdrActDauMau
-- name: Daily to monthly active addresses
-- unit: ratio
-- source: derived
-- definition: Stickiness: AdrActCnt divided by AdrAct30dCnt, between 0 and 1 (the day's active addresses as a share
--   of the addresses active in the trailing 30 days).
"AdrActCnt" / NULLIF("AdrAct30dCnt", 0)
