-- id: OutP2TRCnt
-- name: P2TR outputs
-- unit: outputs
-- source: outputs
-- definition: Outputs created in the day's blocks whose locking script is version 1 witness program, taproot
--   (BIP341), as the warehouse's script classifier types it (p2tr); coinbase outputs included.
count(*) FILTER (WHERE o.script_type = 'p2tr')
