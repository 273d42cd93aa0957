package org.openbds.server;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.QueryResult;
import org.openbds.api.ReadAccess;
import org.openbds.api.RowHandler;
import org.openbds.api.SqlDialect;
import org.openbds.api.TableLoad;
import org.openbds.api.TableSchema;
import org.openbds.api.ViewSchema;
import org.openbds.api.WriteTransaction;
import org.openbds.api.Warehouse;

/**
 * The warehouse as one investigation reads it (a trace, a path search, an address profile): a reader connection of
 * its own in one read-only transaction, so every query of it sees the same committed state whatever a sync in the
 * same process writes meanwhile, under one time limit for all of its queries (a query running at the limit is
 * cancelled, and none starts after it: 408). It writes nothing: the only statements it accepts besides queries are
 * creations of tables that already exist ({@code CREATE TABLE IF NOT EXISTS}), which the forensics code runs before it
 * reads its own tables and which change nothing.
 *
 * <p>Used by one request's thread; closing it ends the transaction and closes the reader.
 */
final class SnapshotWarehouse implements Warehouse {
  private static final Pattern CREATE_IF_MISSING =
      Pattern.compile("CREATE TABLE IF NOT EXISTS ([a-z_][a-z0-9_]*)\\.([a-z_][a-z0-9_]*)\\b.*", Pattern.DOTALL);

  private final ReadAccess access;
  private final Connection reader;
  private final WarehouseDialect dialect;
  private final ScheduledExecutorService timer;
  private final Duration limit;
  private final long deadline;
  private final boolean snapshot;

  private SnapshotWarehouse(ReadAccess access, ScheduledExecutorService timer, Duration limit, boolean snapshot) {
    this.timer = requireNonNull(timer, "timer is null");
    this.limit = requireNonNull(limit, "limit is null");
    this.deadline = System.nanoTime() + limit.toNanos();
    this.snapshot = snapshot;
    this.access = requireNonNull(access, "access is null");
    this.reader = access.openReader();
    this.dialect = WarehouseDialect.of(access.dialect());
    if (snapshot) {
      try {
        access.beginReadOnly(reader);
      } catch (RuntimeException e) {
        closeQuietly();
        throw e;
      }
    }
  }

  /** A read-only snapshot whose queries all end within {@code limit} from now. */
  static SnapshotWarehouse open(ReadAccess access, ScheduledExecutorService timer, Duration limit) {
    return new SnapshotWarehouse(access, timer, limit, true);
  }

  /**
   * For start-up, outside any transaction: creates the tables the forensics code creates on first use
   * ({@code CREATE TABLE IF NOT EXISTS}), so that snapshots later find them.
   */
  static SnapshotWarehouse forSetUp(ReadAccess access, ScheduledExecutorService timer, Duration limit) {
    return new SnapshotWarehouse(access, timer, limit, false);
  }

  @Override
  public QueryResult query(String sql, Object... parameters) {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      throw timeout();
    }
    AtomicBoolean cancelled = new AtomicBoolean();
    try (PreparedStatement ps = reader.prepareStatement(sql)) {
      org.openbds.api.SqlParameters.bind(ps, parameters, dialect.bigintArrayElement);
      ScheduledFuture<?> cancel = timer.schedule(() -> {
        cancelled.set(true);
        try {
          ps.cancel();
        } catch (SQLException e) {
          // the statement finished or closed meanwhile: nothing left to stop
        }
      }, remaining, TimeUnit.NANOSECONDS);
      try (ResultSet rs = ps.executeQuery()) {
        return access.read(rs);
      } finally {
        cancel.cancel(false);
      }
    } catch (SQLException e) {
      if (cancelled.get()) {
        throw timeout();
      }
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "reading the warehouse failed: " + e.getMessage(), e);
    }
  }

  /** The values the warehouse's own {@code query} gives: lists for arrays, bytes for blobs, local UTC times. */

  private ApiException timeout() {
    return new ApiException(
        408, "QUERY_TIMEOUT", "the investigation was cancelled at the time limit of " + limit.toMillis() + " ms (sql.timeout)",
        Map.of("limit_ms", limit.toMillis()));
  }

  /**
   * Accepts only {@code CREATE TABLE IF NOT EXISTS}: in a snapshot, of tables that exist (nothing to do); at start-up,
   * run for real.
   */
  @Override
  public void executeAtomically(List<String> statements) {
    List<String> missing = new ArrayList<>();
    for (String statement : statements) {
      Matcher m = CREATE_IF_MISSING.matcher(statement.strip());
      if (!m.matches()) {
        throw new UnsupportedOperationException("the API reads the warehouse only; refused: " + Identifiers.shorten(statement));
      }
      if (query("SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?", m.group(1), m.group(2)).rows().isEmpty()) {
        missing.add(statement);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    if (snapshot) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "a table the forensics read is missing (it is created at start-up): " + Identifiers.shorten(missing.get(0)));
    }
    try (Statement st = reader.createStatement()) {
      for (String statement : missing) {
        st.execute(statement);
      }
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot create a table of the forensics: " + e.getMessage(), e);
    }
  }

  @Override
  public void ensureChain(ChainId chain, String network, List<TableSchema> tables, List<ViewSchema> views) {
    throw new UnsupportedOperationException("the API reads the warehouse only");
  }

  @Override
  public WriteTransaction begin(ChainId chain) {
    throw new UnsupportedOperationException("the API reads the warehouse only");
  }

  @Override
  public void stream(String sql, RowHandler handler) {
    throw new UnsupportedOperationException("an investigation reads whole results (query)");
  }

  @Override
  public void loadAtomically(List<String> before, List<TableLoad> loads, List<String> after) {
    throw new UnsupportedOperationException("the API reads the warehouse only");
  }

  @Override
  public SqlDialect dialect() {
    return access.dialect();
  }

  @Override
  public long sizeBytes() {
    throw new UnsupportedOperationException("not known to a snapshot");
  }

  @Override
  public void close() {
    if (snapshot) {
      try (Statement st = reader.createStatement()) {
        st.execute("ROLLBACK");
      } catch (SQLException e) {
        // the transaction ends with the connection anyway; nothing was written in it
      }
    }
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      reader.close();
    } catch (SQLException e) {
      // a reader of a warehouse that stays open: nothing is lost
    }
  }
}
