-- source: token_standards
-- instanced: yes
-- description: for each UTC day with blocks and each token standard erc20, erc721 and erc1155, the day's token
--   transfers of that standard
SELECT d.day, s.standard AS instance,
  {metrics}
FROM (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
CROSS JOIN (SELECT unnest(ARRAY['erc20', 'erc721', 'erc1155']) AS standard) s
LEFT JOIN (
  SELECT b.day, CAST(x.token_standard AS VARCHAR) AS standard
  FROM {schema}.token_transfers x JOIN {schema}.metrics_blocks b ON b.height = x.block_number
  WHERE x.block_number >= {from_height} AND b.height >= {from_height}) x ON x.day = d.day AND x.standard = s.standard
GROUP BY 1, 2
