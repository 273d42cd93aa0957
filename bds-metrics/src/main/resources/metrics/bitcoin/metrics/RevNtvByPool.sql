-- id: RevNtvByPool
-- name: Miner revenue by pool
-- unit: base units
-- source: pools
-- definition: Coinbase outputs (fees claimed plus new units) of the day's blocks, per attributed pool (instance: the
--   pool's name, or 'unknown').
sum(p.revenue)
