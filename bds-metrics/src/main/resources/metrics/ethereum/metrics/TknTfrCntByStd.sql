-- id: TknTfrCntByStd
-- name: Token transfers by standard
-- unit: transfers
-- source: token_standards
-- definition: Token transfers of the day per standard (instance erc20, erc721, erc1155), all of them: zero
--   amounts, mints, burns and transfers to oneself included; every day with blocks has the three
--   rows.
count(x.standard)
