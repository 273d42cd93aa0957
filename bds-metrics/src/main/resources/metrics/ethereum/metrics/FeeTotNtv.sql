-- id: FeeTotNtv
-- name: Total fees
-- unit: wei
-- source: transactions
-- definition: Sum of the fees the day's transactions paid (gas used times effective gas price, plus blob fees),
--   burnt base fees included; failed transactions pay fees too and count.
coalesce(sum(t.fee), 0)
