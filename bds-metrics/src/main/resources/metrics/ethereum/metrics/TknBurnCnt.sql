-- id: TknBurnCnt
-- name: Token burns
-- unit: transfers
-- source: token_transfers
-- definition: Token transfers of the day to the zero address (burns), every standard.
count(*) FILTER (WHERE x.to_address = '0x0000000000000000000000000000000000000000')
