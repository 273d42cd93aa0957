-- id: NftMintCnt
-- name: NFTs minted
-- unit: transactions
-- source: transactions
-- definition: Successful NFTokenMint transactions of the day (each mints one non-fungible token); failed ones only burnt their
--   fee and are not counted.
count(*) FILTER (WHERE t.type = 'NFTokenMint' AND t.succeeded)
