-- id: OutP2SHCnt
-- name: P2SH outputs
-- unit: outputs
-- source: outputs
-- definition: Outputs created in the day's blocks whose locking script is pay-to-script-hash (BIP16), as the
--   warehouse's script classifier types it (p2sh); coinbase outputs included.
count(*) FILTER (WHERE o.script_type = 'p2sh')
