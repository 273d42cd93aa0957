-- Where in a block queue each chain's rows were read up to (topic@partition:next-offset,…), committed with the rows
-- by bds split; empty for chains never fed from a queue.
ALTER TABLE main.bds_chains ADD COLUMN IF NOT EXISTS queue_position TEXT;
