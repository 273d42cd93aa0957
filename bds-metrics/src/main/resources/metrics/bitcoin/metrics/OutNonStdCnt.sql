-- id: OutNonStdCnt
-- name: NonStd outputs
-- unit: outputs
-- source: outputs
-- definition: Outputs created in the day's blocks whose locking script is any other script (non-standard), as the
--   warehouse's script classifier types it (nonstandard); coinbase outputs included.
count(*) FILTER (WHERE o.script_type = 'nonstandard')
