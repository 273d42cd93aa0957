package org.openbds.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * The one COPY a connection can have open at a time, shared by the writers of a transaction. The writers encode rows
 * into buffers of their own; a writer whose buffer is full sends it, ending another table's COPY first and starting
 * its own if need be. Writing the tables of a block in turn thus costs one COPY per table and buffer, not per row.
 */
final class CopySession {
  private final CopyManager copyManager;
  private CopyRowWriter owner;
  private CopyIn copy;

  CopySession(Connection connection) {
    try {
      this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot COPY on this connection: " + e.getMessage(), e);
    }
  }

  /** Sends {@code length} bytes of whole rows for {@code writer}, in its COPY. */
  void send(CopyRowWriter writer, byte[] bytes, int length) {
    if (owner != writer) {
      end();
      try {
        copy = copyManager.copyIn(writer.copySql());
        owner = writer;
        byte[] header = writer.header();
        if (header.length > 0) {
          copy.writeToCopy(header, 0, header.length);
        }
      } catch (SQLException e) {
        throw writer.failure(e);
      }
    }
    try {
      copy.writeToCopy(bytes, 0, length);
    } catch (SQLException e) {
      throw writer.failure(e);
    }
  }

  /** Ends the open COPY, if any: its rows are then in its table (within the transaction). */
  void end() {
    if (copy == null) {
      return;
    }
    CopyRowWriter writer = owner;
    CopyIn c = copy;
    copy = null;
    owner = null;
    try {
      byte[] trailer = writer.trailer();
      if (trailer.length > 0) {
        c.writeToCopy(trailer, 0, trailer.length);
      }
      c.endCopy();
    } catch (SQLException e) {
      cancel(c);
      throw writer.failure(e);
    }
  }

  /** Cancels the open COPY, if any, for a transaction about to be rolled back; never throws. */
  void cancel() {
    CopyIn c = copy;
    copy = null;
    owner = null;
    cancel(c);
  }

  private static void cancel(CopyIn c) {
    if (c != null && c.isActive()) {
      try {
        c.cancelCopy();
      } catch (SQLException e) {
        // the transaction is rolled back next; the COPY's rows go with it
      }
    }
  }
}
