-- id: SplyAct1yr
-- name: Active supply, 1 year
-- unit: base units
-- source: supply
-- basis: trailing 365 days
-- definition: Units that moved in the last 1 year: the value of the outputs created by non-coinbase transactions on
--   the day or the 364 days before it and still unspent at the end of the day (units that moved several times count
--   once, at their last move). Newly issued units in unspent coinbase outputs have never moved and are not active, as
--   in Coin Metrics' reading for UTXO chains.
coalesce(sum(u.value) FILTER (WHERE NOT u.coinbase AND u.age < 365), 0)
