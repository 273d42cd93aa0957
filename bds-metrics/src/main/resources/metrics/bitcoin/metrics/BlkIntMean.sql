-- id: BlkIntMean
-- name: Block interval, mean
-- unit: seconds
-- source: blocks
-- definition: Mean of the seconds between the header times of consecutive blocks, over the pairs whose later block
--   is in the day (so the first block of a day is measured from the last block of the day before). Header times may go
--   backwards by design: a negative interval is averaged as it is. No value on a day whose only block is the genesis
--   block.
avg(k.interval_seconds)
