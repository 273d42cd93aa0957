package org.openbds.postgres;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
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
import org.openbds.api.Warehouse;
import org.openbds.api.WriteTransaction;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The warehouse on a PostgreSQL server: a schema per chain, and the table {@code main.bds_chains} (made by the Flyway
 * migrations in {@code db/migration}) holding each chain's network and checkpoint, as in the DuckDB warehouse, so that
 * the product's SQL names the same tables. Rows are appended with COPY; a write transaction holds one pooled
 * connection, and reads run on the others, seeing committed data only.
 *
 * <p>As a server's {@link ReadAccess}, each reader is a connection of its own, outside the pool (a server keeps its
 * readers open, and the pool stays for the writer and {@link #query}); the SQL sandbox's rules are
 * {@link PostgresSandboxCheck}'s.
 *
 * <p>Thread-safety: reads ({@link #query}, {@link #stream}) may run on any thread; one write transaction, load or
 * batch at a time.
 */
public final class PostgresWarehouse implements Warehouse, ReadAccess {
  static final int SCHEMA_VERSION = 1;
  /** Rows a streamed query fetches at a time. */
  static final int FETCH_SIZE = 10_000;
  private static final int POOL_SIZE = 8;
  /** Rows a reader in a read-only transaction (the SQL sandbox's) fetches at a time, so a large result is never whole in memory. */
  static final int READER_FETCH_SIZE = 1_000;

  private final PostgresUrl url;
  private final PGSimpleDataSource source;
  private final HikariDataSource pool;
  private final Map<ChainId, List<TableSchema>> tables = new ConcurrentHashMap<>();
  /** The columns of the chains' tables, read from the server once. */
  private final Map<String, TableColumns> columns = new ConcurrentHashMap<>();
  private final AtomicReference<Object> writing = new AtomicReference<>();

  private PostgresWarehouse(PostgresUrl url, PGSimpleDataSource source, HikariDataSource pool) {
    this.url = url;
    this.source = source;
    this.pool = pool;
  }

  /** Opens the warehouse at {@code url} ({@code postgresql://user:password@host:port/database}). */
  public static PostgresWarehouse open(String url) {
    return open(PostgresUrl.parse(url));
  }

  /** Connects, then brings the bookkeeping tables up to date with the migrations. */
  public static PostgresWarehouse open(PostgresUrl url) {
    requireNonNull(url, "url is null");
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setServerNames(new String[] {url.host()});
    source.setPortNumbers(new int[] {url.port()});
    source.setDatabaseName(url.database());
    source.setUser(url.user());
    url.password().ifPresent(source::setPassword);
    url.sslMode().ifPresent(source::setSslmode);
    source.setApplicationName("openbds");
    source.setTcpKeepAlive(true);
    // the product's SQL functions that PostgreSQL lacks (migration V3), after the default schema
    source.setCurrentSchema("public,bds_sql");
    source.setConnectTimeout(10);

    HikariConfig config = new HikariConfig();
    config.setDataSource(source);
    config.setPoolName("openbds-postgres");
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    config.setAutoCommit(true);
    config.setConnectionTimeout(30_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw connectionFailure(url, e);
    }
    try {
      PostgresMigrations.migrate(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new PostgresWarehouse(url, source, pool);
  }

  /** A failure to connect, named by its cause: a wrong password or database is the configuration's fault. */
  private static BdsException connectionFailure(PostgresUrl url, RuntimeException e) {
    SQLException sql = null;
    for (Throwable t = e; t != null && sql == null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        sql = s;
      }
    }
    String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
    ErrorCode code = state.startsWith("28") || state.equals("3D000") ? ErrorCode.INVALID_CONFIG : ErrorCode.WAREHOUSE_FAILURE;
    String reason = sql != null ? sql.getMessage() : e.getMessage();
    return new BdsException(code, "cannot connect to the PostgreSQL warehouse " + url + ": " + reason, e);
  }

  /** Where the warehouse is, without the password. */
  public PostgresUrl url() {
    return url;
  }

  /** A connection of its own (auto-commit, so each statement sees what is committed when it starts); closing it leaves the warehouse open. */
  @Override
  public Connection openReader() {
    try {
      Connection c = source.getConnection();
      c.unwrap(org.postgresql.PGConnection.class).setDefaultFetchSize(READER_FETCH_SIZE);
      return c;
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot open a reader on " + url + ": " + e.getMessage(), e);
    }
  }

  @Override
  public QueryResult read(ResultSet rs) throws SQLException {
    return PostgresResults.read(rs);
  }

  @Override
  public void checkSandboxed(Connection reader, String sql) {
    PostgresSandboxCheck.check(reader, sql);
  }

  /**
   * Starts a transaction with {@code SET TRANSACTION READ ONLY}: PostgreSQL then refuses every write, lock and change of
   * a sequence in it. The caller's {@code ROLLBACK} ends it; the reader stays out of auto-commit, so results are read
   * {@value #READER_FETCH_SIZE} rows at a time.
   */
  @Override
  public void beginReadOnly(Connection reader) {
    try {
      reader.setAutoCommit(false);
      try (Statement st = reader.createStatement()) {
        st.execute("SET TRANSACTION READ ONLY");
      }
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot start a read-only transaction: " + e.getMessage(), e);
    }
  }

  /**
   * Nothing to do: a PostgreSQL server never reads the client's files, and what it could reach itself (its files,
   * programs, other servers through an extension) only functions and statements do that the sandbox refuses
   * ({@link PostgresSandboxCheck}) and that need privileges a warehouse's role should not have — serve with a role that
   * is not a superuser (docs/postgres.md).
   */
  @Override
  public void disableExternalAccess() {}

  @Override
  public void ensureChain(ChainId chain, String network, List<TableSchema> chainTables, List<ViewSchema> views) {
    Optional<String> existing = network(chain);
    if (existing.isPresent() && !existing.get().equals(network)) {
      throw new BdsException(
          ErrorCode.CHECKPOINT_MISMATCH,
          "the warehouse holds " + chain + " " + existing.get() + ", not " + network + "; use another database");
    }
    String s = chain.value();
    inTransaction("creating the schema of " + chain, c -> {
      // processes sharing the server (splitters of one consumer group) may create the same chain at once: one at a time
      execute(c, chainLock(chain));
      execute(c, "CREATE SCHEMA IF NOT EXISTS " + s);
      for (TableSchema t : chainTables) {
        execute(c, PostgresTypes.createTable(s, t));
      }
      for (String index : PostgresIndexes.statements(s, chainTables)) {
        execute(c, index);
      }
      for (ViewSchema v : views) {
        createView(c, s, v);
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO main.bds_chains (chain, network, schema_version) VALUES (?, ?, ?) ON CONFLICT (chain) DO NOTHING")) {
        ps.setString(1, s);
        ps.setString(2, network);
        ps.setInt(3, SCHEMA_VERSION);
        ps.executeUpdate();
      }
    });
    tables.put(chain, List.copyOf(chainTables));
    columns.keySet().removeIf(k -> k.startsWith(s + "."));
  }

  /**
   * {@code CREATE OR REPLACE VIEW}, which PostgreSQL refuses when the view's columns changed other than by new ones at
   * the end: then the view is dropped and made again (still in the same transaction).
   */
  private static void createView(Connection c, String schema, ViewSchema v) throws SQLException {
    String name = schema + "." + v.name();
    java.sql.Savepoint before = c.setSavepoint();
    try {
      execute(c, "CREATE OR REPLACE VIEW " + name + " AS " + v.sql(schema));
    } catch (SQLException e) {
      if (!"42P16".equals(e.getSQLState()) && !"42804".equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(before);
      execute(c, "DROP VIEW " + name);
      execute(c, "CREATE VIEW " + name + " AS " + v.sql(schema));
    }
  }

  /** Drops the chain's lookup indexes (they are made once, in bulk, at {@link #endBulkLoad}); the height indexes stay. */
  @Override
  public void beginBulkLoad(ChainId chain) {
    executeAtomically(withChainLock(chain, PostgresIndexes.dropLookups(chain.value(), chainTables(chain))));
  }

  /** Makes every lookup index of the chain that is missing (a bulk build: a sort, far cheaper than row by row). */
  @Override
  public void endBulkLoad(ChainId chain) {
    executeAtomically(withChainLock(chain, PostgresIndexes.lookups(chain.value(), chainTables(chain))));
  }

  /** {@code statements} after the chain's lock: processes sharing the server change a chain's schema one at a time. */
  private static List<String> withChainLock(ChainId chain, List<String> statements) {
    List<String> out = new java.util.ArrayList<>();
    out.add(chainLock(chain));
    out.addAll(statements);
    return out;
  }

  private static String chainLock(ChainId chain) {
    return "SELECT pg_advisory_xact_lock(" + chainLockKey(chain) + ")";
  }

  private static String chainLockKey(ChainId chain) {
    return "hashtext('bds.chain." + chain.value() + "')";
  }

  private List<TableSchema> chainTables(ChainId chain) {
    List<TableSchema> t = tables.get(chain);
    if (t == null) {
      throw new BdsException(ErrorCode.UNKNOWN_CHAIN, "chain " + chain + " was not opened in this warehouse (ensureChain first)");
    }
    return t;
  }

  @Override
  public WriteTransaction begin(ChainId chain) {
    List<TableSchema> chainTables = tables.get(chain);
    if (chainTables == null) {
      throw new IllegalStateException("ensureChain was not called for " + chain);
    }
    Object claim = new Object();
    if (!writing.compareAndSet(null, claim)) {
      throw new IllegalStateException("a write transaction is already open");
    }
    Connection c;
    try {
      c = pool.getConnection();
      c.setAutoCommit(false);
      // writers of a chain share its lock; changes of its schema and indexes (ensureChain, bulk loads) take it alone, so
      // that neither waits on the other's table locks in a different order (no deadlock between processes)
      try (Statement st = c.createStatement()) {
        st.execute("SELECT pg_advisory_xact_lock_shared(" + chainLockKey(chain) + ")");
      }
    } catch (SQLException | RuntimeException e) {
      writing.set(null);
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot start a write to " + chain + " on " + url + ": " + e.getMessage(), e);
    }
    PostgresWriteTransaction transaction = new PostgresWriteTransaction(this, c, chain, chainTables);
    writing.set(transaction);
    return transaction;
  }

  /** Gives the connection of a finished write transaction back to the pool. */
  void release(PostgresWriteTransaction transaction, Connection c) {
    try {
      c.setAutoCommit(true);
      c.close();
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "releasing a connection to " + url + ": " + e.getMessage(), e);
    } finally {
      writing.compareAndSet(transaction, null);
    }
  }

  /**
   * A COPY writer for a chain's table, on the write transaction's connection. The table's columns are read on another
   * connection: the transaction's may be in the middle of another table's COPY, which no other statement can interrupt.
   */
  CopyRowWriter copyWriter(CopySession session, String schema, String table) {
    TableColumns t = columns.computeIfAbsent(schema + "." + table, k -> {
      try (Connection other = pool.getConnection()) {
        return TableColumns.read(other, schema, table);
      } catch (SQLException e) {
        throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot read the columns of " + k + ": " + e.getMessage(), e);
      }
    });
    return copyWriter(session, t);
  }

  static CopyRowWriter copyWriter(CopySession session, TableColumns t) {
    return new BinaryCopyWriter(session, t);
  }

  @Override
  public QueryResult query(String sql, Object... parameters) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      org.openbds.api.SqlParameters.bind(ps, parameters, "bigint");
      try (ResultSet rs = ps.executeQuery()) {
        return PostgresResults.read(rs);
      }
    } catch (SQLException e) {
      throw new BdsException(queryErrorCode(e), e.getMessage(), e);
    }
  }

  /** A query that the server could not run for its own reasons (down, out of space) is not the query's fault. */
  private static ErrorCode queryErrorCode(SQLException e) {
    if (e instanceof java.sql.SQLTransientConnectionException || e instanceof java.sql.SQLNonTransientConnectionException) {
      // no connection (the pool's wait for one timed out, the server went away)
      return ErrorCode.WAREHOUSE_FAILURE;
    }
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("58") || state.startsWith("XX")
        ? ErrorCode.WAREHOUSE_FAILURE
        : ErrorCode.INVALID_ARGUMENT;
  }

  /** Streams with a cursor: {@value #FETCH_SIZE} rows are in memory at a time, whatever the result's size. */
  @Override
  public void stream(String sql, RowHandler handler) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.setFetchSize(FETCH_SIZE);
        try (ResultSet rs = st.executeQuery(sql)) {
          while (rs.next()) {
            handler.row(rs);
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "reading " + sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void executeAtomically(List<String> statements) {
    exclusively(() -> inTransaction(null, c -> {
      for (String sql : statements) {
        executeNamed(c, sql);
      }
    }));
  }

  @Override
  public void loadAtomically(List<String> before, List<TableLoad> loads, List<String> after) {
    exclusively(() -> inTransaction(null, c -> {
      for (String sql : before) {
        executeNamed(c, sql);
      }
      for (TableLoad load : loads) {
        CopyRowWriter writer = copyWriter(new CopySession(c), TableColumns.read(c, load.schema(), load.table()));
        boolean finished = false;
        try {
          load.rows().accept(writer);
          writer.finish();
          finished = true;
        } finally {
          if (!finished) {
            writer.abort();
          }
        }
      }
      for (String sql : after) {
        executeNamed(c, sql);
      }
    }));
  }

  private void exclusively(Runnable work) {
    Object claim = new Object();
    if (!writing.compareAndSet(null, claim)) {
      throw new IllegalStateException("a write transaction is already open");
    }
    try {
      work.run();
    } finally {
      writing.compareAndSet(claim, null);
    }
  }

  @FunctionalInterface
  private interface Work {
    void run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction on a pooled connection: committed if it returns, rolled back if it throws.
   * An SQL error becomes a {@link ErrorCode#WAREHOUSE_FAILURE} (prefixed with {@code what} when given); other
   * exceptions pass as they are.
   */
  private void inTransaction(String what, Work work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException | Error e) {
        try {
          c.rollback();
        } catch (SQLException x) {
          e.addSuppressed(x);
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, what == null ? e.getMessage() : what + ": " + e.getMessage(), e);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Runs {@code sql}; its failure names it. */
  private static void executeNamed(Connection c, String sql) throws SQLException {
    try {
      execute(c, sql);
    } catch (SQLException e) {
      throw new SQLException(e.getMessage() + " [" + sql + "]", e.getSQLState(), e);
    }
  }

  /** Runs one statement outside any write transaction (DDL, maintenance). */
  public void execute(String sql) {
    inTransaction(null, c -> executeNamed(c, sql));
  }

  /** The size of the warehouse's database on the server. */
  @Override
  public SqlDialect dialect() {
    return SqlDialect.POSTGRESQL;
  }

  @Override
  public long sizeBytes() {
    return ((Number) query("SELECT pg_database_size(current_database())").rows().get(0).get(0)).longValue();
  }

  @Override
  public void close() {
    Object current = writing.get();
    try {
      if (current instanceof PostgresWriteTransaction transaction) {
        transaction.close();
      }
    } finally {
      pool.close();
    }
  }
}
