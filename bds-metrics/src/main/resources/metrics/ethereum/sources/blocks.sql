-- source: blocks
-- description: one row per block with its difficulty, base fee and burnt fees read as exact HUGEINT and the seconds
--   since its parent (NULL for the first block the warehouse holds), grouped by the UTC day of its timestamp
SELECT k.day,
  {metrics}
FROM (
  SELECT b.number, CAST(b."timestamp" AS DATE) AS day, b.miner, b.size, b.gas_limit, b.gas_used, b.transaction_count,
    b.uncle_count, b.withdrawal_count,
    CAST(b.difficulty_digits AS HUGEINT) AS difficulty,
    CAST(b.base_fee_per_gas_digits AS HUGEINT) AS base_fee,
    CAST(b.burnt_fees_digits AS HUGEINT) AS burnt_fees,
    CASE WHEN lag(b.number) OVER (ORDER BY b.number) = b.number - 1
      THEN epoch(b."timestamp") - epoch(lag(b."timestamp") OVER (ORDER BY b.number)) END AS interval_seconds
  FROM {schema}.blocks b
  WHERE b.number >= {from_height} - 1) k
WHERE k.number >= {from_height} AND k.day >= {from}
GROUP BY 1
