package org.openbds.bitcoin.verify;

import static java.util.Objects.requireNonNull;
import static org.openbds.bitcoin.verify.SqlValues.number;
import static org.openbds.bitcoin.verify.SqlValues.optionalNumber;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.openbds.bitcoin.profile.SubsidySchedule;
import org.openbds.api.ChainId;
import org.openbds.api.Hash32;
import org.openbds.api.Warehouse;

/**
 * Reads the warehouse's side of {@code getblockstats}: per block the block row's figures and the aggregates of its
 * non-coinbase transactions, two grouped queries per range of heights.
 */
final class BlockFigureReader {
  private static final String BLOCKS =
      """
      SELECT height, hash, tx_count, input_count, output_count, output_value - coinbase_value AS total_out, fee,
             coinbase_value
      FROM {schema}.blocks
      WHERE height BETWEEN ? AND ?
      ORDER BY height""";

  /**
   * Fee rates are fee × 4 / weight rounded down; (a − a mod b) / b is that integer division in every SQL dialect,
   * whether / divides integers exactly (DuckDB) or truncates (PostgreSQL).
   */
  private static final String TRANSACTIONS =
      """
      SELECT block_height,
             COUNT(*) FILTER (WHERE fee IS NULL) AS unknown_fees,
             CAST(SUM(size) AS BIGINT) AS total_size,
             CAST(SUM(weight) AS BIGINT) AS total_weight,
             COUNT(*) FILTER (WHERE has_witness) AS swtxs,
             CAST(COALESCE(SUM(size) FILTER (WHERE has_witness), 0) AS BIGINT) AS swtotal_size,
             CAST(COALESCE(SUM(weight) FILTER (WHERE has_witness), 0) AS BIGINT) AS swtotal_weight,
             MIN(size) AS mintxsize,
             MAX(size) AS maxtxsize,
             MIN(fee) AS minfee,
             MAX(fee) AS maxfee,
             MIN(CAST((fee * 4 - MOD(fee * 4, weight)) / weight AS BIGINT)) AS minfeerate,
             MAX(CAST((fee * 4 - MOD(fee * 4, weight)) / weight AS BIGINT)) AS maxfeerate
      FROM {schema}.transactions
      WHERE block_height BETWEEN ? AND ? AND NOT is_coinbase
      GROUP BY block_height""";

  private final Warehouse warehouse;
  private final String schema;
  private final Optional<SubsidySchedule> subsidy;

  BlockFigureReader(Warehouse warehouse, ChainId chain, Optional<SubsidySchedule> subsidy) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.schema = requireNonNull(chain, "chain is null").value();
    this.subsidy = requireNonNull(subsidy, "subsidy is null");
  }

  /**
   * The figures of every block the warehouse holds in {@code range}, by height. Heights it lacks are absent; of a height
   * it holds twice the first row counts (the row checks report the doubling).
   */
  Map<Long, BlockFigures> read(HeightRange range) {
    Map<Long, TransactionFigures> transactions = new HashMap<>();
    for (List<Object> row : query(TRANSACTIONS, range)) {
      transactions.put(number(row.get(0)), transactionFigures(row));
    }
    Map<Long, BlockFigures> blocks = new HashMap<>();
    for (List<Object> row : query(BLOCKS, range)) {
      long height = number(row.get(0));
      blocks.putIfAbsent(
          height,
          new BlockFigures(
              height,
              Hash32.parse((String) row.get(1)),
              number(row.get(2)),
              number(row.get(3)),
              number(row.get(4)),
              number(row.get(5)),
              optionalNumber(row.get(6)),
              number(row.get(7)),
              transactions.getOrDefault(height, TransactionFigures.NONE),
              subsidy.map(schedule -> OptionalLong.of(schedule.subsidy(height))).orElse(OptionalLong.empty())));
    }
    return blocks;
  }

  private static TransactionFigures transactionFigures(List<Object> row) {
    boolean feesKnown = number(row.get(1)) == 0;
    return new TransactionFigures(
        number(row.get(2)),
        number(row.get(3)),
        number(row.get(4)),
        number(row.get(5)),
        number(row.get(6)),
        number(row.get(7)),
        number(row.get(8)),
        feesKnown ? optionalNumber(row.get(9)) : OptionalLong.empty(),
        feesKnown ? optionalNumber(row.get(10)) : OptionalLong.empty(),
        feesKnown ? optionalNumber(row.get(11)) : OptionalLong.empty(),
        feesKnown ? optionalNumber(row.get(12)) : OptionalLong.empty());
  }

  private List<List<Object>> query(String sql, HeightRange range) {
    return warehouse.query(sql.replace("{schema}", schema), range.first(), range.last()).rows();
  }
}
