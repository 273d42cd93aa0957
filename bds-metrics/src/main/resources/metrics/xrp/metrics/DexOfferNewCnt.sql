-- id: DexOfferNewCnt
-- name: DEX offers created
-- unit: offers
-- source: offers
-- definition: Offers placed in the DEX order books in the day's ledgers: Offer objects created, i.e. OfferCreate transactions
--   whose remainder after crossing stayed on the books (an offer filled at once, or immediate-or-cancel, is not
--   placed).
count(*) FILTER (WHERE o.change = 'created')
