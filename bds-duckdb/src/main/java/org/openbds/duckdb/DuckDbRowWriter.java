package org.openbds.duckdb;

import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.RowWriter;

/** A {@link RowWriter} over DuckDB's appender; rows land in the connection's open transaction. */
final class DuckDbRowWriter implements RowWriter {
  private final DuckDBAppender appender;
  private final String table;
  private long rows;

  DuckDbRowWriter(DuckDBAppender appender, String table) {
    this.appender = appender;
    this.table = table;
    // strings of up to 12 bytes (script types, key types) are then written without a native call each
    appender.setWriteInlinedStrings(true);
  }

  long rows() {
    return rows;
  }

  @Override
  public void beginRow() {
    try {
      appender.beginRow();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public void putLong(long value) {
    try {
      appender.append(value);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public void putInt(int value) {
    try {
      appender.append(value);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public void putBoolean(boolean value) {
    try {
      appender.append(value);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public void putString(String value) {
    try {
      if (value == null) {
        appender.appendNull();
      } else {
        appender.append(value);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public void putBytes(byte[] value) {
    try {
      if (value == null) {
        appender.appendNull();
      } else {
        appender.append(value);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public void putEpochSeconds(long epochSeconds) {
    try {
      appender.appendEpochMicros(Math.multiplyExact(epochSeconds, 1_000_000L));
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public void putStringList(List<String> values) {
    try {
      if (values == null) {
        appender.appendNull();
      } else {
        appender.append(values);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public void putDouble(double value) {
    try {
      appender.append(value);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public void putBigInteger(java.math.BigInteger value) {
    try {
      if (value == null) {
        appender.appendNull();
      } else {
        appender.append(value.toString());
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public void putNull() {
    try {
      appender.appendNull();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public void endRow() {
    try {
      appender.endRow();
      rows++;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  void close() {
    try {
      appender.close();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private BdsException failure(SQLException e) {
    return new BdsException(ErrorCode.WAREHOUSE_FAILURE, "appending to " + table + ": " + e.getMessage(), e);
  }
}
