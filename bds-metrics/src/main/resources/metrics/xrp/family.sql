-- ledgers: index, hash and UTC day (by the close time) of every validated ledger; a ledger is the family's block
SELECT ledger_index AS height, ledger_hash AS hash, CAST(close_time AS DATE) AS day FROM {schema}.ledgers
