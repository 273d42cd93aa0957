-- id: BlobCnt
-- name: Blobs
-- unit: blobs
-- source: transactions
-- definition: Blobs (versioned hashes) carried by the day's transactions.
coalesce(sum(t.blob_count), 0)
