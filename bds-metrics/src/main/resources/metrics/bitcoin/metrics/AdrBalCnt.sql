-- id: AdrBalCnt
-- name: Addresses with balance
-- unit: addresses
-- source: address_blocks
-- basis: end of day
-- cumulative: yes
-- definition: Addresses whose balance (unspent outputs they own) is above zero at the end of the UTC day. Computed
--   as the previous day's count plus the addresses whose balance became positive minus those whose balance fell to
--   zero.
coalesce(sum(a.funded), 0)
