-- blocks: number, hash and UTC day (by the block timestamp) of every block of the best chain
SELECT number AS height, hash, CAST("timestamp" AS DATE) AS day FROM {schema}.blocks
