-- source: address_top
-- description: the funded addresses after the last block, richest first (helper m_address_state), as one row per
--   address for the chain's last day: balance, rank (1 for the largest balance; ties ranked in any order, which does
--   not change a sum) and top_count (the number of addresses in the top 1%: 1% of the funded addresses, rounded up).
--   Only addresses that can rank within max(100, top_count) are read: the balance bands of m_address_bands give a
--   balance below which no such address lies.
WITH bands AS (SELECT band, addresses FROM {schema}.m_address_bands WHERE addresses > 0),
n AS (SELECT sum(addresses) AS funded, CAST(ceil(sum(addresses) / 100) AS BIGINT) AS top_count FROM bands),
cut AS (
  SELECT coalesce(max(b.band), 0) AS band
  FROM (SELECT band, sum(addresses) OVER (ORDER BY band DESC) AS above FROM bands) b, n
  WHERE b.above >= greatest(n.top_count, 100)),
ranked AS (
  SELECT s.balance, row_number() OVER (ORDER BY s.balance DESC) AS rank
  FROM {schema}.m_address_state s, cut
  -- a band below the cut, in case floating-point log2 put a balance next to a band edge in the other band
  WHERE s.balance > 0 AND s.balance >= pow(2, CAST(cut.band - 1 AS DOUBLE) / 64))
SELECT {to} AS day,
  {metrics}
FROM ranked, n
WHERE n.funded > 0
GROUP BY 1
