package org.openbds.bitcoin.bds;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openbds.api.BlockRef;
import org.openbds.api.BlockRows;
import org.openbds.api.RowWriter;
import org.openbds.api.WriteTransaction;

/** The rows a {@link BlockRows} writes, per table in the order written; bytes as hex so that rows compare by value. */
final class RecordedRows implements WriteTransaction {
  final Map<String, List<List<Object>>> tables = new TreeMap<>();

  static Map<String, List<List<Object>>> of(BlockRows rows) {
    RecordedRows recorded = new RecordedRows();
    rows.write(recorded);
    return recorded.tables;
  }

  @Override
  public RowWriter table(String table) {
    List<List<Object>> rows = tables.computeIfAbsent(table, t -> new ArrayList<>());
    return new RowWriter() {
      private List<Object> row;

      @Override
      public void beginRow() {
        row = new ArrayList<>();
      }

      @Override
      public void putLong(long value) {
        row.add(value);
      }

      @Override
      public void putInt(int value) {
        row.add(value);
      }

      @Override
      public void putBoolean(boolean value) {
        row.add(value);
      }

      @Override
      public void putString(String value) {
        row.add(value);
      }

      @Override
      public void putBytes(byte[] value) {
        row.add(value == null ? null : "0x" + HexFormat.of().formatHex(value));
      }

      @Override
      public void putEpochSeconds(long epochSeconds) {
        row.add("t" + epochSeconds);
      }

      @Override
      public void putStringList(List<String> values) {
        row.add(values == null ? null : List.copyOf(values));
      }

      @Override
      public void putDouble(double value) {
        row.add(value);
      }

      @Override
      public void putBigInteger(BigInteger value) {
        row.add(value);
      }

      @Override
      public void putNull() {
        row.add(null);
      }

      @Override
      public void endRow() {
        rows.add(row);
        row = null;
      }
    };
  }

  @Override
  public void deleteFromHeight(long height) {
    throw new AssertionError("the rows of a block delete nothing");
  }

  @Override
  public void commit(BlockRef tip, java.util.Optional<String> queuePosition) {
    throw new AssertionError("the rows of a block do not commit");
  }

  @Override
  public void close() {}
}
