-- source: address_balances
-- instanced: yes
-- description: for each UTC day with blocks and each balance threshold in native units (instance 0.001, 0.01, … 100000:
--   10^15 to 10^23 wei), the change that day in the number of addresses holding at least that much; the rows of helper
--   m_eth_address_day are first grouped by how many thresholds their balance reached before and after the day
SELECT d.day, t.instance,
  {metrics}
FROM (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
CROSS JOIN (
  SELECT * FROM (VALUES ('0.001', 1), ('0.01', 2), ('0.1', 3), ('1', 4), ('10', 5), ('100', 6), ('1000', 7),
    ('10000', 8), ('100000', 9)) v(instance, step)) t
LEFT JOIN (
  SELECT day, steps_after, steps_before, count(*) AS addresses
  FROM (
    SELECT day,
      CASE WHEN balance >= CAST('100000000000000000000000' AS HUGEINT) THEN 9
        WHEN balance >= CAST('10000000000000000000000' AS HUGEINT) THEN 8
        WHEN balance >= CAST('1000000000000000000000' AS HUGEINT) THEN 7
        WHEN balance >= CAST('100000000000000000000' AS HUGEINT) THEN 6
        WHEN balance >= CAST('10000000000000000000' AS HUGEINT) THEN 5
        WHEN balance >= CAST('1000000000000000000' AS HUGEINT) THEN 4
        WHEN balance >= CAST('100000000000000000' AS HUGEINT) THEN 3
        WHEN balance >= CAST('10000000000000000' AS HUGEINT) THEN 2
        WHEN balance >= CAST('1000000000000000' AS HUGEINT) THEN 1 ELSE 0 END AS steps_after,
      CASE WHEN previous_balance >= CAST('100000000000000000000000' AS HUGEINT) THEN 9
        WHEN previous_balance >= CAST('10000000000000000000000' AS HUGEINT) THEN 8
        WHEN previous_balance >= CAST('1000000000000000000000' AS HUGEINT) THEN 7
        WHEN previous_balance >= CAST('100000000000000000000' AS HUGEINT) THEN 6
        WHEN previous_balance >= CAST('10000000000000000000' AS HUGEINT) THEN 5
        WHEN previous_balance >= CAST('1000000000000000000' AS HUGEINT) THEN 4
        WHEN previous_balance >= CAST('100000000000000000' AS HUGEINT) THEN 3
        WHEN previous_balance >= CAST('10000000000000000' AS HUGEINT) THEN 2
        WHEN previous_balance >= CAST('1000000000000000' AS HUGEINT) THEN 1 ELSE 0 END AS steps_before
    FROM {schema}.m_eth_address_day
    WHERE day >= {from})
  WHERE steps_after <> steps_before
  GROUP BY 1, 2, 3) a ON a.day = d.day
GROUP BY 1, 2
