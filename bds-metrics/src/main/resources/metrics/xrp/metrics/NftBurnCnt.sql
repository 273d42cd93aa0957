-- id: NftBurnCnt
-- name: NFTs burnt
-- unit: transactions
-- source: transactions
-- definition: Successful NFTokenBurn transactions of the day (each destroys one non-fungible token); failed ones only burnt
--   their fee and are not counted.
count(*) FILTER (WHERE t.type = 'NFTokenBurn' AND t.succeeded)
