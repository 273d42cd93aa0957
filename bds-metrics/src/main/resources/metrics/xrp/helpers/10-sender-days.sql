-- m_xrp_sender_day: one row per UTC day and account that sent a transaction that day (signed it as its Account;
-- failed tec transactions included, pseudo-transactions left out), the active accounts of AdrActCnt. The trailing
-- windows (AdrAct7dCnt, AdrAct30dCnt) count distinct accounts over it. Rebuilt from {from} on.
-- create
CREATE TABLE IF NOT EXISTS {schema}.m_xrp_sender_day (day DATE NOT NULL, account VARCHAR NOT NULL);
-- postgresql only
CREATE INDEX IF NOT EXISTS m_xrp_sender_day_day ON {schema}.m_xrp_sender_day (day);
-- refresh
DELETE FROM {schema}.m_xrp_sender_day WHERE day >= {from};
INSERT INTO {schema}.m_xrp_sender_day
SELECT DISTINCT CAST(t.close_time AS DATE), t.account
FROM {schema}.transactions t
WHERE t.ledger_index >= {from_height} AND t.family <> 'pseudo';
