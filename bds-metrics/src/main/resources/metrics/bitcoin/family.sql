-- blocks: height, hash and UTC day (by the header's time) of every block of the best chain
SELECT height, hash, CAST(time AS DATE) AS day FROM {schema}.blocks
