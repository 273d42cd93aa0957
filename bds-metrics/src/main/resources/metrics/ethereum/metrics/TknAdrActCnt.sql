-- id: TknAdrActCnt
-- name: Active holders per token
-- unit: addresses
-- source: token_activity
-- definition: Distinct addresses that sent or received each token (instance) that day, the zero address
--   excepted.
coalesce(sum(h.active), 0)
