-- id: OutOpRetCnt
-- name: OpRet outputs
-- unit: outputs
-- source: outputs
-- definition: Outputs created in the day's blocks whose locking script is OP_RETURN data carrier (unspendable), as
--   the warehouse's script classifier types it (op_return); coinbase outputs included.
count(*) FILTER (WHERE o.script_type = 'op_return')
