-- id: TxCntSec
-- name: Transactions per second
-- unit: transactions per second
-- source: derived
-- definition: TxCnt divided by the 86,400 seconds of the UTC day (a day still in progress is divided by the whole
--   day too).
"TxCnt" / 86400
