-- id: AdrActCnt
-- name: Active addresses
-- unit: addresses
-- source: address_blocks
-- definition: Distinct addresses that received an output or spent one in the day's blocks, each counted once.
--   Coinbase recipients count (they receive an output); outputs without a single address (bare multisig, OP_RETURN,
--   non-standard) are not attributed to any address.
coalesce(sum(a.active), 0)
