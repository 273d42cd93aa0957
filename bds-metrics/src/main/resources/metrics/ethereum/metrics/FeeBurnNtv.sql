-- id: FeeBurnNtv
-- name: Fees burnt
-- unit: wei
-- source: blocks
-- definition: Wei the day's blocks destroyed: base fee times gas used plus blob fees (EIP-1559, EIP-4844), as
--   each block's burnt_fees states; 0 where nothing is burnt (before London, ETC).
coalesce(sum(k.burnt_fees), 0)
