package org.openbds.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * A query result as a Parquet file, written by a private in-memory DuckDB (not the warehouse, whose file access stays
 * disabled): the result's rows are loaded into a table of the same column types and copied to a temporary file, which
 * is read back and deleted. Exact values stay exact: 128-bit integers become DECIMAL(38,0) and BIGNUM, which Parquet has
 * no type for, becomes text.
 */
final class ParquetExport {
  private static final Pattern PLAIN_TYPE =
      Pattern.compile("(BIGINT|INTEGER|SMALLINT|TINYINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT|HUGEINT|UHUGEINT|DOUBLE|FLOAT|BOOLEAN|VARCHAR|DATE|TIMESTAMP|"
          + "TIMESTAMP WITH TIME ZONE|TIME|BLOB|DECIMAL\\([0-9]{1,2},[0-9]{1,2}\\))");

  /**
   * PostgreSQL's names of the types (as its driver reports them) that DuckDB stores the same; any other (NUMERIC of
   * unbounded precision, arrays) becomes text.
   */
  private static final Map<String, String> POSTGRES_TYPES =
      Map.ofEntries(
          Map.entry("INT8", "BIGINT"), Map.entry("INT4", "INTEGER"), Map.entry("INT2", "SMALLINT"), Map.entry("FLOAT8", "DOUBLE"),
          Map.entry("FLOAT4", "FLOAT"), Map.entry("BOOL", "BOOLEAN"), Map.entry("TEXT", "VARCHAR"), Map.entry("BPCHAR", "VARCHAR"),
          Map.entry("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE"), Map.entry("BYTEA", "BLOB"));

  private ParquetExport() {}

  static byte[] write(SqlSandbox.Result result) {
    Path file = null;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      List<String> types = new ArrayList<>();
      StringBuilder create = new StringBuilder("CREATE TABLE result (");
      StringBuilder insert = new StringBuilder("INSERT INTO result VALUES (");
      for (int i = 0; i < result.columns().size(); i++) {
        String reported = result.types().get(i).toUpperCase(Locale.ROOT);
        String type = POSTGRES_TYPES.getOrDefault(reported, reported);
        // Parquet has no 128-bit integer (DuckDB would write a DOUBLE): such columns become exact DECIMAL(38,0), and a
        // value beyond 38 digits fails the export instead of being rounded
        String stored = type.equals("HUGEINT") || type.equals("UHUGEINT") ? "DECIMAL(38,0)" : PLAIN_TYPE.matcher(type).matches() ? type : "VARCHAR";
        types.add(stored);
        create.append(i == 0 ? "" : ", ").append('"').append(result.columns().get(i).replace("\"", "\"\"")).append("\" ").append(stored);
        insert.append(i == 0 ? "" : ", ").append(stored.equals("BLOB") ? "unhex(CAST(? AS VARCHAR))" : "CAST(? AS " + stored + ")");
      }
      create.append(')');
      insert.append(')');
      try (Statement st = c.createStatement()) {
        st.execute(create.toString());
      }
      try (PreparedStatement ps = c.prepareStatement(insert.toString())) {
        int n = 0;
        for (List<Object> row : result.rows()) {
          for (int i = 0; i < row.size(); i++) {
            Object v = row.get(i);
            if (v instanceof String text && types.get(i).startsWith("TIMESTAMP")) {
              // JSON times are UTC instants (2026-01-31T12:00:00Z); the column holds UTC wall time
              v = text.replace('T', ' ').replace("Z", "");
            }
            ps.setObject(i + 1, v instanceof List || v instanceof java.util.Map ? ApiServer.write(v) : v);
          }
          ps.addBatch();
          if (++n % 1000 == 0) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      file = Files.createTempFile("bds-result", ".parquet");
      try (Statement st = c.createStatement()) {
        st.execute("COPY result TO '" + file.toString().replace("'", "''") + "' (FORMAT parquet, COMPRESSION zstd)");
      }
      return Files.readAllBytes(file);
    } catch (SQLException | IOException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot write the result as Parquet: " + e.getMessage(), e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // a temporary file left behind is removed with the temporary directory; the answer is already made
        }
      }
    }
  }
}
