-- id: OutP2WPKHCnt
-- name: P2WPKH outputs
-- unit: outputs
-- source: outputs
-- definition: Outputs created in the day's blocks whose locking script is version 0 witness key hash (BIP141), as
--   the warehouse's script classifier types it (p2wpkh); coinbase outputs included.
count(*) FILTER (WHERE o.script_type = 'p2wpkh')
