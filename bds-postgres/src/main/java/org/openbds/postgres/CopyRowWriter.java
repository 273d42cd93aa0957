package org.openbds.postgres;

import java.sql.SQLException;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.RowWriter;

/**
 * A {@link RowWriter} over {@code COPY … FROM STDIN}: rows are encoded into a buffer of this table's, sent through the
 * transaction's {@link CopySession} when it fills and at {@link #finish()}; they land in the connection's open
 * transaction. A server-side error (a constraint, a bad value) surfaces at a later send or at {@link #finish()}, with
 * the server's line number. Not thread-safe: one writer thread.
 */
abstract class CopyRowWriter implements RowWriter {
  /** Bytes buffered per table before they are sent. */
  private static final int SEND_AT = 1 << 20;

  private final CopySession session;
  protected final TableColumns columns;
  protected byte[] buffer = new byte[1 << 16];
  protected int length;
  /** Values put so far in the current row. */
  protected int field;
  private boolean inRow;
  private long rows;

  CopyRowWriter(CopySession session, TableColumns columns) {
    this.session = session;
    this.columns = columns;
  }

  /** The COPY statement. */
  protected abstract String copySql();

  /** Bytes that start a COPY's data. */
  protected abstract byte[] header();

  /** Bytes that end a COPY's data. */
  protected abstract byte[] trailer();

  protected abstract void startRow();

  protected abstract void finishRow();

  long rows() {
    return rows;
  }

  @Override
  public final void beginRow() {
    if (inRow) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "appending to " + columns.qualifiedName() + ": beginRow before the last row's endRow");
    }
    inRow = true;
    field = 0;
    startRow();
  }

  @Override
  public final void endRow() {
    if (!inRow) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "appending to " + columns.qualifiedName() + ": endRow without beginRow");
    }
    if (field != columns.size()) {
      throw new BdsException(
          ErrorCode.WAREHOUSE_FAILURE,
          "appending to " + columns.qualifiedName() + ": a row of " + field + " values, but the table has " + columns.size() + " columns");
    }
    finishRow();
    inRow = false;
    rows++;
    if (length >= SEND_AT) {
      send();
    }
  }

  /** The next value's column, checking that the row has room for it. */
  protected final int nextField() {
    if (!inRow) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "appending to " + columns.qualifiedName() + ": a value outside beginRow/endRow");
    }
    if (field >= columns.size()) {
      throw new BdsException(
          ErrorCode.WAREHOUSE_FAILURE, "appending to " + columns.qualifiedName() + ": more values than its " + columns.size() + " columns");
    }
    return field++;
  }

  protected final void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }

  /** Sends the buffered rows and ends this table's COPY: the rows are then in the table, within the transaction. */
  void finish() {
    if (inRow) {
      abort();
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "appending to " + columns.qualifiedName() + ": the last row has no endRow");
    }
    if (length > 0) {
      send();
    }
    session.end();
  }

  private void send() {
    int n = length;
    length = 0;
    session.send(this, buffer, n);
  }

  /** Drops the buffered rows and cancels the open COPY, for a transaction that is being rolled back; never throws. */
  void abort() {
    length = 0;
    inRow = false;
    session.cancel();
  }

  protected final BdsException failure(SQLException e) {
    return new BdsException(ErrorCode.WAREHOUSE_FAILURE, "appending to " + columns.qualifiedName() + ": " + e.getMessage(), e);
  }

  protected final BdsException badValue(String message) {
    return new BdsException(
        ErrorCode.WAREHOUSE_FAILURE, "appending to " + columns.qualifiedName() + "." + columns.names().get(field - 1) + ": " + message);
  }

  /** PostgreSQL text cannot hold U+0000; such a string is refused here rather than altered. */
  protected final void checkNoNul(String value) {
    if (value.indexOf('\0') >= 0) {
      throw badValue("PostgreSQL text cannot hold the character U+0000");
    }
  }
}
