-- id: DexOfferCnclCnt
-- name: DEX offers cancelled
-- unit: offers
-- source: offers
-- definition: Offers removed by their owner in the day's ledgers: deleted by an OfferCancel, or replaced by an OfferCreate, of
--   the owner naming the offer's sequence in OfferSequence, without being consumed. Offers removed because they had
--   expired or their owner could no longer fund them are not counted.
count(*) FILTER (WHERE o.change = 'deleted' AND o.gets_before_currency IS NULL AND o.account = o.owner
  AND o.type IN ('OfferCancel', 'OfferCreate') AND o.named_sequence = o.offer_sequence)
