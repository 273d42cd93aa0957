-- max_rollback_blocks: 1000
-- rollback: the per-address helper keeps what it needs to undo the last 1,000 blocks (the balances of addresses
--   emptied by them); a reorganisation reaching deeper than that recomputes every metric from scratch.
-- blocks: height, hash and UTC day (by the header's time) of every block of the best chain
SELECT height, hash, CAST(time AS DATE) AS day FROM {schema}.blocks
