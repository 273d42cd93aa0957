-- id: OutP2PKCnt
-- name: P2PK outputs
-- unit: outputs
-- source: outputs
-- definition: Outputs created in the day's blocks whose locking script is bare public key, as the warehouse's script
--   classifier types it (p2pk); coinbase outputs included.
count(*) FILTER (WHERE o.script_type = 'p2pk')
