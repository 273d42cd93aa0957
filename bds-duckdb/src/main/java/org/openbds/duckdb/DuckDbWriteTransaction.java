package org.openbds.duckdb;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.RowWriter;
import org.openbds.api.TableSchema;
import org.openbds.api.WriteTransaction;

/** A DuckDB transaction; appenders are created per table on first use and flushed at commit. */
final class DuckDbWriteTransaction implements WriteTransaction {
  private final DuckDbWarehouse warehouse;
  private final DuckDBConnection connection;
  private final ChainId chain;
  private final Map<String, TableSchema> tables = new LinkedHashMap<>();
  private final Map<String, DuckDbRowWriter> writers = new LinkedHashMap<>();
  private boolean done;

  DuckDbWriteTransaction(DuckDbWarehouse warehouse, DuckDBConnection connection, ChainId chain, List<TableSchema> tables) {
    this.warehouse = warehouse;
    this.connection = connection;
    this.chain = chain;
    for (TableSchema t : tables) {
      this.tables.put(t.name(), t);
    }
  }

  @Override
  public RowWriter table(String table) {
    DuckDbRowWriter w = writers.get(table);
    if (w == null) {
      checkOpen();
      if (!tables.containsKey(table)) {
        throw new IllegalArgumentException("chain " + chain + " has no table " + table);
      }
      try {
        w = new DuckDbRowWriter(connection.createAppender(chain.value(), table), chain + "." + table);
      } catch (SQLException e) {
        throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot append to " + chain + "." + table + ": " + e.getMessage(), e);
      }
      writers.put(table, w);
    }
    return w;
  }

  @Override
  public void deleteFromHeight(long height) {
    checkOpen();
    flushWriters();
    for (TableSchema t : tables.values()) {
      warehouse.update("DELETE FROM " + chain.value() + "." + t.name() + " WHERE " + t.heightColumn() + " >= ?", height);
    }
  }

  @Override
  public void commit(BlockRef tip, java.util.Optional<String> queuePosition) {
    checkOpen();
    try {
      flushWriters();
      int updated =
          warehouse.update(
              "UPDATE main.bds_chains SET tip_height = ?, tip_hash = ?, updated_at = ?, queue_position = coalesce(?, queue_position) WHERE chain = ?",
              tip.height(),
              tip.hash().toHex(),
              LocalDateTime.now(ZoneOffset.UTC),
              queuePosition.orElse(null),
              chain.value());
      if (updated != 1) {
        throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "chain " + chain + " is not registered");
      }
      warehouse.execute("COMMIT");
      done = true;
    } finally {
      if (!done) {
        close();
      }
      warehouse.finished(this);
    }
  }

  private void flushWriters() {
    for (DuckDbRowWriter w : writers.values()) {
      w.close();
    }
    writers.clear();
  }

  private void checkOpen() {
    if (done) {
      throw new IllegalStateException("transaction already finished");
    }
  }

  @Override
  public void close() {
    if (done) {
      return;
    }
    done = true;
    try {
      for (DuckDbRowWriter w : writers.values()) {
        try {
          w.close();
        } catch (BdsException e) {
          // the transaction is being rolled back; the appender's rows go with it
        }
      }
      writers.clear();
      warehouse.execute("ROLLBACK");
    } finally {
      warehouse.finished(this);
    }
  }
}
