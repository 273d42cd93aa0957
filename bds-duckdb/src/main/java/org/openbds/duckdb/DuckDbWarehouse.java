package org.openbds.duckdb;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.duckdb.DuckDBConnection;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.Column;
import org.openbds.api.ErrorCode;
import org.openbds.api.QueryResult;
import org.openbds.api.RowHandler;
import org.openbds.api.SqlDialect;
import org.openbds.api.TableLoad;
import org.openbds.api.TableSchema;
import org.openbds.api.ViewSchema;
import org.openbds.api.Warehouse;
import org.openbds.api.WriteTransaction;

/**
 * The embedded warehouse: one DuckDB file, a schema per chain, and the table {@code main.bds_chains} holding each
 * chain's network and checkpoint. DuckDB allows one writing process per file; this object is used by one thread.
 */
public final class DuckDbWarehouse implements Warehouse, org.openbds.api.ReadAccess {
  public static final String FILE_NAME = "openbds.duckdb";
  static final int SCHEMA_VERSION = 1;

  private final Path file;
  private final Connection connection;
  private final Map<ChainId, List<TableSchema>> tables = new HashMap<>();
  private DuckDbWriteTransaction open;

  private DuckDbWarehouse(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /** Opens (creating if needed) the warehouse file {@value #FILE_NAME} in {@code directory}. */
  public static DuckDbWarehouse open(Path directory) {
    requireNonNull(directory, "directory is null");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot create warehouse directory " + directory + ": " + e.getMessage(), e);
    }
    Path file = directory.resolve(FILE_NAME);
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
      DuckDbWarehouse w = new DuckDbWarehouse(file, c);
      w.execute("SET memory_limit = '" + memoryLimitMiB() + "MiB'");
      w.execute(
          "CREATE TABLE IF NOT EXISTS main.bds_chains (chain VARCHAR PRIMARY KEY, network VARCHAR NOT NULL,"
              + " schema_version INTEGER NOT NULL, tip_height BIGINT, tip_hash VARCHAR, updated_at TIMESTAMP, queue_position VARCHAR)");
      // warehouses made before chains could be fed from a block queue
      w.execute("ALTER TABLE main.bds_chains ADD COLUMN IF NOT EXISTS queue_position VARCHAR");
      return w;
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot open warehouse " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * DuckDB's memory limit: the environment variable {@code BDS_DUCKDB_MEMORY_MIB} if set, else 40% of the machine's
   * memory. DuckDB's own default (80%) leaves too little for the JVM beside it; above the limit DuckDB spills large
   * sorts and joins to a temporary directory next to the file instead of growing.
   */
  static long memoryLimitMiB() {
    String configured = System.getenv("BDS_DUCKDB_MEMORY_MIB");
    if (configured != null && !configured.isBlank()) {
      try {
        long mib = Long.parseLong(configured.strip());
        if (mib < 256) {
          throw new BdsException(ErrorCode.INVALID_CONFIG, "BDS_DUCKDB_MEMORY_MIB must be at least 256, not " + mib);
        }
        return mib;
      } catch (NumberFormatException e) {
        throw new BdsException(ErrorCode.INVALID_CONFIG, "BDS_DUCKDB_MEMORY_MIB must be a number of MiB, not '" + configured + "'", e);
      }
    }
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long total = os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize()
        : 4L << 30;
    return Math.max(256, total * 2 / 5 >> 20);
  }

  /** A connection of its own to the same database (DuckDB's {@code duplicate}): it sees committed data only. */
  @Override
  public Connection openReader() {
    try {
      return ((DuckDBConnection) connection).duplicate();
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot open a reader on " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void checkSandboxed(Connection reader, String sql) {
    DuckDbSandboxCheck.check(reader, sql);
  }

  @Override
  public void beginReadOnly(Connection reader) {
    try (Statement st = reader.createStatement()) {
      st.execute("BEGIN TRANSACTION READ ONLY");
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot start a read-only transaction: " + e.getMessage(), e);
    }
  }

  /** DuckDB's {@code enable_external_access = false}, for the whole database: it cannot be set back while open. */
  @Override
  public void disableExternalAccess() {
    execute("SET enable_external_access = false");
  }

  public Path file() {
    return file;
  }

  @Override
  public void ensureChain(ChainId chain, String network, List<TableSchema> chainTables, List<ViewSchema> views) {
    Optional<String> existing = network(chain);
    if (existing.isPresent() && !existing.get().equals(network)) {
      throw new BdsException(
          ErrorCode.CHECKPOINT_MISMATCH,
          "the warehouse holds " + chain + " " + existing.get() + ", not " + network + "; use another --data directory");
    }
    String s = chain.value();
    execute("CREATE SCHEMA IF NOT EXISTS " + s);
    for (TableSchema t : chainTables) {
      execute(createTable(s, t));
    }
    for (ViewSchema v : views) {
      execute("CREATE OR REPLACE VIEW " + s + "." + v.name() + " AS " + v.sql(s));
    }
    if (existing.isEmpty()) {
      update("INSERT INTO main.bds_chains (chain, network, schema_version) VALUES (?, ?, ?)", s, network, SCHEMA_VERSION);
    }
    tables.put(chain, List.copyOf(chainTables));
  }

  static String createTable(String schema, TableSchema t) {
    StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(schema).append('.').append(t.name()).append(" (");
    for (int i = 0; i < t.columns().size(); i++) {
      Column c = t.columns().get(i);
      sql.append(i == 0 ? "" : ", ").append(DuckDbTypes.columnDefinitions(c));
    }
    return sql.append(')').toString();
  }

  @Override
  public WriteTransaction begin(ChainId chain) {
    List<TableSchema> chainTables = tables.get(chain);
    if (chainTables == null) {
      throw new IllegalStateException("ensureChain was not called for " + chain);
    }
    if (open != null) {
      throw new IllegalStateException("a write transaction is already open");
    }
    // Appending runs on the caller's thread; while a write is open DuckDB's own worker threads would only compete with
    // the importer's threads for cores, so they are held to one and given back when the transaction ends.
    execute("SET threads = 1");
    execute("BEGIN TRANSACTION");
    open = new DuckDbWriteTransaction(this, (DuckDBConnection) connection, chain, chainTables);
    return open;
  }

  void finished(DuckDbWriteTransaction transaction) {
    if (open == transaction) {
      open = null;
      execute("RESET threads");
    }
  }

  @Override
  public QueryResult query(String sql, Object... parameters) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      org.openbds.api.SqlParameters.bind(ps, parameters, "BIGINT");
      try (ResultSet rs = ps.executeQuery()) {
        return QueryResult.read(rs);
      }
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
    }
  }


