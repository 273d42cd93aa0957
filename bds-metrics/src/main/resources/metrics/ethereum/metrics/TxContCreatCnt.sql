-- id: TxContCreatCnt
-- name: Contract creations by transactions
-- unit: transactions
-- source: transactions
-- definition: Transactions without a recipient that created a contract (their receipt names it); failed
--   creations are not counted. Contracts created by other contracts are in ContCreatIntCnt.
count(*) FILTER (WHERE t.created)
