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

  private static void section(PrintWriter out, Warehouse w, String title, String sql) {
    out.printf("%n-- %s%n", title);
    ResultFormat.TABLE.write(w.query(sql), out);
  }

}
