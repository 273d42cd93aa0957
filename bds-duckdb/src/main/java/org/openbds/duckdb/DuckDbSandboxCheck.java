package org.openbds.duckdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Whether a statement may run in the SQL sandbox, decided on DuckDB's own parse tree ({@code json_serialize_sql}), not
 * on the text: only a single query serializes there (DuckDB refuses every other kind of statement — COPY, ATTACH,
 * INSTALL, LOAD, PRAGMA, SET, CALL, EXPORT, CREATE, INSERT…), and the tree is then walked for what a query can still
 * reach: table functions (files, other databases, {@code query()}), functions with side effects or that read the
 * process's environment, settings or variables, other catalogs, time travel, and the server's own tables.
 */
final class DuckDbSandboxCheck {
  /** Table functions that only generate values. Every other one (read_csv, glob, query, duckdb_settings…) is refused. */
  static final Set<String> ALLOWED_TABLE_FUNCTIONS = Set.of("range", "generate_series", "unnest");

  /** Scalar functions that change state or read outside the warehouse's data. */
  static final Set<String> REFUSED_FUNCTIONS =
      Set.of(
          "getenv", "getvariable", "current_setting", "nextval", "currval", "setseed", "read_text", "read_blob",
          "sql_auto_complete", "query", "query_table", "txid_current", "current_query", "pg_typeof_settings",
          "duckdb_secrets", "which_secret", "load", "install", "checkpoint", "force_checkpoint", "enable_profiling");

  private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[a-z_][a-z0-9_$]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private DuckDbSandboxCheck() {}

  static void check(Connection reader, String sql) {
    if (sql == null || sql.isBlank()) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "the query is empty");
    }
    JsonNode tree;
    try (PreparedStatement ps = reader.prepareStatement("SELECT json_serialize_sql(CAST(? AS VARCHAR))")) {
      ps.setString(1, sql);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        tree = JSON.readTree(rs.getString(1));
      }
    } catch (SQLException | IOException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot parse the query: " + e.getMessage(), e);
    }
    if (tree.path("error").asBoolean(false)) {
      String type = tree.path("error_type").asText("");
      String message = tree.path("error_message").asText("");
      if (type.equals("not implemented")) {
        throw new BdsException(
            ErrorCode.QUERY_REFUSED, "only read-only queries (SELECT, WITH … SELECT, DESCRIBE, SHOW) run here, not " + firstWord(sql));
      }
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "the query does not parse: " + message);
    }
    JsonNode statements = tree.path("statements");
    if (statements.size() != 1) {
      throw new BdsException(ErrorCode.QUERY_REFUSED, "send one statement at a time, not " + statements.size());
    }
    walk(statements.get(0));
  }

  private static void walk(JsonNode node) {
    if (node.isArray()) {
      for (JsonNode child : node) {
        walk(child);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    String type = node.path("type").asText("");
    switch (type) {
      case "TABLE_FUNCTION" -> {
        String name = node.path("function").path("function_name").asText("").toLowerCase(Locale.ROOT);
        if (!ALLOWED_TABLE_FUNCTIONS.contains(name)) {
          throw new BdsException(
              ErrorCode.QUERY_REFUSED,
              "the table function " + name + "() is not allowed here; only " + String.join(", ", ALLOWED_TABLE_FUNCTIONS.stream().sorted().toList()));
        }
      }
      case "BASE_TABLE" -> checkTable(node);
      case "FUNCTION" -> checkFunction(node);
      default -> {}
    }
    if (node.path("class").asText("").equals("FUNCTION")) {
      checkFunction(node);
    }
    JsonNode at = node.get("at_clause");
    if (at != null && !at.isNull()) {
      throw new BdsException(ErrorCode.QUERY_REFUSED, "AT (time travel) is not allowed here");
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      walk(field.getValue());
    }
  }

  private static void checkFunction(JsonNode node) {
    String name = node.path("function_name").asText("").toLowerCase(Locale.ROOT);
    String catalog = node.path("catalog").asText("");
    if (!catalog.isEmpty() && !catalog.equalsIgnoreCase("system")) {
      throw new BdsException(ErrorCode.QUERY_REFUSED, "functions of the catalog " + catalog + " are not allowed here");
    }
    if (REFUSED_FUNCTIONS.contains(name) || name.startsWith("read_") || name.startsWith("pragma_")) {
      throw new BdsException(ErrorCode.QUERY_REFUSED, "the function " + name + "() is not allowed here");
    }
  }

  private static void checkTable(JsonNode node) {
    String catalog = node.path("catalog_name").asText("");
    String table = node.path("table_name").asText("").toLowerCase(Locale.ROOT);
    if (!catalog.isEmpty() && !catalog.equalsIgnoreCase("openbds")) {
      throw new BdsException(ErrorCode.QUERY_REFUSED, "the catalog " + catalog + " is not readable here");
    }
    if (table.startsWith("bds_") && !table.equals("bds_chains")) {
      throw new BdsException(ErrorCode.QUERY_REFUSED, "the table " + table + " is not readable here");
    }
    if (!IDENTIFIER.matcher(table).matches()) {
      // DuckDB reads a quoted file name in FROM as that file ('data.csv', 's3://…')
      throw new BdsException(ErrorCode.QUERY_REFUSED, "reading files is not allowed here: '" + table + "' is not a table name");
    }
  }

  private static String firstWord(String sql) {
    String s = sql.strip();
    int end = 0;
    while (end < s.length() && Character.isLetter(s.charAt(end))) {
      end++;
    }
    return end == 0 ? "this statement" : s.substring(0, end).toUpperCase(Locale.ROOT);
  }
}
