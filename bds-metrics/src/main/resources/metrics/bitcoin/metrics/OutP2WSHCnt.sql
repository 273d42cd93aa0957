-- id: OutP2WSHCnt
-- name: P2WSH outputs
-- unit: outputs
-- source: outputs
-- definition: Outputs created in the day's blocks whose locking script is version 0 witness script hash (BIP141), as
--   the warehouse's script classifier types it (p2wsh); coinbase outputs included.
count(*) FILTER (WHERE o.script_type = 'p2wsh')
