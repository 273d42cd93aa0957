-- id: RevNtv
-- name: Miner revenue
-- unit: wei
-- source: derived
-- definition: What the fee recipients of the day's blocks earned: the fees they received (FeePrioTotNtv: fees
--   minus the burnt part) plus block and uncle rewards (IssContNtv). Withdrawals are not counted:
--   they pay validators through the beacon chain, not the blocks' fee recipients.
"FeePrioTotNtv" + "IssContNtv"
