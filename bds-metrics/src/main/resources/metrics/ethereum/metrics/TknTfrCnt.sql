-- id: TknTfrCnt
-- name: Transfers per token
-- unit: transfers
-- source: token_activity
-- definition: Transfers of each token (instance: the token contract's address) on each day it had any, all of
--   them as in TknTfrCntByStd.
sum(x.transfers)
