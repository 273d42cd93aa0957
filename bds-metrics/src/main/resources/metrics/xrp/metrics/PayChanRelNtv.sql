-- id: PayChanRelNtv
-- name: XRP released from payment channels
-- unit: drops
-- source: holdings
-- definition: XRP that left payment channels that day: the falls of channels' unclaimed XRP (Amount less Balance), i.e. what
--   PaymentChannelClaim transactions paid to the destinations plus what closing channels returned to their sources.
coalesce(-sum(c.drops) FILTER (WHERE c.kind = 'paychan' AND c.drops < 0), 0)
