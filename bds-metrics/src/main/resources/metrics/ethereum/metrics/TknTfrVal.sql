-- id: TknTfrVal
-- name: Volume per token
-- unit: token base units
-- source: token_activity
-- definition: Sum of the amounts each token (instance) moved that day, in its base units (not divided by its
--   decimals; 1 per ERC-721 transfer). Exact; no value when an amount or the sum has more than 28
--   digits, which a stored value cannot hold.
CASE WHEN max(x.digits) <= 28 AND sum(x.volume) < CAST('10000000000000000000000000000' AS HUGEINT) THEN sum(x.volume) END
