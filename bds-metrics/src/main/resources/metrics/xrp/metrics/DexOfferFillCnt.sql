-- id: DexOfferFillCnt
-- name: DEX offers filled
-- unit: offers
-- source: offers
-- definition: Offers fully consumed in the day's ledgers: Offer objects a transaction (an OfferCreate crossing them, or a
--   payment routed through the books) deleted after taking what they gave, down to nothing (TakerGets 0 when
--   removed).
count(*) FILTER (WHERE o.change = 'deleted' AND o.gets_before_currency IS NOT NULL
  AND (o.gets_drops = 0 OR o.gets_value = '0'))
