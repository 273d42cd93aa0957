-- id: IssTotNtv
-- name: Issuance
-- unit: base units
-- source: blocks
-- definition: Units created in the day: for each block, its coinbase outputs minus the fees of its transactions,
--   summed. A miner claiming less than the subsidy creates less. No value on a day where a block's fees are unknown (a
--   spent output missing from the warehouse).
CASE WHEN count(k.fee) = count(*) THEN sum(k.coinbase_value - k.fee) END
