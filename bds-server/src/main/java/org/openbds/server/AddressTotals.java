package org.openbds.server;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.ReadAccess;

/**
 * Per-address totals of a Bitcoin-family chain as of one block — received, sent, outputs, inputs, distinct
 * transactions, first and last height — in {@code <chain>.bds_address_totals}, with that block's height and hash in
 * {@code <chain>.bds_address_totals_state}. An address's summary then reads its one row plus its rows in the blocks
 * since, in one statement (one snapshot): an exchange's 2.6 million transactions answer in milliseconds instead of
 * being summed on every request.
 *
 * <p>{@link #refresh} brings the totals to the chain's tip: built in full the first time (43 s at 10M transactions), then
 * by adding the blocks since (their transactions are new, so distinct counts add up exactly). When the recorded block
 * is no longer on the chain (a reorg reached below it), they are built again in full; meanwhile {@link #summary} is
 * empty and the caller sums the address's rows itself. Every refresh is one transaction on a connection of its own,
 * touching only these two tables; on PostgreSQL, where several servers may share a warehouse, it holds a lock of the
 * chain's totals, so that refreshes of two servers run one after the other.
 */
final class AddressTotals implements AutoCloseable {
  private final Connection connection;
  private final WarehouseDialect dialect;

  AddressTotals(ReadAccess access) {
    this.connection = requireNonNull(access, "access is null").openReader();
    this.dialect = WarehouseDialect.of(access.dialect());
  }

