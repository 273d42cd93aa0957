-- id: EscrowNetNtv
-- name: XRP escrowed, net
-- unit: drops
-- source: holdings
-- definition: Net change of the XRP held in escrows over the day: XRP set aside by EscrowCreate less XRP released by
--   EscrowFinish and EscrowCancel (balance changes of kind escrow). Negative when more was released than locked.
coalesce(sum(c.drops) FILTER (WHERE c.kind = 'escrow'), 0)
