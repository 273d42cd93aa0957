-- id: SplyAct7d
-- name: Active supply, 7 days
-- unit: base units
-- source: supply
-- basis: trailing 7 days
-- definition: Units that moved in the last 7 days: the value of the outputs created by non-coinbase transactions on
--   the day or the 6 days before it and still unspent at the end of the day (units that moved several times count
--   once, at their last move). Newly issued units in unspent coinbase outputs have never moved and are not active, as
--   in Coin Metrics' reading for UTXO chains.
coalesce(sum(u.value) FILTER (WHERE NOT u.coinbase AND u.age < 7), 0)
