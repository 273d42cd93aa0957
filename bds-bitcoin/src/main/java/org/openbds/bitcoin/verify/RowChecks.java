package org.openbds.bitcoin.verify;

import static java.util.Objects.requireNonNull;
import static org.openbds.bitcoin.verify.SqlValues.number;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.openbds.api.ChainId;
import org.openbds.api.ReconciliationCheck;
import org.openbds.api.Warehouse;

/**
 * The warehouse's own consistency, which catches doubled or lost rows that no node comparison sees: per block, the
 * rows of {@code transactions}, {@code tx_inputs} and {@code tx_outputs} against the counts in its {@code blocks} row,
 * each row key at most once; and every height present exactly once. Each query returns only the blocks that fail.
 */
final class RowChecks {
  /**
   * A block's transactions must be exactly tx_id first_tx_id .. first_tx_id + tx_count − 1: as many rows as tx_count,
   * no tx_id twice, lowest and highest where they belong (so no tx_id can be shared with another block either).
   */
  private static final String TRANSACTIONS =
      """
      WITH t AS (
        SELECT block_height, COUNT(*) AS row_count, COUNT(DISTINCT tx_id) AS distinct_ids, MIN(tx_id) AS lowest,
               MAX(tx_id) AS highest
        FROM {schema}.transactions WHERE block_height BETWEEN ? AND ? GROUP BY block_height),
      b AS (SELECT height, tx_count, first_tx_id FROM {schema}.blocks WHERE height BETWEEN ? AND ?)
      SELECT COALESCE(b.height, t.block_height) AS height, b.tx_count, COALESCE(t.row_count, 0) AS row_count,
             COALESCE(t.distinct_ids, 0) AS distinct_ids, b.first_tx_id, t.lowest, t.highest
      FROM b FULL JOIN t ON t.block_height = b.height
      WHERE b.height IS NULL OR t.block_height IS NULL OR t.row_count <> b.tx_count OR t.distinct_ids <> t.row_count
         OR t.lowest <> b.first_tx_id OR t.highest <> b.first_tx_id + b.tx_count - 1
      ORDER BY height""";

  private static final String TX_INPUTS =
      """
      WITH i AS (
        SELECT block_height, COUNT(*) FILTER (WHERE NOT is_coinbase) AS row_count
        FROM {schema}.tx_inputs WHERE block_height BETWEEN ? AND ? GROUP BY block_height),
      d AS (
        SELECT block_height, CAST(SUM(copies - 1) AS BIGINT) AS duplicates
        FROM (SELECT block_height, COUNT(*) AS copies FROM {schema}.tx_inputs WHERE block_height BETWEEN ? AND ?
              GROUP BY block_height, tx_id, vin HAVING COUNT(*) > 1) repeated
        GROUP BY block_height),
      b AS (SELECT height, input_count FROM {schema}.blocks WHERE height BETWEEN ? AND ?)
      SELECT COALESCE(b.height, i.block_height) AS height, b.input_count, COALESCE(i.row_count, 0) AS row_count,
             COALESCE(d.duplicates, 0) AS duplicates
      FROM b FULL JOIN i ON i.block_height = b.height
      LEFT JOIN d ON d.block_height = COALESCE(b.height, i.block_height)
      WHERE b.height IS NULL OR COALESCE(i.row_count, 0) <> b.input_count OR d.duplicates IS NOT NULL
      ORDER BY height""";

  private static final String TX_OUTPUTS =
      """
      WITH o AS (
        SELECT block_height, COUNT(*) AS row_count
        FROM {schema}.tx_outputs WHERE block_height BETWEEN ? AND ? GROUP BY block_height),
      d AS (
        SELECT block_height, CAST(SUM(copies - 1) AS BIGINT) AS duplicates
        FROM (SELECT block_height, COUNT(*) AS copies FROM {schema}.tx_outputs WHERE block_height BETWEEN ? AND ?
              GROUP BY block_height, tx_id, vout HAVING COUNT(*) > 1) repeated
        GROUP BY block_height),
      b AS (SELECT height, output_count FROM {schema}.blocks WHERE height BETWEEN ? AND ?)
      SELECT COALESCE(b.height, o.block_height) AS height, b.output_count, COALESCE(o.row_count, 0) AS row_count,
             COALESCE(d.duplicates, 0) AS duplicates
      FROM b FULL JOIN o ON o.block_height = b.height
      LEFT JOIN d ON d.block_height = COALESCE(b.height, o.block_height)
      WHERE b.height IS NULL OR COALESCE(o.row_count, 0) <> b.output_count OR d.duplicates IS NOT NULL
      ORDER BY height""";

  private static final String HEIGHTS_PRESENT =
      "SELECT COUNT(DISTINCT height), MIN(height), MAX(height) FROM {schema}.blocks WHERE height BETWEEN ? AND ?";

  private static final String HEIGHTS_DOUBLED =
      """
      SELECT height, copies, COUNT(*) OVER () AS doubled
      FROM (SELECT height, COUNT(*) AS copies FROM {schema}.blocks WHERE height BETWEEN ? AND ?
            GROUP BY height HAVING COUNT(*) > 1) d
      ORDER BY height
      LIMIT 1""";

  /** The first height after a present one that is missing, inside the range. */
  private static final String HEIGHTS_FIRST_GAP =
      """
      SELECT height + 1
      FROM (SELECT height, LEAD(height) OVER (ORDER BY height) AS next
            FROM (SELECT DISTINCT height FROM {schema}.blocks WHERE height BETWEEN ? AND ?) present) steps
      WHERE next > height + 1
      ORDER BY height
      LIMIT 1""";

  private final Warehouse warehouse;
  private final String schema;
  private final int blocksPerChunk;

