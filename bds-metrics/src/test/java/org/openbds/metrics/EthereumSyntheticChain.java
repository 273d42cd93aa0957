package org.openbds.metrics;

import java.util.ArrayList;
import java.util.List;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.ethereum.split.EthTables;

/**
 * A large synthetic Ethereum-family chain generated inside DuckDB, for measuring the metrics' cost (not their values):
 * 14 transactions a block, a block every 12 seconds (about 100,000 transactions a day), a fifth as many externally owned
 * addresses as transactions with a skewed popularity, 31% of transactions calling one of the contracts (a third of those
 * with three internal calls, half of the contracts tokens with two transfers a call), 3% failed, types 0 to 4,
 * proof-of-work rewards and uncles in the first 42% of blocks, withdrawals in the last 44%, and balance changes booked
 * as the splitter books them.
 */
final class EthereumSyntheticChain {
  private EthereumSyntheticChain() {}

  /** Writes a chain of about {@code transactions} transactions into {@code warehouse}'s schema eth. */
  static void write(DuckDbWarehouse warehouse, long transactions) {
    long blocks = transactions / 14;
    long eoas = Math.max(1_000, transactions / 5);
    long contracts = Math.max(100, transactions / 500);
    long powEnd = blocks * 42 / 100;
    long withdrawalsFrom = blocks * 56 / 100;
    warehouse.ensureChain(EthereumTestChain.CHAIN, "mainnet", EthTables.TABLES, EthTables.VIEWS);
    List<String> sql = new ArrayList<>();
    sql.add(String.format("CREATE TEMP TABLE eoa AS SELECT i AS id, '0x' || substr(md5('e' || i), 1, 32) || substr(md5('f' || i), 1, 8) AS address"
        + " FROM range(%d) r(i)", eoas));
    sql.add(String.format("CREATE TEMP TABLE con AS SELECT i AS id, '0x' || substr(md5('c' || i), 1, 32) || substr(md5('d' || i), 1, 8) AS address"
        + " FROM range(%d) r(i)", contracts));
    sql.add("CREATE TEMP TABLE miners AS SELECT i AS id, '0x' || substr(md5('m' || i), 1, 32) || substr(md5('n' || i), 1, 8) AS address FROM range(50) r(i)");
    sql.add(String.format("""
        CREATE TEMP TABLE txs AS
        WITH raw AS (
          SELECT i, i // 14 AS b, CAST(i %% 14 AS INTEGER) AS idx, hash(i) AS h1, hash(i || 'x') AS h2, hash(i || 'y') AS h3
          FROM range(%1$d) r(i)),
        shaped AS (
          SELECT i, b, idx, TIMESTAMP '2026-01-01' + to_seconds(b * 12) AS ts,
            CAST(floor(pow((h1 %% 1000000) / 1e6, 2) * %2$d) AS BIGINT) AS from_id,
            CASE WHEN h2 %% 100 = 0 THEN -1
              WHEN h2 %% 100 < 31 THEN 1000000000 + CAST(floor(pow((h3 %% 1000000) / 1e6, 2) * %3$d) AS BIGINT)
              ELSE CAST(h3 %% %2$d AS BIGINT) END AS to_id,
            CASE WHEN h1 %% 2 = 0 THEN CAST(0 AS HUGEINT) ELSE CAST((h2 // 7) %% 1000000 AS HUGEINT) * 1000000000000000 END AS value,
            CASE WHEN h3 %% 200 < 40 THEN 0 WHEN h3 %% 200 < 50 THEN 1 WHEN h3 %% 200 < 196 THEN 2 WHEN h3 %% 200 < 199 THEN 3 ELSE 4 END AS type,
            CASE WHEN (h1 // 3) %% 100 < 3 THEN 0 ELSE 1 END AS status,
            21000 + (h2 // 11) %% 80000 AS gas_used,
            10000000000 + (b %% 1000) * 10000000 AS base_fee,
            1000000000 + (h3 // 13) %% 1000000000 AS tip
          FROM raw)
        SELECT t.*, f.address AS from_address,
          CASE WHEN to_id = -1 THEN NULL WHEN to_id >= 1000000000 THEN c.address ELSE e.address END AS to_address,
          CASE WHEN to_id = -1 AND status = 1 THEN '0x' || substr(md5('k' || i), 1, 32) || substr(md5('l' || i), 1, 8) END AS contract_address,
          CAST(base_fee + tip AS HUGEINT) AS price,
          CAST(gas_used AS HUGEINT) * (base_fee + tip) + CASE WHEN type = 3 THEN 131072 * 7 ELSE 0 END AS fee,
          CAST(gas_used AS HUGEINT) * base_fee + CASE WHEN type = 3 THEN 131072 * 7 ELSE 0 END AS burnt
        FROM shaped t JOIN eoa f ON f.id = t.from_id LEFT JOIN eoa e ON e.id = t.to_id
          LEFT JOIN con c ON c.id = t.to_id - 1000000000
        ORDER BY i""", transactions, eoas, contracts));
    sql.add("""
        INSERT INTO eth.transactions (hash, block_number, transaction_index, block_timestamp, from_address, to_address, value_digits, nonce,
          gas, gas_price_digits, max_fee_per_gas_digits, max_priority_fee_per_gas_digits, max_fee_per_blob_gas_digits, blob_count,
          transaction_type, chain_id, access_list_entries, authorization_count, input, status, gas_used, cumulative_gas_used,
          effective_gas_price_digits, blob_gas_used, blob_gas_price_digits, fee_digits, burnt_fee_digits, contract_address, root, log_count)
        SELECT '0x' || md5(CAST(i AS VARCHAR)) || md5(CAST(i + 1 AS VARCHAR)), b, idx, ts, from_address, to_address, CAST(value AS VARCHAR),
          i, 200000, CASE WHEN type < 2 THEN CAST(price AS VARCHAR) END, CASE WHEN type >= 2 THEN CAST(price * 2 AS VARCHAR) END,
          CASE WHEN type >= 2 THEN CAST(tip AS VARCHAR) END, CASE WHEN type = 3 THEN '100' END, CASE WHEN type = 3 THEN 1 ELSE 0 END, type, 1,
          0, CASE WHEN type = 4 THEN 1 ELSE 0 END, CASE WHEN to_id >= 1000000000 THEN '0xa9059cbb' ELSE '0x' END, status, gas_used,
          gas_used * (idx + 1), CAST(price AS VARCHAR), CASE WHEN type = 3 THEN 131072 END, CASE WHEN type = 3 THEN '7' END,
          CAST(fee AS VARCHAR), CAST(burnt AS VARCHAR), contract_address, NULL, CASE WHEN to_id >= 1000000000 THEN 3 ELSE 0 END
        FROM txs ORDER BY i""");
    sql.add(String.format("""
        INSERT INTO eth.blocks (number, hash, parent_hash, "timestamp", miner, difficulty_digits, size, gas_limit, gas_used,
          base_fee_per_gas_digits, burnt_fees_digits, transaction_count, uncle_count, withdrawal_count, nonce, sha3_uncles, logs_bloom,
          transactions_root, state_root, receipts_root, extra_data)
        SELECT k.b, '0x' || md5('b' || k.b) || md5('c' || k.b), '0x' || md5('b' || (k.b - 1)) || md5('c' || (k.b - 1)), k.ts, m.address,
          CASE WHEN k.b < %1$d THEN '12000000000000000' ELSE '0' END, 1000 + k.n * 150, 30000000, k.gas_used, CAST(k.base_fee AS VARCHAR),
          CAST(k.burnt AS VARCHAR), CAST(k.n AS INTEGER), CASE WHEN k.b < %1$d AND k.b %% 20 = 0 THEN 1 ELSE 0 END,
          CASE WHEN k.b >= %2$d THEN 4 END, '0x0000000000000000', '0x', '0x', '0x', '0x', '0x', '0x'
        FROM (SELECT b, min(ts) AS ts, count(*) AS n, sum(gas_used) AS gas_used, sum(burnt) AS burnt, any_value(base_fee) AS base_fee
              FROM txs GROUP BY b) k
          JOIN miners m ON m.id = floor(pow((hash(k.b) %% 1000) / 1000.0, 3) * 50)
        ORDER BY k.b""", powEnd, withdrawalsFrom));
    sql.add(String.format("""
        CREATE TEMP TABLE frames AS
        SELECT b, idx, i, 0 AS k, 0 AS depth, '' AS trace_address, CASE WHEN to_address IS NULL THEN 'create' ELSE 'call' END AS trace_type,
          from_address, coalesce(to_address, contract_address, '0x' || substr(md5('k' || i), 1, 32) || substr(md5('l' || i), 1, 8)) AS to_address,
          value, status = 0 AS reverted
        FROM txs
        UNION ALL
        SELECT t.b, t.idx, t.i, k, 1, CAST(k - 1 AS VARCHAR),
          CASE WHEN k = 2 AND hash(t.i) %% 50 = 0 THEN 'create' ELSE 'call' END, t.to_address,
          CASE WHEN k = 2 AND hash(t.i) %% 50 = 0 THEN '0x' || substr(md5('z' || t.i), 1, 32) || substr(md5('w' || t.i), 1, 8) ELSE e.address END,
          CASE WHEN hash(t.i + k) %% 5 = 0 THEN CAST(1000000000000000 AS HUGEINT) * (1 + hash(t.i) %% 100) ELSE 0 END, t.status = 0
        FROM txs t CROSS JOIN range(1, 4) r(k) JOIN eoa e ON e.id = CAST(hash(t.i * 7 + k) %% %d AS BIGINT)
        WHERE t.to_id >= 1000000000 AND hash(t.i) %% 3 = 0""", eoas));
    sql.add("""
        INSERT INTO eth.traces (block_number, trace_index, transaction_hash, transaction_index, trace_address, depth, trace_type, call_type,
          from_address, to_address, value_digits, input, output, gas, gas_used, subtraces, error, reverted, trace_id)
        SELECT b, CAST(row_number() OVER (PARTITION BY b ORDER BY idx, k) - 1 AS INTEGER), '0x' || md5(CAST(i AS VARCHAR)) || md5(CAST(i + 1 AS VARCHAR)),
          idx, trace_address, depth, trace_type, CASE WHEN trace_type = 'call' THEN 'call' END, from_address, to_address,
          CAST(value AS VARCHAR), '0x', '0x', 100000, 50000, 0, CASE WHEN reverted AND depth = 0 THEN 'Reverted' END, reverted,
          trace_type || '_' || i || '_' || trace_address
        FROM frames ORDER BY b, idx, k""");
    sql.add(String.format("""
        CREATE TEMP TABLE moves AS
        SELECT t.b, t.idx, t.i, k, t.to_address AS token,
          CASE WHEN c.id %% 100 < 90 THEN 'erc20' WHEN c.id %% 100 < 97 THEN 'erc721' ELSE 'erc1155' END AS standard,
          CASE WHEN hash(t.i + k) %% 20 = 0 THEN '0x0000000000000000000000000000000000000000' ELSE t.from_address END AS from_address,
          e.address AS to_address,
          CASE WHEN c.id %% 100 < 90 THEN CAST((hash(t.i * 3 + k) %% 1000000) + 1 AS HUGEINT) * 1000000000000
            WHEN c.id %% 100 < 97 THEN 1 ELSE 1 + hash(t.i) %% 10 END AS value
        FROM txs t JOIN con c ON c.address = t.to_address CROSS JOIN range(0, 2) r(k) JOIN eoa e ON e.id = CAST(hash(t.i * 5 + k) %% %d AS BIGINT)
        WHERE t.status = 1 AND c.id < %d""", eoas, contracts / 2));
    sql.add("""
        INSERT INTO eth.logs (block_number, log_index, transaction_hash, transaction_index, address, topic0, topic1, topic2, data)
        SELECT b, CAST(row_number() OVER (PARTITION BY b ORDER BY idx, k) - 1 AS INTEGER), '0x' || md5(CAST(i AS VARCHAR)) || md5(CAST(i + 1 AS VARCHAR)),
          idx, token, CASE standard WHEN 'erc1155' THEN '0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62'
            ELSE '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef' END,
          '0x000000000000000000000000' || substr(from_address, 3), '0x000000000000000000000000' || substr(to_address, 3), '0x'
        FROM moves ORDER BY b, idx, k""");
    sql.add("""
        INSERT INTO eth.token_transfers (block_number, transaction_hash, log_index, batch_index, token_address, token_standard, from_address,
          to_address, value_digits, token_id_digits)
        SELECT b, '0x' || md5(CAST(i AS VARCHAR)) || md5(CAST(i + 1 AS VARCHAR)), CAST(row_number() OVER (PARTITION BY b ORDER BY idx, k) - 1 AS INTEGER),
          0, token, standard, from_address, to_address, CAST(value AS VARCHAR), CASE WHEN standard <> 'erc20' THEN CAST(i % 1000 AS VARCHAR) END
        FROM moves ORDER BY b, idx, k""");
    sql.add("""
        INSERT INTO eth.tokens (address, block_number, token_standard, name, symbol, decimals, total_supply_digits)
        SELECT token, min(b), any_value(standard), 'Token', 'TKN', 18, '1000000000000000000000000' FROM moves GROUP BY token""");
    sql.add("""
        INSERT INTO eth.contracts (address, block_number, transaction_hash, creator_address, bytecode_hash, function_sighashes, is_erc20,
          is_erc721, is_erc1155)
        SELECT to_address, b, '0x' || md5(CAST(i AS VARCHAR)) || md5(CAST(i + 1 AS VARCHAR)), from_address, '0x', [], false, false, false
        FROM frames WHERE trace_type = 'create' AND NOT reverted ORDER BY b, idx, k""");
    sql.add(String.format("""
        INSERT INTO eth.withdrawals (block_number, withdrawal_index, validator_index, address, amount_gwei, amount_digits)
        SELECT k.number, k.number * 4 + w, hash(k.number * 4 + w) %% 100000, e.address, 17000000, '17000000000000000'
        FROM eth.blocks k CROSS JOIN range(4) r(w) JOIN eoa e ON e.id = CAST(hash(k.number * 4 + w) %% %d AS BIGINT)
        WHERE k.number >= %d ORDER BY k.number, w""", Math.min(100_000, eoas), withdrawalsFrom));
    sql.add("""
        INSERT INTO eth.uncles (block_number, uncle_index, hash, uncle_number, miner, reward_digits)
        SELECT k.number, 0, '0x' || md5('u' || k.number) || md5('v' || k.number), k.number - 1, m.address, '1750000000000000000'
        FROM eth.blocks k JOIN miners m ON m.id = k.number % 50 WHERE k.uncle_count = 1 ORDER BY k.number""");
    sql.add(String.format("""
        CREATE TEMP TABLE changes AS
        SELECT t.b, t.idx, t.i, 0 AS o, t.from_address AS address, 'fee' AS kind, -t.fee AS delta FROM txs t
        UNION ALL SELECT t.b, t.idx, t.i, 1, k.miner, 'miner_fee', t.fee - t.burnt FROM txs t JOIN eth.blocks k ON k.number = t.b
        UNION ALL SELECT b, idx, i, 2 + 2 * k, from_address, 'value', -value FROM frames WHERE NOT reverted AND value > 0
        UNION ALL SELECT b, idx, i, 3 + 2 * k, to_address, 'value', value FROM frames WHERE NOT reverted AND value > 0
        UNION ALL SELECT number, NULL, NULL, 100, miner, 'block_reward', 2000000000000000000 + uncle_count * 62500000000000000
          FROM eth.blocks WHERE number < %d
        UNION ALL SELECT block_number, NULL, NULL, 101, miner, 'uncle_reward', 1750000000000000000 FROM eth.uncles
        UNION ALL SELECT block_number, NULL, NULL, 102, address, 'withdrawal', 17000000000000000 FROM eth.withdrawals""", powEnd));
    sql.add("""
        CREATE TEMP TABLE openings AS
        SELECT min(b) AS b, NULL::INTEGER AS idx, NULL::BIGINT AS i, -1 AS o, address, 'opening' AS kind,
          CAST(1000000000000000000000 AS HUGEINT) AS delta
        FROM changes GROUP BY address""");
    // one statement at a time: DuckDB plans a query over a temporary table created earlier in the same transaction
    // without its statistics, and may then join the large tables in an order that needs tens of gigabytes
    for (String statement : sql) {
      warehouse.execute(statement);
    }
    // the balance changes in block order, written a slice of blocks at a time to keep the sort's memory small
    long slice = 50_000;
    for (long from = 0; from < blocks; from += slice) {
      warehouse.execute(String.format("""
          INSERT INTO eth.balance_changes (block_number, transaction_index, transaction_hash, address, kind, delta_digits)
          SELECT b, idx, CASE WHEN i IS NOT NULL THEN '0x' || md5(CAST(i AS VARCHAR)) || md5(CAST(i + 1 AS VARCHAR)) END, address, kind,
            CAST(delta AS VARCHAR)
          FROM (SELECT * FROM openings UNION ALL SELECT * FROM changes)
          WHERE b >= %d AND b < %d ORDER BY b, idx NULLS FIRST, i, o""", from, from + slice));
    }
    warehouse.execute("DROP TABLE changes");
    warehouse.execute("DROP TABLE openings");
    warehouse.execute("DROP TABLE frames");
    warehouse.execute("DROP TABLE moves");
    warehouse.execute("DROP TABLE txs");
    warehouse.execute("CHECKPOINT");
  }
}
