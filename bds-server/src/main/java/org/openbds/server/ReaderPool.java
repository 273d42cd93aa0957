package org.openbds.server;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.ReadAccess;

/**
 * Reader connections of the warehouse for the API's own queries (blocks, transactions, addresses, metric series),
 * reused: at most {@code size} exist, each used by one request at a time. Every query here is the server's own,
 * parameterized; user SQL goes through {@link SqlSandbox}.
 */
final class ReaderPool implements AutoCloseable {
  private final ReadAccess access;
  private final BlockingQueue<Connection> idle;
  /**
   * Each reader's statements, prepared once by their text: the API's queries are a few dozen texts with parameters, so
   * after the first request each is only bound and run. A reader is used by one request at a time, and so are its
   * statements.
   */
  private final Map<Connection, Map<String, PreparedStatement>> prepared = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int PREPARED_PER_READER = 256;
  private final WarehouseDialect dialect;

  ReaderPool(ReadAccess access, int size) {
    this.access = requireNonNull(access, "access is null");
    this.idle = new ArrayBlockingQueue<>(size);
    for (int i = 0; i < size; i++) {
      idle.add(access.openReader());
    }
    this.dialect = WarehouseDialect.of(access.dialect());
  }

  ReadAccess access() {
    return access;
  }

  WarehouseDialect dialect() {
    return dialect;
  }

  /** The columns of {@code schema.table}, in their order; empty when there is no such table or view. */
  List<String> columns(String schema, String table) {
    List<String> names = new ArrayList<>();
    for (Map<String, Object> c :
        rows("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position", schema, table)) {
      names.add((String) c.get("column_name"));
    }
    return names;
  }

  /** Whether the table or view {@code schema.table} exists. */
  boolean exists(String schema, String table) {
    return row("SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?", schema, table).isPresent();
  }

  /** Runs {@code sql} with {@code parameters} and returns each row as column name → JSON-ready value. */
  List<Map<String, Object>> rows(String sql, Object... parameters) {
    Connection c = take();
    try {
      PreparedStatement ps = statement(c, sql);
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = executeQuery(c, sql, ps)) {
        ResultSetMetaData md = rs.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i), JsonValues.read(rs, md, i));
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "reading the warehouse failed: " + e.getMessage(), e);
    } finally {
      idle.add(c);
    }
  }

  private PreparedStatement statement(Connection c, String sql) throws SQLException {
    Map<String, PreparedStatement> mine = prepared.computeIfAbsent(c, k -> new java.util.LinkedHashMap<>(64, 0.75f, true));
    PreparedStatement ps = mine.get(sql);
    if (ps == null) {
      ps = c.prepareStatement(sql);
      mine.put(sql, ps);
      if (mine.size() > PREPARED_PER_READER) {
        var eldest = mine.entrySet().iterator();
        eldest.next().getValue().close();
        eldest.remove();
      }
    }
    return ps;
  }

  /** Runs a kept statement; the driver closes a statement whose execution failed, so it is forgotten then. */
  private ResultSet executeQuery(Connection c, String sql, PreparedStatement ps) throws SQLException {
    try {
      return ps.executeQuery();
    } catch (SQLException e) {
      prepared.get(c).remove(sql);
      ps.close();
      throw e;
    }
  }

  /** Runs one statement of the server's own that returns nothing (the lookup indexes' DDL). */
  void execute(String sql) {
    Connection c = take();
    try (java.sql.Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "the warehouse failed: " + e.getMessage() + " [" + sql + "]", e);
    } finally {
      idle.add(c);
    }
  }

  /** The first row of {@link #rows}, if any. */
  java.util.Optional<Map<String, Object>> row(String sql, Object... parameters) {
    List<Map<String, Object>> rows = rows(sql, parameters);
    return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(rows.get(0));
  }

  private Connection take() {
    try {
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "interrupted while waiting for a warehouse reader", e);
    }
  }

  @Override
  public void close() {
    for (Map<String, PreparedStatement> statements : prepared.values()) {
      for (PreparedStatement ps : statements.values()) {
        try {
          ps.close();
        } catch (SQLException e) {
          // closing with the warehouse: nothing is lost
        }
      }
    }
    for (Connection c : idle) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing a reader of a warehouse that is closing anyway; nothing is lost
      }
    }
    idle.clear();
  }
}
