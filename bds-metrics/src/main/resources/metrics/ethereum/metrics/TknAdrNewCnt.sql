-- id: TknAdrNewCnt
-- name: New holders per token
-- unit: addresses
-- source: token_activity
-- definition: Addresses that sent or received each token (instance) that day for the first time, the zero
--   address excepted.
coalesce(sum(h.new_holders), 0)
