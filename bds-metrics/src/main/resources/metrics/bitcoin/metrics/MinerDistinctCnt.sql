-- id: MinerDistinctCnt
-- name: Distinct miners
-- unit: miners
-- source: blocks
-- definition: Distinct miners of the day's blocks: each identified pool counts once, and each block of an unknown
--   pool counts under the address paid its largest coinbase output (so the same payout address counts once); a block
--   of an unknown pool whose coinbase pays no single address is not counted. Pools are attributed by the pool_tags
--   reference table (coinbase tags first, then payout addresses).
count(DISTINCT CASE WHEN p.pool <> 'unknown' THEN 'pool ' || p.pool WHEN p.payout_address_id IS NOT NULL THEN 'address ' || p.payout_address_id END)
