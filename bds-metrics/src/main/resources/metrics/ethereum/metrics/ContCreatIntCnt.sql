-- id: ContCreatIntCnt
-- name: Contract creations by contracts
-- unit: contracts
-- source: transfers
-- definition: Contracts created by other contracts (CREATE or CREATE2 frames below the top-level call) that did
--   not revert.
count(*) FILTER (WHERE x.creation AND x.internal)
