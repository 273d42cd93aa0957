-- id: ContCreatCnt
-- name: Contracts created
-- unit: contracts
-- source: contracts
-- definition: Contracts created that day, by transactions or by other contracts (the warehouse's contracts
--   table: create frames that did not revert). Equals TxContCreatCnt + ContCreatIntCnt.
count(c.address)
