-- source: token_logs
-- description: every UTC day with blocks and the day's logs of the token standards' events: ERC-20/721 Transfer and
--   Approval, ERC-721/1155 ApprovalForAll, ERC-1155 TransferSingle and TransferBatch (by topic0; a day without any has
--   one row of NULLs)
SELECT b.day,
  {metrics}
FROM {schema}.metrics_blocks b
LEFT JOIN {schema}.logs l
  ON l.block_number = b.height AND l.block_number >= {from_height}
  AND l.topic0 IN (
    '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef',
    '0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925',
    '0x17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31',
    '0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62',
    '0x4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb')
WHERE b.height >= {from_height} AND b.day >= {from}
GROUP BY 1
