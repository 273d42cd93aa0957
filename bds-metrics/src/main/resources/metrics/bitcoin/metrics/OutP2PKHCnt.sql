-- id: OutP2PKHCnt
-- name: P2PKH outputs
-- unit: outputs
-- source: outputs
-- definition: Outputs created in the day's blocks whose locking script is pay-to-public-key-hash, as the warehouse's
--   script classifier types it (p2pkh); coinbase outputs included.
count(*) FILTER (WHERE o.script_type = 'p2pkh')
