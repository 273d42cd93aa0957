-- id: TxTfrERC20Cnt
-- name: ERC-20 transfers
-- unit: transfers
-- source: token_transfers
-- definition: ERC-20 Transfer events of the day with an amount above 0 between two distinct addresses; mints
--   and burns (from or to the zero address) included.
count(*) FILTER (WHERE x.token_standard = 'erc20' AND x.from_address <> x.to_address AND x.value_digits <> '0')
