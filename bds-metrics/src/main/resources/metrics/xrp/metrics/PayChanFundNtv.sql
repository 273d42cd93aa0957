-- id: PayChanFundNtv
-- name: XRP put into payment channels
-- unit: drops
-- source: holdings
-- definition: XRP the day's transactions added to payment channels: the rises of channels' unclaimed XRP (Amount less Balance)
--   by PaymentChannelCreate and PaymentChannelFund.
coalesce(sum(c.drops) FILTER (WHERE c.kind = 'paychan' AND c.drops > 0), 0)
