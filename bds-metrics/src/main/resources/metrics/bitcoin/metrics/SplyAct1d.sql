-- id: SplyAct1d
-- name: Active supply, 1 day
-- unit: base units
-- source: supply
-- basis: trailing 1 day
-- definition: Units that moved in the last 1 day: the value of the outputs created by non-coinbase transactions on
--   the day itself and still unspent at the end of the day (units that moved several times count once, at their last
--   move). Newly issued units in unspent coinbase outputs have never moved and are not active, as in Coin Metrics'
--   reading for UTXO chains.
coalesce(sum(u.value) FILTER (WHERE NOT u.coinbase AND u.age < 1), 0)