  @Override
  public void stream(String sql, RowHandler handler) {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        handler.row(rs);
      }
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "reading " + sql + ": " + e.getMessage(), e);
    }
  }

  /**
   * Each statement is parsed and planned when it runs: statements kept prepared from one batch to the next were seen
   * to miss rows of blocks written after a reorg's rollback had removed others (the metrics of a sync through reorgs,
   * {@code SyncServeIT}).
   */
  @Override
  public void executeAtomically(List<String> statements) {
    if (open != null) {
      throw new IllegalStateException("a write transaction is already open");
    }
    try {
      runAtomically(statements);
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, e.getMessage(), e);
    }
  }


  @Override
  public void loadAtomically(List<String> before, List<TableLoad> loads, List<String> after) {
    if (open != null) {
      throw new IllegalStateException("a write transaction is already open");
    }
    String current = "BEGIN TRANSACTION";
    try (Statement st = connection.createStatement()) {
      st.execute(current);
      try {
        for (String sql : before) {
          current = sql;
          st.execute(sql);
        }
        for (TableLoad load : loads) {
          current = "appending to " + load.schema() + "." + load.table();
          DuckDbRowWriter writer =
              new DuckDbRowWriter(connection.unwrap(DuckDBConnection.class).createAppender(load.schema(), load.table()), load.schema() + "." + load.table());
          try {
            load.rows().accept(writer);
          } finally {
            writer.close();
          }
        }
        for (String sql : after) {
          current = sql;
          st.execute(sql);
        }
        current = "COMMIT";
        st.execute(current);
      } catch (SQLException | RuntimeException e) {
        try (Statement undo = connection.createStatement()) {
          undo.execute("ROLLBACK");
        } catch (SQLException x) {
          e.addSuppressed(x);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, e.getMessage() + " [" + current + "]", e);
    }
  }

  /** Runs the batch in one transaction; on failure rolls it back and throws the error with the failing statement. */
  private void runAtomically(List<String> statements) throws SQLException {
    String current = null;
    try (Statement st = connection.createStatement()) {
      st.execute("BEGIN TRANSACTION");
      try {
        for (String sql : statements) {
          current = sql;
          try (Statement once = connection.createStatement()) {
            once.execute(sql);
          }
        }
        current = "COMMIT";
        st.execute("COMMIT");
      } catch (SQLException e) {
        rollback(e);
        throw e;
      }
    } catch (SQLException e) {
      SQLException named = new SQLException(e.getMessage() + " [" + current + "]", e.getSQLState(), e);
      throw named;
    }
  }

  /**
   * Ends the failed transaction on a statement of its own: the driver closes a statement whose execution failed, and
   * a ROLLBACK on it would fail too, leaving the connection in an aborted transaction and hiding the first error.
   */
  private void rollback(SQLException cause) {
    try (Statement st = connection.createStatement()) {
      st.execute("ROLLBACK");
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** Runs one statement outside any write transaction (DDL, maintenance). */
  public void execute(String sql) {
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, e.getMessage() + " [" + sql + "]", e);
    }
  }

  int update(String sql, Object... parameters) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, e.getMessage() + " [" + sql + "]", e);
    }
  }

  @Override
  public SqlDialect dialect() {
    return SqlDialect.DUCKDB;
  }

  @Override
  public long sizeBytes() {
    long size = 0;
    for (Path p : List.of(file, file.resolveSibling(file.getFileName() + ".wal"))) {
      try {
        if (Files.exists(p)) {
          size += Files.size(p);
        }
      } catch (IOException e) {
        throw new BdsException(ErrorCode.IO_FAILURE, "cannot stat " + p, e);
      }
    }
    return size;
  }

  @Override
  public void close() {
    try {
      if (open != null) {
        open.close();
      }
      connection.close();
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "closing " + file + ": " + e.getMessage(), e);
    }
  }
}
