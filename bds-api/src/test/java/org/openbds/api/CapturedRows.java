package org.openbds.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link WriteTransaction} that keeps in memory the rows a {@link BlockRows} writes, table by table, each row as
 * column name → value in the column order of the schemas given. Every {@code put} is checked against the table's
 * schema as a warehouse would meet it: the right call for the column's type, an enumeration value it declares, NULL
 * only in a nullable column, as many values as columns. A timestamp is kept as {@link EpochSeconds}, a list as a
 * {@code List<String>}, NULL as {@code null}.
 */
public final class CapturedRows implements WriteTransaction {
  /** The value of a TIMESTAMP column. */
  public record EpochSeconds(long seconds) {}

  private final Map<String, TableWriter> tables = new LinkedHashMap<>();
  private final List<TableSchema> schemas;

  private CapturedRows(List<TableSchema> schemas) {
    this.schemas = List.copyOf(schemas);
  }

  /** The rows {@code rows} writes. */
  public static CapturedRows of(BlockRows rows, List<TableSchema> schemas) {
    CapturedRows captured = new CapturedRows(schemas);
    rows.write(captured);
    return captured;
  }

  /** The rows written to {@code table}, in the order written; empty when none was. */
  public List<Map<String, Object>> rows(String table) {
    schema(table);
    TableWriter w = tables.get(table);
    return w == null ? List.of() : Collections.unmodifiableList(w.rows);
  }

  /** The single row of {@code table}. */
  public Map<String, Object> row(String table) {
    List<Map<String, Object>> rows = rows(table);
    if (rows.size() != 1) {
      throw new AssertionError(rows.size() + " rows in " + table + ", expected one");
    }
    return rows.get(0);
  }

  /** A value as ethereum-etl's CSV files write it: decimal integers, seconds for a time, empty for NULL. */
  public static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof EpochSeconds t) {
      return String.valueOf(t.seconds());
    }
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return value.toString();
  }

  @Override
  public RowWriter table(String table) {
    return tables.computeIfAbsent(table, t -> new TableWriter(schema(t)));
  }

  @Override
  public void deleteFromHeight(long height) {
    throw new AssertionError("the rows of a block delete nothing");
  }

  @Override
  public void commit(BlockRef tip, java.util.Optional<String> queuePosition) {
    throw new AssertionError("the rows of a block do not commit: the runtime does");
  }

  @Override
  public void close() {}

  private TableSchema schema(String table) {
    return schemas.stream().filter(s -> s.name().equals(table)).findFirst()
        .orElseThrow(() -> new AssertionError("no table " + table + " among the family's tables"));
  }

  private static final class TableWriter implements RowWriter {
    private final TableSchema schema;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private Map<String, Object> row;

    TableWriter(TableSchema schema) {
      this.schema = schema;
    }

    @Override
    public void beginRow() {
      if (row != null) {
        throw new AssertionError(schema.name() + ": a row begun inside another");
      }
      row = new LinkedHashMap<>();
    }

    private void put(ColumnType type, Object value) {
      if (row == null) {
        throw new AssertionError(schema.name() + ": a value outside a row");
      }
      if (row.size() >= schema.columns().size()) {
        throw new AssertionError(schema.name() + ": more values than its " + schema.columns().size() + " columns");
      }
      Column column = schema.columns().get(row.size());
      if (value == null) {
        if (!column.nullable()) {
          throw new AssertionError(schema.name() + "." + column.name() + ": NULL in a column that is not nullable");
        }
      } else if (column.type() != type && !(type == ColumnType.VARCHAR && column.type() == ColumnType.ENUM)) {
        throw new AssertionError(schema.name() + "." + column.name() + ": a " + type + " value in a " + column.type() + " column");
      } else if (column.type() == ColumnType.ENUM && !column.enumValues().contains(value)) {
        throw new AssertionError(schema.name() + "." + column.name() + ": '" + value + "' is none of " + column.enumValues());
      }
      row.put(column.name(), value);
    }

    @Override
    public void putLong(long value) {
      put(ColumnType.BIGINT, value);
    }

    @Override
    public void putInt(int value) {
      put(ColumnType.INTEGER, value);
    }

    @Override
    public void putBoolean(boolean value) {
      put(ColumnType.BOOLEAN, value);
    }

    @Override
    public void putString(String value) {
      put(ColumnType.VARCHAR, value);
    }

    @Override
    public void putBytes(byte[] value) {
      put(ColumnType.BLOB, value == null ? null : value.clone());
    }

    @Override
    public void putEpochSeconds(long epochSeconds) {
      put(ColumnType.TIMESTAMP, new EpochSeconds(epochSeconds));
    }

    @Override
    public void putStringList(List<String> values) {
      put(ColumnType.VARCHAR_LIST, values == null ? null : List.copyOf(values));
    }

    @Override
    public void putDouble(double value) {
      put(ColumnType.DOUBLE, value);
    }

    @Override
    public void putBigInteger(BigInteger value) {
      put(ColumnType.BIG_INTEGER, value);
    }

    @Override
    public void putNull() {
      put(null, null);
    }

    @Override
    public void endRow() {
      if (row == null || row.size() != schema.columns().size()) {
        throw new AssertionError(schema.name() + ": a row of " + (row == null ? 0 : row.size()) + " values for "
            + schema.columns().size() + " columns");
      }
      rows.add(Collections.unmodifiableMap(row));
      row = null;
    }
  }
}
