-- id: TxCntSec
-- name: Transactions per second
-- unit: transactions per second
-- source: derived
-- definition: TxCnt divided by the 86,400 seconds of a UTC day (also for the current, unfinished day).
"TxCnt" / 86400
