-- id: AmendEnabledCnt
-- name: Amendments enabled
-- unit: amendments
-- source: pseudo_transactions
-- definition: EnableAmendment pseudo-transactions of the day without the tfGotMajority (0x00010000) and tfLostMajority
--   (0x00020000) flags: each switches an amendment on for every ledger after it. Those that only record an amendment
--   gaining or losing its majority are not counted.
count(*) FILTER (WHERE x.type = 'EnableAmendment' AND (x.flags & 196608) = 0)
