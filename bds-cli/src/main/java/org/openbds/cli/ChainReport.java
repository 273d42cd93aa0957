package org.openbds.cli;

import java.io.PrintWriter;
import org.openbds.api.Warehouse;

/** A short report of a chain in the warehouse: totals, daily activity, script types, richest addresses, fees. */
final class ChainReport {
  private ChainReport() {}

  static void print(PrintWriter out, Warehouse w, String chain) {
    String s = chain;
    section(out, w, "chain", "SELECT COUNT(*) AS blocks, SUM(tx_count) AS transactions, MIN(time) AS first_block, MAX(time) AS last_block,"
        + " CAST(SUM(size) AS BIGINT) AS bytes, CAST(SUM(fee) AS BIGINT) AS fees FROM " + s + ".blocks");
    section(out, w, "transactions per day (UTC)", "SELECT CAST(time AS DATE) AS day, COUNT(*) AS transactions, CAST(SUM(fee) AS BIGINT) AS fees,"
        + " CAST(SUM(output_value) AS BIGINT) AS value_out FROM " + s + ".transactions GROUP BY 1 ORDER BY 1 LIMIT 10");
    section(out, w, "outputs by script type", "SELECT script_type, COUNT(*) AS outputs, CAST(SUM(value) AS BIGINT) AS value,"
        + " COUNT(*) FILTER (WHERE spent_txid IS NULL) AS unspent FROM " + s + ".outputs GROUP BY 1 ORDER BY 2 DESC");
    section(out, w, "segwit share", "SELECT COUNT(*) FILTER (WHERE has_witness) AS segwit, COUNT(*) AS all_transactions,"
        + " ROUND(100.0 * COUNT(*) FILTER (WHERE has_witness) / COUNT(*), 1) AS percent FROM " + s + ".transactions WHERE NOT is_coinbase");
    section(out, w, "richest addresses", "SELECT address, balance, tx_count, first_seen, last_seen FROM " + s + ".addresses ORDER BY balance DESC LIMIT 5");
    section(out, w, "largest fees", "SELECT txid, block_height, input_count, output_count, fee, vsize FROM " + s + ".transactions ORDER BY fee DESC LIMIT 5");
  }

  /** The Ethereum-family report: totals, transaction types, internal transfers, tokens, richest addresses, fees. */
  static void printEthereum(PrintWriter out, Warehouse w, String chain) {
    String s = chain;
    section(out, w, "chain", "SELECT COUNT(*) AS blocks, SUM(transaction_count) AS transactions, MIN(timestamp) AS first_block,"
        + " MAX(timestamp) AS last_block, SUM(gas_used) AS gas_used, CAST(SUM(burnt_fees) AS VARCHAR) AS burnt_wei FROM " + s + ".blocks");
    section(out, w, "transactions by type", "SELECT transaction_type AS type, COUNT(*) AS transactions, COUNT(*) FILTER (WHERE status = 0) AS failed,"
        + " CAST(SUM(fee) AS VARCHAR) AS fees_wei FROM " + s + ".transactions GROUP BY 1 ORDER BY 1");
    section(out, w, "call frames", "SELECT trace_type, COALESCE(call_type, '') AS call_type, COUNT(*) AS frames,"
        + " COUNT(*) FILTER (WHERE reverted) AS reverted, COUNT(*) FILTER (WHERE depth > 0 AND value > 0 AND NOT reverted) AS internal_transfers"
        + " FROM " + s + ".traces GROUP BY ALL ORDER BY 3 DESC");
    section(out, w, "token transfers by standard", "SELECT token_standard, COUNT(*) AS transfers, COUNT(DISTINCT token_address) AS tokens,"
        + " COUNT(DISTINCT to_address) AS recipients FROM " + s + ".token_transfers GROUP BY 1 ORDER BY 1");
    section(out, w, "tokens", "SELECT address, token_standard, name, symbol, decimals, CAST(total_supply AS VARCHAR) AS total_supply"
        + " FROM " + s + ".tokens ORDER BY block_number, address");
    section(out, w, "richest addresses (wei)", "SELECT address, CAST(balance AS VARCHAR) AS balance, changes, first_block, last_block"
        + " FROM " + s + ".addresses ORDER BY balance DESC LIMIT 5");
    section(out, w, "contracts created", "SELECT COUNT(*) AS contracts, COUNT(*) FILTER (WHERE is_erc20) AS erc20,"
        + " COUNT(*) FILTER (WHERE is_erc721) AS erc721, COUNT(*) FILTER (WHERE is_erc1155) AS erc1155 FROM " + s + ".contracts");
  }

  private static void section(PrintWriter out, Warehouse w, String title, String sql) {
    out.printf("%n-- %s%n", title);
    ResultFormat.TABLE.write(w.query(sql), out);
  }

}
