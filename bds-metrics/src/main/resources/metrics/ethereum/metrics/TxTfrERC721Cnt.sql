-- id: TxTfrERC721Cnt
-- name: ERC-721 transfers
-- unit: transfers
-- source: token_transfers
-- definition: ERC-721 Transfer events of the day between two distinct addresses (each moves one token); mints
--   and burns included.
count(*) FILTER (WHERE x.token_standard = 'erc721' AND x.from_address <> x.to_address AND x.value_digits <> '0')