  RowChecks(Warehouse warehouse, ChainId chain, int blocksPerChunk) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.schema = requireNonNull(chain, "chain is null").value();
    this.blocksPerChunk = blocksPerChunk;
  }

  List<ReconciliationCheck> run(HeightRange range, Consumer<String> progress) {
    CheckTally transactions = new CheckTally("rows.transactions");
    CheckTally inputs = new CheckTally("rows.tx_inputs");
    CheckTally outputs = new CheckTally("rows.tx_outputs");
    for (HeightRange chunk : range.chunks(blocksPerChunk)) {
      tally(transactions, chunk, query(TRANSACTIONS, chunk, 2), RowChecks::transactionsDetail);
      tally(inputs, chunk, query(TX_INPUTS, chunk, 3), r -> countDetail(r, "input_count", "non-coinbase tx_inputs", "vin"));
      tally(outputs, chunk, query(TX_OUTPUTS, chunk, 3), r -> countDetail(r, "output_count", "tx_outputs", "vout"));
      progress.accept("row counts " + (chunk.last() - range.first() + 1) + "/" + range.size());
    }
    String scope = range.toString();
    return List.of(
        transactions.result(scope, "all " + range.size() + " blocks have tx_count transactions rows, no tx_id twice"),
        inputs.result(scope, "all " + range.size() + " blocks have input_count non-coinbase inputs, no (tx_id, vin) twice"),
        outputs.result(scope, "all " + range.size() + " blocks have output_count outputs, no (tx_id, vout) twice"),
        heights(range));
  }

  /** Counts each failing height once (a height whose block row is doubled comes back twice). */
  private static void tally(
      CheckTally tally, HeightRange chunk, List<List<Object>> failing, Function<List<Object>, String> detail) {
    Set<Long> heights = new HashSet<>();
    for (List<Object> row : failing) {
      if (heights.add(number(row.get(0)))) {
        tally.disagree(detail.apply(row));
      }
    }
    tally.agree(chunk.size() - heights.size());
  }

  /** e.g. "height 114: blocks.tx_count 6, 7 transactions rows with 6 distinct tx_id in 121..126 (expected 121..126)". */
  private static String transactionsDetail(List<Object> row) {
    long height = number(row.get(0));
    long rows = number(row.get(2));
    if (row.get(1) == null) {
      return "height " + height + ": " + rows + " transactions rows but no blocks row";
    }
    long txCount = number(row.get(1));
    long first = number(row.get(4));
    String detail = "height " + height + ": blocks.tx_count " + txCount + ", " + rows + " transactions rows";
    if (row.get(5) != null) {
      detail += " with " + number(row.get(3)) + " distinct tx_id in " + number(row.get(5)) + ".." + number(row.get(6));
    }
    return detail + " (expected " + first + ".." + (first + txCount - 1) + ")";
  }

  /** e.g. "height 113: blocks.output_count 6, 5 tx_outputs rows, 1 repeated (tx_id, vout)". */
  private static String countDetail(List<Object> row, String countColumn, String table, String index) {
    String rowsName = table + " rows";
    String key = "(tx_id, " + index + ")";
    long height = number(row.get(0));
    long duplicates = number(row.get(3));
    String repeated = duplicates == 0 ? "" : ", " + duplicates + " repeated " + key;
    if (row.get(1) == null) {
      return "height " + height + ": " + number(row.get(2)) + " " + rowsName + " but no blocks row" + repeated;
    }
    return "height " + height + ": blocks." + countColumn + " " + number(row.get(1)) + ", " + number(row.get(2)) + " "
        + rowsName + repeated;
  }

  /** Every height of the range has exactly one blocks row. */
  private ReconciliationCheck heights(HeightRange range) {
    String name = "rows.heights";
    String scope = range.toString();
    List<Object> present = query(HEIGHTS_PRESENT, range, 1).get(0);
    long missing = range.size() - number(present.get(0));
    long firstMissing = Long.MAX_VALUE;
    if (missing > 0) {
      firstMissing = firstMissing(range, present);
    }
    List<List<Object>> doubled = query(HEIGHTS_DOUBLED, range, 1);
    long doubledCount = doubled.isEmpty() ? 0 : number(doubled.get(0).get(2));
    if (missing == 0 && doubledCount == 0) {
      return new ReconciliationCheck(name, scope, range.size(), 0, "every height present exactly once");
    }
    long firstDoubled = doubled.isEmpty() ? Long.MAX_VALUE : number(doubled.get(0).get(0));
    String first =
        firstMissing < firstDoubled
            ? "height " + firstMissing + ": no blocks row"
            : "height " + firstDoubled + ": " + number(doubled.get(0).get(1)) + " blocks rows";
    return new ReconciliationCheck(
        name, scope, range.size(), missing + doubledCount, first + " (" + missing + " missing, " + doubledCount + " doubled)");
  }

  private long firstMissing(HeightRange range, List<Object> present) {
    if (present.get(1) == null || number(present.get(1)) > range.first()) {
      return range.first();
    }
    List<List<Object>> gap = query(HEIGHTS_FIRST_GAP, range, 1);
    if (!gap.isEmpty()) {
      return number(gap.get(0).get(0));
    }
    // no gap between present heights: the missing ones are above the highest
    return number(present.get(2)) + 1;
  }

  /** Runs {@code sql} with the range bound {@code ranges} times (once per subquery that filters by height). */
  private List<List<Object>> query(String sql, HeightRange range, int ranges) {
    Object[] parameters = new Object[2 * ranges];
    for (int i = 0; i < ranges; i++) {
      parameters[2 * i] = range.first();
      parameters[2 * i + 1] = range.last();
    }
    return warehouse.query(sql.replace("{schema}", schema), parameters).rows();
  }
}
