-- id: HashRateByPool
-- name: Hash rate by pool
-- unit: terahashes per second
-- source: pools
-- definition: Hash rate implied by each pool's blocks of the day (instance: the pool's name, or 'unknown'): its
--   blocks times the mean difficulty of those blocks times 2^32 hashes per difficulty unit, over the 86,400 seconds of
--   the day, in 10^12 hashes per second. Like HashRate, an estimate that assumes blocks found at the rate the
--   difficulty targets.
count(*) * avg(p.difficulty) * 4294967296 / 86400 / 1e12
