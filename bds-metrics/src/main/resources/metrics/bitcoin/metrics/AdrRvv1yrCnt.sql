-- id: AdrRvv1yrCnt
-- name: Revived addresses
-- unit: addresses
-- source: address_blocks
-- definition: Addresses active in the day after at least 365 days without any activity (their previous activity 365
--   or more UTC days before the day).
coalesce(sum(a.revived), 0)