  /** Brings the totals of the chain in schema {@code s} to its tip; returns what it did (for the log). */
  synchronized String refresh(String s) {
    try (Statement st = connection.createStatement()) {
      st.execute("BEGIN TRANSACTION");
      try {
        dialect.exclusiveLock("bds.address_totals." + s).ifPresent(lock -> execute(st, lock));
        String done = refreshIn(st, s);
        st.execute("COMMIT");
        return done;
      } catch (SQLException | RuntimeException e) {
        try (Statement rollback = connection.createStatement()) {
          rollback.execute("ROLLBACK");
        } catch (SQLException r) {
          e.addSuppressed(r);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot refresh the address totals of " + s + ": " + e.getMessage(), e);
    }
  }

  private String refreshIn(Statement st, String s) throws SQLException {
    long tip = scalar(st, "SELECT coalesce(max(height), -1) FROM " + s + ".blocks");
    if (tip < 0) {
      return "no blocks";
    }
    boolean exists = scalar(st, "SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + s + "' AND table_name = 'bds_address_totals_state'") > 0;
    long at = -1;
    if (exists) {
      at = scalar(st, "SELECT coalesce(max(t.height), -1) FROM " + s + ".bds_address_totals_state t JOIN " + s + ".blocks b"
          + " ON b.height = t.height AND b.hash = t.hash");
    }
    if (at == tip) {
      return "current";
    }
    if (at < 0) {
      // the tables are created once; later builds replace their rows, not the tables: a change of the catalog would
      // have a sync in this process bind its kept statements again
      if (!exists) {
        st.execute("CREATE TABLE IF NOT EXISTS " + s + ".bds_address_totals (address_id BIGINT NOT NULL, received " + dialect.wideInteger + " NOT NULL,"
            + " sent " + dialect.wideInteger + " NOT NULL, outputs BIGINT NOT NULL, inputs BIGINT NOT NULL, tx_count BIGINT NOT NULL, first_height BIGINT,"
            + " last_height BIGINT)");
        st.execute("CREATE TABLE IF NOT EXISTS " + s + ".bds_address_totals_state (height BIGINT NOT NULL, hash VARCHAR NOT NULL)");
      }
      st.execute("DELETE FROM " + s + ".bds_address_totals");
      st.execute("INSERT INTO " + s + ".bds_address_totals " + totals(s, "block_height <= " + tip, dialect) + " ORDER BY address_id");
      st.execute("DELETE FROM " + s + ".bds_address_totals_state");
      st.execute("INSERT INTO " + s + ".bds_address_totals_state SELECT height, hash FROM " + s + ".blocks WHERE height = " + tip);
      return "built to " + tip;
    }
    st.execute("DROP TABLE IF EXISTS bds_address_delta");
    st.execute("CREATE TEMPORARY TABLE bds_address_delta AS " + totals(s, "block_height > " + at + " AND block_height <= " + tip, dialect));
    st.execute("UPDATE " + s + ".bds_address_totals AS t SET received = t.received + d.received, sent = t.sent + d.sent,"
        + " outputs = t.outputs + d.outputs, inputs = t.inputs + d.inputs, tx_count = t.tx_count + d.tx_count, last_height = d.last_height"
        + " FROM bds_address_delta AS d WHERE t.address_id = d.address_id");
    st.execute("INSERT INTO " + s + ".bds_address_totals SELECT d.* FROM bds_address_delta AS d"
        + " WHERE d.address_id NOT IN (SELECT address_id FROM " + s + ".bds_address_totals WHERE address_id IN (SELECT address_id FROM bds_address_delta))");
    st.execute("DROP TABLE bds_address_delta");
    st.execute("DELETE FROM " + s + ".bds_address_totals_state");
    st.execute("INSERT INTO " + s + ".bds_address_totals_state SELECT height, hash FROM " + s + ".blocks WHERE height = " + tip);
    return "added heights " + (at + 1) + ".." + tip;
  }

  /** Totals per address of the rows {@code where} selects (by block height). */
  private static String totals(String s, String where, WarehouseDialect dialect) {
    return "WITH flows AS (SELECT address_id, tx_id, block_height, value AS received, 0 AS sent, 1 AS output FROM " + s + ".tx_outputs"
        + " WHERE address_id IS NOT NULL AND " + where
        + " UNION ALL SELECT address_id, tx_id, block_height, 0, coalesce(value, 0), 0 FROM " + s + ".tx_inputs"
        + " WHERE address_id IS NOT NULL AND " + where + ")"
        + " SELECT address_id, CAST(sum(received) AS " + dialect.wideInteger + ") AS received, CAST(sum(sent) AS " + dialect.wideInteger + ") AS sent, CAST(sum(output) AS BIGINT) AS outputs,"
        + " CAST(sum(1 - output) AS BIGINT) AS inputs, count(DISTINCT tx_id) AS tx_count, min(block_height) AS first_height,"
        + " max(block_height) AS last_height FROM flows GROUP BY address_id";
  }

  /**
   * The address's totals now — its row as of the recorded block plus its rows since, read in one statement — or empty
   * when there are no totals on the current chain yet (never built, or a reorg reached below them).
   */
  static Optional<Map<String, Object>> summary(ReaderPool readers, String s, Object addressId) {
    if (!readers.exists(s, "bds_address_totals_state")) {
      return Optional.empty();
    }
    Map<String, Object> r =
        readers
            .row(
                "WITH st AS (SELECT t.height AS h FROM " + s + ".bds_address_totals_state t JOIN " + s + ".blocks b ON b.height = t.height AND b.hash = t.hash),"
                    + " base AS (SELECT * FROM " + s + ".bds_address_totals WHERE address_id = ?),"
                    + " flows AS (SELECT tx_id, block_height, value AS received, 0 AS sent, 1 AS output FROM " + s + ".tx_outputs"
                    + "   WHERE address_id = ? AND block_height > (SELECT h FROM st)"
                    + "   UNION ALL SELECT tx_id, block_height, 0, coalesce(value, 0), 0 FROM " + s + ".tx_inputs"
                    + "   WHERE address_id = ? AND block_height > (SELECT h FROM st)),"
                    + " d AS (SELECT coalesce(sum(received), 0) AS received, coalesce(sum(sent), 0) AS sent, coalesce(sum(output), 0) AS outputs,"
                    + "   coalesce(sum(1 - output), 0) AS inputs, count(DISTINCT tx_id) AS tx_count, min(block_height) AS first_height,"
                    + "   max(block_height) AS last_height FROM flows)"
                    + " SELECT (SELECT count(*) FROM st) AS usable, CAST(coalesce(b.received, 0) + d.received AS BIGINT) AS received,"
                    + " CAST(coalesce(b.sent, 0) + d.sent AS BIGINT) AS sent, coalesce(b.tx_count, 0) + d.tx_count AS tx_count,"
                    + " coalesce(b.first_height, d.first_height) AS first_height, coalesce(d.last_height, b.last_height) AS last_height,"
                    + " CAST(coalesce(b.outputs, 0) + d.outputs - coalesce(b.inputs, 0) - d.inputs AS BIGINT) AS unspent_outputs"
                    + " FROM d LEFT JOIN base b ON true",
                addressId,
                addressId,
                addressId)
            .orElseThrow();
    if (((Number) r.get("usable")).longValue() == 0) {
      return Optional.empty();
    }
    r.remove("usable");
    return Optional.of(r);
  }

  private static void execute(Statement st, String sql) {
    try {
      st.execute(sql);
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "the warehouse failed: " + e.getMessage() + " [" + sql + "]", e);
    }
  }

  private static long scalar(Statement st, String sql) throws SQLException {
    try (var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot close the address totals' connection: " + e.getMessage(), e);
    }
  }
}
