package org.openbds.server;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openbds.api.BdsException;
import org.openbds.api.ReadAccess;

/**
 * Runs queries for clients within limits: a user's SQL only after {@link ReadAccess#checkSandboxed} passed it, every
 * query (the condition queries' generated SQL too) in a read-only transaction on a reader of its own, cancelled at the
 * time limit, cut at the row and byte caps, and no more of them at once than the concurrency cap. An embedded DuckDB
 * warehouse has external access disabled for the whole server (see {@code ApiServer}) and a memory limit for the
 * database; on PostgreSQL the sandbox's checks and the serving role's privileges hold instead.
 */
final class SqlSandbox implements AutoCloseable {
  /** A result: column names and types, rows of JSON-ready values, whether it was cut and why. */
  record Result(List<String> columns, List<String> types, List<List<Object>> rows, boolean truncated, String truncatedBy, long millis) {
    Map<String, Object> json() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("columns", columns);
      out.put("types", types);
      out.put("rows", rows);
      out.put("truncated", truncated);
      if (truncated) {
        out.put("truncated_by", truncatedBy);
      }
      out.put("elapsed_ms", millis);
      return out;
    }
  }

  private final ReadAccess access;
  private final ServerConfig config;
  private final Semaphore slots;
  private final ScheduledExecutorService timer;
  private final ServerMetrics metrics;

  SqlSandbox(ReadAccess access, ServerConfig config, ServerMetrics metrics) {
    this.access = requireNonNull(access, "access is null");
    this.config = requireNonNull(config, "config is null");
    this.metrics = requireNonNull(metrics, "metrics is null");
    this.slots = new Semaphore(config.sqlMaxConcurrent(), true);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sql-timeout");
              t.setDaemon(true);
              return t;
            });
  }

  /** Runs a client's SQL text: checked by the warehouse's sandbox rules first. */
  Result runUserSql(String sql) {
    return run(sql, List.of(), true);
  }

  /** Runs SQL this server generated from a client's request (condition queries), with bound parameters. */
  Result runGenerated(String sql, List<Object> parameters) {
    return run(sql, parameters, false);
  }

  private Result run(String sql, List<Object> parameters, boolean check) {
    acquire();
    long t0 = System.nanoTime();
    try (Connection reader = access.openReader()) {
      if (check) {
        access.checkSandboxed(reader, sql);
      }
      access.beginReadOnly(reader);
      try {
        return execute(reader, sql, parameters, t0);
      } finally {
        try (Statement st = reader.createStatement()) {
          st.execute("ROLLBACK");
        }
      }
    } catch (SQLException e) {
      throw new BdsException(org.openbds.api.ErrorCode.WAREHOUSE_FAILURE, "the warehouse failed: " + e.getMessage(), e);
    } finally {
      slots.release();
    }
  }

  private Result execute(Connection reader, String sql, List<Object> parameters, long t0) {
    AtomicBoolean timedOut = new AtomicBoolean();
    try (PreparedStatement ps = reader.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        ps.setObject(i + 1, parameters.get(i));
      }
      ScheduledFuture<?> cancel =
          timer.schedule(
              () -> {
                timedOut.set(true);
                try {
                  ps.cancel();
                } catch (SQLException e) {
                  // the statement finished or closed meanwhile: nothing left to stop
                }
              },
              config.sqlTimeout().toMillis(),
              TimeUnit.MILLISECONDS);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          columns.add(md.getColumnLabel(i));
          types.add(md.getColumnTypeName(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        long bytes = 0;
        String cutBy = null;
        while (rs.next()) {
          if (rows.size() == config.sqlMaxRows()) {
            cutBy = "rows";
            break;
          }
          List<Object> row = new ArrayList<>(columns.size());
          for (int i = 1; i <= columns.size(); i++) {
            Object v = JsonValues.read(rs, md, i);
            bytes += size(v);
            row.add(v);
          }
          if (bytes > config.sqlMaxResultBytes()) {
            cutBy = "bytes";
            break;
          }
          rows.add(row);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        metrics.query(cutBy == null ? "ok" : "truncated");
        return new Result(columns, types, rows, cutBy != null, cutBy, millis);
      } finally {
        cancel.cancel(false);
      }
    } catch (SQLException e) {
      if (timedOut.get()) {
        metrics.query("timeout");
        throw new ApiException(
            408, "QUERY_TIMEOUT", "the query was cancelled at the time limit of " + config.sqlTimeout().toMillis() + " ms",
            Map.of("limit_ms", config.sqlTimeout().toMillis()));
      }
      metrics.query("error");
      throw new ApiException(400, "QUERY_FAILED", "the query failed: " + firstLine(e.getMessage()));
    }
  }

  private static long size(Object v) {
    if (v == null) {
      return 4;
    }
    if (v instanceof String s) {
      return s.length() + 2L;
    }
    if (v instanceof List<?> list) {
      long n = 2;
      for (Object item : list) {
        n += size(item) + 1;
      }
      return n;
    }
    return 8;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    String m = message.strip();
    return m.length() > 2000 ? m.substring(0, 2000) + "…" : m;
  }

  private void acquire() {
    try {
      if (!slots.tryAcquire(config.sqlQueueWait().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ApiException(
            429, "TOO_MANY_QUERIES", config.sqlMaxConcurrent() + " queries are running; try again shortly",
            Map.of("retry_after_seconds", 1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "INTERRUPTED", "the server is stopping");
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
