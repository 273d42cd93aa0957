-- id: TxBlobCnt
-- name: Blob transactions
-- unit: transactions
-- source: transactions
-- definition: Transactions that carry blobs (EIP-4844, type 3).
count(*) FILTER (WHERE t.blob_count > 0)
