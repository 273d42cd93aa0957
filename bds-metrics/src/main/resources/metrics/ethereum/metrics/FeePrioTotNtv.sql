-- id: FeePrioTotNtv
-- name: Priority fees, total
-- unit: wei
-- source: transactions
-- definition: Sum of the part of each fee that was not burnt, which the fee recipient gets: fee minus burnt
--   fee, that is gas used times (effective gas price - base fee) for EIP-1559 blocks. In blocks
--   without a base fee (before London, ETC) the whole fee is counted.
coalesce(sum(t.fee - coalesce(t.burnt_fee, 0)), 0)
