-- id: TknMintCnt
-- name: Token mints
-- unit: transfers
-- source: token_transfers
-- definition: Token transfers of the day from the zero address (mints), every standard.
count(*) FILTER (WHERE x.from_address = '0x0000000000000000000000000000000000000000')
