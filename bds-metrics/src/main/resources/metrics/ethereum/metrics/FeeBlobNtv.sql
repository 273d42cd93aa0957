-- id: FeeBlobNtv
-- name: Blob fees
-- unit: wei
-- source: transactions
-- definition: Sum of the blob fees (blob gas used times blob gas price) the day's transactions paid; they are
--   burnt.
coalesce(sum(t.blob_fee), 0)
