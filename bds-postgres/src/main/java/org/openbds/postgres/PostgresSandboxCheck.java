package org.openbds.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

/**
 * Whether a statement may run in the SQL sandbox of a PostgreSQL warehouse, decided on the server's own plan, not on
 * the text. The statement is first split as the JDBC driver splits what it sends (exactly one statement passes), must
 * start as a query ({@code SELECT}, {@code WITH}, {@code VALUES}, {@code TABLE}), and is then planned twice by
 * {@code EXPLAIN (VERBOSE, FORMAT JSON)} in a read-only transaction that is rolled back: as it is, and as a subquery
 * (which only a query returning rows is: no {@code SELECT … INTO}, no data-modifying {@code WITH}). The plans are walked
 * for what a query can still reach:
 *
 * <ul>
 *   <li>plan nodes that write or lock ({@code ModifyTable}, {@code LockRows} of {@code FOR UPDATE}) or read outside
 *       the database ({@code Foreign Scan}, {@code Custom Scan});
 *   <li>relations in the system schemas ({@code pg_catalog}, {@code pg_toast}, temporary schemas) and in
 *       {@code information_schema} — whose views read the system catalogs, so they are refused with them: a chain's
 *       tables are described by {@code /api/v1/chains/{chain}/schema} — and the server's bookkeeping tables
 *       ({@code bds_*} but {@code bds_chains});
 *   <li>functions, by the names in the plan's expressions: every {@code pg_*} function but a few harmless ones (files,
 *       settings, sessions, other backends, advisory locks, statistics, replication), large objects ({@code lo_*}),
 *       sequences, settings, notifications, {@code dblink*}, and the functions that run an SQL text
 *       ({@code query_to_xml}, {@code ts_stat}…).
 * </ul>
 *
 * A name that merely looks like a refused function (inside a string literal, say) is refused as well: when in doubt,
 * the sandbox refuses.
 */
final class PostgresSandboxCheck {
  /** The first words of the statements that can be queries. */
  static final Set<String> QUERY_WORDS = Set.of("SELECT", "WITH", "VALUES", "TABLE");

  /** Plan nodes no sandboxed query may have. */
  static final Map<String, String> REFUSED_NODES =
      Map.of(
          "ModifyTable", "writing (INSERT, UPDATE, DELETE, MERGE) is not allowed here",
          "LockRows", "locking rows (FOR UPDATE, FOR SHARE) is not allowed here",
          "Foreign Scan", "foreign tables are not readable here",
          "Custom Scan", "custom scans are not allowed here");

  /** The {@code pg_*} functions that only compute from their arguments; every other one is refused. */
  static final Set<String> ALLOWED_PG_FUNCTIONS = Set.of("pg_typeof", "pg_size_pretty", "pg_size_bytes", "pg_column_size", "pg_sleep");

  /** Functions refused by their name, besides those of {@link #REFUSED_PREFIXES}. */
  static final Set<String> REFUSED_FUNCTIONS =
      Set.of(
          "set_config", "current_setting", "nextval", "currval", "setval", "lastval", "loread", "lowrite", "query_to_xml",
          "query_to_xmlschema", "query_to_xml_and_xmlschema", "table_to_xml", "table_to_xmlschema", "table_to_xml_and_xmlschema",
          "cursor_to_xml", "cursor_to_xmlschema", "schema_to_xml", "schema_to_xmlschema", "schema_to_xml_and_xmlschema",
          "database_to_xml", "database_to_xmlschema", "database_to_xml_and_xmlschema", "ts_stat", "inet_client_addr",
          "inet_client_port", "inet_server_addr", "inet_server_port", "brin_summarize_new_values", "brin_summarize_range",
          "brin_desummarize_range", "gin_clean_pending_list", "setseed", "current_query", "version", "make_aclitem");

  /** Families of functions refused by the start of their names. */
  static final List<String> REFUSED_PREFIXES = List.of("pg_", "lo_", "dblink", "txid_", "binary_upgrade_");

  /** Schemas whose relations are never readable here, besides every {@code pg_*} schema. */
  static final Set<String> REFUSED_SCHEMAS = Set.of("information_schema");

  /** A function call in a deparsed expression: a name, maybe quoted or schema-qualified, then an opening parenthesis. */
  private static final Pattern CALL = Pattern.compile("(?:\"((?:[^\"]|\"\")+)\"|([A-Za-z_][A-Za-z0-9_$]*))\\s*\\(");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PLANNING_TIMEOUT_MS = 10_000;

  private PostgresSandboxCheck() {}

