-- id: TxTknCnt
-- name: Token transactions
-- unit: transactions
-- source: token_logs
-- definition: Transactions that emitted at least one token event: ERC-20/721 Transfer or Approval,
--   ApprovalForAll, ERC-1155 TransferSingle or TransferBatch (recognised by the event signature,
--   whatever contract emitted it).
count(DISTINCT l.block_number * 1000000 + l.transaction_index)
