package org.openbds.api;

/**
 * Appends rows to one table within a {@link WriteTransaction}. Values are given in the table's column order, one
 * {@code put} per column between {@link #beginRow()} and {@link #endRow()}. Not thread-safe: one writer thread.
 */
public interface RowWriter {
  void beginRow();

  void putLong(long value);

  void putInt(int value);

  void putBoolean(boolean value);

  /** A string, or SQL NULL when {@code value} is null. */
  void putString(String value);

  /** Bytes, or SQL NULL when {@code value} is null. */
  void putBytes(byte[] value);

  /** Seconds since 1970-01-01T00:00:00Z, stored as a UTC timestamp. */
  void putEpochSeconds(long epochSeconds);

  /** A list of strings, or SQL NULL when {@code values} is null. */
  void putStringList(java.util.List<String> values);

  void putDouble(double value);

  /** An exact integer of a {@link ColumnType#BIG_INTEGER} column, or SQL NULL when {@code value} is null. */
  void putBigInteger(java.math.BigInteger value);

  void putNull();

  void endRow();
}