  static void check(Connection reader, String sql) {
    if (sql == null || sql.isBlank()) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "the query is empty");
    }
    String statement = single(reader, sql);
    String word = firstWord(statement);
    if (!QUERY_WORDS.contains(word)) {
      throw new BdsException(
          ErrorCode.QUERY_REFUSED, "only read-only queries (SELECT, WITH … SELECT) run here, not " + (word.isEmpty() ? "this statement" : word));
    }
    try {
      boolean autoCommit = reader.getAutoCommit();
      reader.setAutoCommit(false);
      try {
        execute(reader, "SET TRANSACTION READ ONLY");
        execute(reader, "SET LOCAL statement_timeout = " + PLANNING_TIMEOUT_MS);
        walk(plan(reader, statement, false));
        walk(plan(reader, "SELECT * FROM (\n" + statement + "\n) AS sandboxed", true));
      } finally {
        reader.rollback();
        reader.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot check the query: " + e.getMessage(), e);
    }
  }

  /**
   * The one statement of {@code sql}, as the JDBC driver makes what it sends to the server: its escapes
   * ({@code {fn …}}) replaced, then split into statements. A text it would send as more than one statement is refused,
   * whatever the server would make of them.
   */
  private static String single(Connection reader, String sql) {
    List<NativeQuery> statements;
    try {
      boolean standardStrings = reader.unwrap(BaseConnection.class).getStandardConformingStrings();
      statements = Parser.parseJdbcSql(Parser.replaceProcessing(sql, true, standardStrings), standardStrings, false, true, false, false);
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "the query does not parse: " + e.getMessage(), e);
    }
    List<String> nonEmpty = statements.stream().map(q -> q.nativeSql).filter(s -> skipSpaceAndComments(s, 0) < s.length()).toList();
    if (nonEmpty.size() != 1) {
      throw new BdsException(ErrorCode.QUERY_REFUSED, "send one statement at a time, not " + nonEmpty.size());
    }
    return nonEmpty.get(0);
  }

  /**
   * The plan of {@code sql}. A statement the server cannot plan does not parse ({@link ErrorCode#INVALID_ARGUMENT});
   * when {@code wrapped} (the statement made a subquery, after it planned as it is), it is not a query that returns rows.
   */
  private static JsonNode plan(Connection reader, String sql, boolean wrapped) throws SQLException {
    try (Statement st = reader.createStatement()) {
      // the escapes were replaced already
      st.setEscapeProcessing(false);
      try (ResultSet rs = st.executeQuery("EXPLAIN (VERBOSE, FORMAT JSON) " + sql)) {
        rs.next();
        return JSON.readTree(rs.getString(1));
      }
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("58") || state.startsWith("XX")) {
        throw e;
      }
      if (wrapped || state.equals("25006") || state.equals("0A000")) {
        throw new BdsException(
            ErrorCode.QUERY_REFUSED, "only a query that returns rows runs here (no SELECT … INTO, no data-modifying WITH): " + firstLine(e), e);
      }
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "the query does not parse: " + firstLine(e), e);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot read the plan of the query: " + e.getMessage(), e);
    }
  }

  private static void walk(JsonNode node) {
    if (node.isArray()) {
      for (JsonNode child : node) {
        walk(child);
      }
      return;
    }
    if (node.isTextual()) {
      checkExpression(node.asText());
      return;
    }
    if (!node.isObject()) {
      return;
    }
    String type = node.path("Node Type").asText("");
    String refusal = REFUSED_NODES.get(type);
    if (refusal != null) {
      throw new BdsException(ErrorCode.QUERY_REFUSED, refusal);
    }
    if (node.has("Relation Name")) {
      checkRelation(node.path("Schema").asText(""), node.path("Relation Name").asText(""));
    }
    if (node.has("Function Name")) {
      checkFunction(node.path("Function Name").asText(""));
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      walk(field.getValue());
    }
  }

  private static void checkRelation(String schema, String table) {
    String s = schema.toLowerCase(Locale.ROOT);
    String t = table.toLowerCase(Locale.ROOT);
    if (s.startsWith("pg_") || REFUSED_SCHEMAS.contains(s)) {
      throw new BdsException(ErrorCode.QUERY_REFUSED, "the system catalog " + schema + "." + table + " is not readable here");
    }
    if (t.startsWith("bds_") && !t.equals("bds_chains")) {
      throw new BdsException(ErrorCode.QUERY_REFUSED, "the table " + table + " is not readable here");
    }
  }

  /** Refuses the functions named in a deparsed expression of the plan. */
  private static void checkExpression(String expression) {
    Matcher m = CALL.matcher(expression);
    while (m.find()) {
      checkFunction(m.group(1) != null ? m.group(1).replace("\"\"", "\"") : m.group(2));
    }
  }

  static void checkFunction(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (ALLOWED_PG_FUNCTIONS.contains(n)) {
      return;
    }
    if (REFUSED_FUNCTIONS.contains(n) || REFUSED_PREFIXES.stream().anyMatch(n::startsWith)) {
      throw new BdsException(ErrorCode.QUERY_REFUSED, "the function " + n + "() is not allowed here");
    }
  }

  /** The first keyword, upper-case, after white space, comments and opening parentheses; empty when there is none. */
  static String firstWord(String sql) {
    int i = skipSpaceAndComments(sql, 0);
    while (i < sql.length() && sql.charAt(i) == '(') {
      i = skipSpaceAndComments(sql, i + 1);
    }
    int end = i;
    while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
      end++;
    }
    return sql.substring(i, end).toUpperCase(Locale.ROOT);
  }

  /** The position of the first character from {@code i} on that is neither white space nor in a comment. */
  private static int skipSpaceAndComments(String sql, int i) {
    int n = sql.length();
    while (i < n) {
      if (Character.isWhitespace(sql.charAt(i))) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        i = endOfBlockComment(sql, i);
      } else {
        break;
      }
    }
    return i;
  }

  /** Where the block comment at {@code start} ends; PostgreSQL's block comments nest. */
  private static int endOfBlockComment(String sql, int start) {
    int depth = 0;
    int i = start;
    while (i < sql.length()) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static String firstLine(SQLException e) {
    String m = e.getMessage() == null ? "no message" : e.getMessage().strip();
    int newline = m.indexOf('\n');
    return newline < 0 ? m : m.substring(0, newline);
  }
}
