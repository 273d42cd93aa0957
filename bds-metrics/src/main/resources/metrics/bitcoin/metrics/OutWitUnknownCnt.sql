-- id: OutWitUnknownCnt
-- name: WitUnknown outputs
-- unit: outputs
-- source: outputs
-- definition: Outputs created in the day's blocks whose locking script is witness program of a version or length
--   with no defined meaning yet, as the warehouse's script classifier types it (witness_unknown); coinbase outputs
--   included.
count(*) FILTER (WHERE o.script_type = 'witness_unknown')
