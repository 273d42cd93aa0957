-- id: TxTfrERC1155Cnt
-- name: ERC-1155 transfers
-- unit: transfers
-- source: token_transfers
-- definition: ERC-1155 transfers of the day (a TransferSingle, or one entry of a TransferBatch) with an amount
--   above 0 between two distinct addresses; mints and burns included.
count(*) FILTER (WHERE x.token_standard = 'erc1155' AND x.from_address <> x.to_address AND x.value_digits <> '0')
