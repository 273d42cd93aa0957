-- id: OutMultisigCnt
-- name: Multisig outputs
-- unit: outputs
-- source: outputs
-- definition: Outputs created in the day's blocks whose locking script is bare m-of-n multisig (OP_CHECKMULTISIG
--   without P2SH), as the warehouse's script classifier types it (multisig); coinbase outputs included.
count(*) FILTER (WHERE o.script_type = 'multisig')
