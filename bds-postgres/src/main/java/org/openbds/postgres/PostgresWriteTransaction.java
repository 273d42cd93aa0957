package org.openbds.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.RowWriter;
import org.openbds.api.TableSchema;
import org.openbds.api.WriteTransaction;

/**
 * A database transaction on a connection of its own: one COPY per table written (ended before any other statement
 * runs on the connection), and the checkpoint updated in the same transaction at commit.
 */
final class PostgresWriteTransaction implements WriteTransaction {
  private final PostgresWarehouse warehouse;
  private final Connection connection;
  private final ChainId chain;
  private final Map<String, TableSchema> tables = new LinkedHashMap<>();
  private final Map<String, CopyRowWriter> writers = new LinkedHashMap<>();
  private final CopySession copies;
  private boolean done;

  PostgresWriteTransaction(PostgresWarehouse warehouse, Connection connection, ChainId chain, List<TableSchema> tables) {
    this.warehouse = warehouse;
    this.connection = connection;
    this.chain = chain;
    this.copies = new CopySession(connection);
    for (TableSchema t : tables) {
      this.tables.put(t.name(), t);
    }
  }

  @Override
  public RowWriter table(String table) {
    CopyRowWriter w = writers.get(table);
    if (w == null) {
      checkOpen();
      if (!tables.containsKey(table)) {
        throw new IllegalArgumentException("chain " + chain + " has no table " + table);
      }
      w = warehouse.copyWriter(copies, chain.value(), table);
      writers.put(table, w);
    }
    return w;
  }

  @Override
  public void deleteFromHeight(long height) {
    checkOpen();
    finishWriters();
    for (TableSchema t : tables.values()) {
      update("DELETE FROM " + chain.value() + "." + t.name() + " WHERE " + PostgresTypes.quoted(t.heightColumn()) + " >= ?", height);
    }
  }

  @Override
  public void commit(BlockRef tip, java.util.Optional<String> queuePosition) {
    checkOpen();
    try {
      finishWriters();
      int updated =
          update(
              "UPDATE main.bds_chains SET tip_height = ?, tip_hash = ?, updated_at = ?, queue_position = coalesce(?, queue_position) WHERE chain = ?",
              tip.height(),
              tip.hash().toHex(),
              LocalDateTime.now(ZoneOffset.UTC),
              queuePosition.orElse(null),
              chain.value());
      if (updated != 1) {
        throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "chain " + chain + " is not registered");
      }
      try {
        connection.commit();
      } catch (SQLException e) {
        throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "committing " + chain + " at " + tip + ": " + e.getMessage(), e);
      }
      done = true;
      warehouse.release(this, connection);
    } finally {
      if (!done) {
        close();
      }
    }
  }

  private void finishWriters() {
    for (CopyRowWriter w : writers.values()) {
      w.finish();
    }
    writers.clear();
  }

  private int update(String sql, Object... parameters) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, e.getMessage() + " [" + sql + "]", e);
    }
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
    for (CopyRowWriter w : writers.values()) {
      w.abort();
    }
    writers.clear();
    copies.cancel();
    try {
      connection.rollback();
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "rolling back the write to " + chain + ": " + e.getMessage(), e);
    } finally {
      warehouse.release(this, connection);
    }
  }
}
