-- id: DexOfferPartFillCnt
-- name: DEX offer partial fills
-- unit: fills
-- source: offers
-- definition: Partial fills in the day's ledgers: Offer objects a transaction consumed part of and left on the books (modified
--   with smaller TakerGets and TakerPays); an offer partly filled by two transactions counts twice.
count(*) FILTER (WHERE o.change = 'modified' AND o.gets_before_currency IS NOT NULL)
