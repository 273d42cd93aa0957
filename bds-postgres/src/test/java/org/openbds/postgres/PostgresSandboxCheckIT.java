package org.openbds.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The SQL sandbox of a PostgreSQL warehouse: every statement of the escape list is refused, every plain query passes,
 * and what passes runs in a transaction where writes fail. Grow the list with every new way out found.
 */
class PostgresSandboxCheckIT {
  private static TestingPostgres server;
  private static PostgresWarehouse warehouse;
  private Connection reader;

  @BeforeAll
  static void start() throws Exception {
    server = new TestingPostgres();
    warehouse = PostgresWarehouse.open(server.freshDatabase());
    warehouse.execute("CREATE SCHEMA btc");
    warehouse.execute("CREATE TABLE btc.blocks (height BIGINT, hash TEXT, size INTEGER)");
    warehouse.execute("INSERT INTO btc.blocks VALUES (0, 'aa', 285), (1, 'bb', 215)");
    warehouse.execute("CREATE TABLE btc.bds_address_totals (address_id BIGINT)");
    warehouse.execute("CREATE TABLE main.bds_saved_queries (id TEXT)");
    warehouse.execute("CREATE SEQUENCE btc.numbers");
    warehouse.execute("CREATE VIEW btc.settings AS SELECT name, setting FROM pg_settings");
  }

  @AfterAll
  static void stop() throws Exception {
    warehouse.close();
    server.close();
  }

  @BeforeEach
  void open() {
    reader = warehouse.openReader();
  }

  @AfterEach
  void close() throws SQLException {
    reader.close();
  }

  static List<String> escapes() {
    return List.of(
        "SELECT 1; DROP TABLE btc.blocks",
        "SELECT 1;DELETE FROM btc.blocks;",
        "SELECT 1 /* a comment */; DROP TABLE btc.blocks",
        "SELECT 1 -- comment\n; DROP TABLE btc.blocks",
        "SELECT '1'; DROP TABLE btc.blocks; SELECT '2'",
        "SELECT $$x$$; DROP TABLE btc.blocks",
        "/* SELECT */ DROP TABLE btc.blocks",
        "-- SELECT\nDELETE FROM btc.blocks",
        "(DELETE FROM btc.blocks)",
        "COPY btc.blocks TO '/tmp/stolen.csv'",
        "COPY btc.blocks TO PROGRAM 'id'",
        "COPY (SELECT 1) TO STDOUT",
        "INSERT INTO btc.blocks VALUES (2, 'cc', 1)",
        "UPDATE main.bds_chains SET tip_height = 0",
        "DELETE FROM btc.blocks",
        "MERGE INTO btc.blocks b USING btc.blocks c ON b.height = c.height WHEN MATCHED THEN DELETE",
        "DROP TABLE btc.blocks",
        "CREATE TABLE btc.x AS SELECT 1",
        "ALTER TABLE btc.blocks ADD COLUMN x INT",
        "TRUNCATE btc.blocks",
        "SET statement_timeout = 0",
        "RESET ALL",
        "SHOW ALL",
        "BEGIN",
        "COMMIT",
        "VACUUM btc.blocks",
        "ANALYZE btc.blocks",
        "EXPLAIN ANALYZE DELETE FROM btc.blocks",
        "DO $$ BEGIN PERFORM 1; END $$",
        "CALL something()",
        "LISTEN x",
        "NOTIFY x",
        "LOCK TABLE btc.blocks",
        "PREPARE p AS SELECT 1",
        "DECLARE c CURSOR FOR SELECT 1",
        "LOAD 'plpgsql'",
        "CHECKPOINT",
        "SELECT * INTO btc.copied FROM btc.blocks",
        "SELECT height INTO TEMP t FROM btc.blocks",
        "WITH gone AS (DELETE FROM btc.blocks RETURNING *) SELECT * FROM gone",
        "WITH x AS (UPDATE btc.blocks SET size = 0 RETURNING height) SELECT count(*) FROM x",
        "WITH x AS (INSERT INTO btc.blocks VALUES (9, 'x', 1) RETURNING height) SELECT 1",
        "WITH x AS (SELECT 1) DELETE FROM btc.blocks",
        "SELECT * FROM btc.blocks FOR UPDATE",
        "SELECT * FROM btc.blocks FOR SHARE",
        "SELECT * FROM (SELECT * FROM btc.blocks FOR UPDATE) b",
        "SELECT set_config('statement_timeout', '0', false)",
        "SELECT current_setting('data_directory')",
        "SELECT pg_read_file('/etc/passwd')",
        "SELECT pg_catalog.pg_read_file('/etc/passwd')",
        "SELECT PG_READ_FILE('/etc/passwd')",
        "SELECT \"pg_read_file\"('/etc/passwd')",
        "SELECT pg_read_binary_file('/etc/passwd')",
        "SELECT * FROM pg_ls_dir('.')",
        "SELECT pg_stat_file('postgresql.conf')",
        "SELECT * FROM btc.blocks WHERE hash <> pg_read_file('/etc/passwd')",
        "SELECT * FROM btc.blocks WHERE height IN (SELECT length(pg_read_file('/etc/passwd')))",
        "SELECT (SELECT pg_read_file('/etc/passwd')) AS x",
        "SELECT * FROM btc.blocks b JOIN LATERAL (SELECT pg_read_file('/etc/passwd') AS f) x ON true",
        "WITH f AS (SELECT pg_read_file('/etc/passwd') AS t) SELECT * FROM f",
        "SELECT * FROM btc.blocks ORDER BY pg_read_file('/etc/passwd')",
        "SELECT count(*) FROM btc.blocks GROUP BY height HAVING min(pg_read_file('/etc/passwd')) > ''",
        "SELECT lo_import('/etc/passwd')",
        "SELECT lo_get(1)",
        "SELECT loread(0, 1)",
        "SELECT pg_terminate_backend(1)",
        "SELECT pg_cancel_backend(1)",
        "SELECT pg_reload_conf()",
        "SELECT pg_advisory_lock(1)",
        "SELECT pg_try_advisory_xact_lock(1)",
        "SELECT pg_notify('x', 'y')",
        "SELECT nextval('btc.numbers')",
        "SELECT setval('btc.numbers', 5)",
        "SELECT currval('btc.numbers')",
        "SELECT query_to_xml('DELETE FROM btc.blocks RETURNING 1', true, false, '')",
        "SELECT table_to_xml('btc.blocks', true, false, '')",
        "SELECT cursor_to_xml('c', 1, true, false, '')",
        "SELECT * FROM ts_stat('SELECT 1')",
        "SELECT txid_current()",
        "SELECT * FROM pg_stat_activity",
        "SELECT * FROM pg_catalog.pg_class",
        "SELECT * FROM pg_class",
        "SELECT * FROM pg_shadow",
        "SELECT * FROM pg_authid",
        "SELECT * FROM pg_settings",
        "SELECT * FROM btc.settings",
        "SELECT * FROM information_schema.tables",
        "SELECT * FROM main.bds_saved_queries",
        "SELECT * FROM main.bds_schema_history",
        "SELECT * FROM btc.bds_address_totals",
        "TABLE main.bds_saved_queries",
        "SELECT * FROM btc.blocks WHERE height IN (SELECT count(*) FROM main.bds_saved_queries)",
        "SELECT 'pg_read_file(' AS looks_like_a_call",
        "SELECT {fn pg_read_file('/etc/passwd')}",
        "SELECT {fn now()}; DROP TABLE btc.blocks",
        "SELECT * FROM ROWS FROM (pg_ls_dir('.')) AS f",
        "SELECT * FROM btc.blocks TABLESAMPLE SYSTEM (50) WHERE hash = (SELECT pg_read_file('/etc/passwd'))",
        "SELECT * FROM btc.blocks WHERE EXISTS (SELECT 1 FROM pg_stat_activity)",
        "SELECT string_agg(hash, ',') FILTER (WHERE set_config('a.b', hash, true) IS NOT NULL) FROM btc.blocks",
        "SELECT lastval()",
        "SELECT * FROM btc.blocks FOR NO KEY UPDATE SKIP LOCKED",
        "SELECT * FROM btc.blocks WHERE height = 0 UNION SELECT * FROM btc.blocks FOR UPDATE",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT pg_read_file('/etc/passwd') FROM r",
        "SELECT (SELECT count(*) FROM pg_catalog.pg_roles) AS roles");
  }

  @ParameterizedTest
  @MethodSource("escapes")
  void refusesEveryEscape(String sql) {
    assertThatThrownBy(() -> warehouse.checkSandboxed(reader, sql))
        .as(sql)
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_REFUSED));
  }

  @Test
  void namesWhatIsRefused() {
    assertRefused("SELECT 1; DROP TABLE btc.blocks", "one statement");
    assertRefused("DROP TABLE btc.blocks", "not DROP");
    assertRefused("WITH gone AS (DELETE FROM btc.blocks RETURNING *) SELECT * FROM gone", "writing");
    assertRefused("SELECT * FROM btc.blocks FOR UPDATE", "locking rows");
    assertRefused("SELECT * FROM btc.blocks WHERE hash <> pg_read_file('/etc/passwd')", "pg_read_file()");
    assertRefused("SELECT * FROM pg_class", "pg_catalog.pg_class");
    assertRefused("SELECT * FROM main.bds_saved_queries", "bds_saved_queries");
    assertRefused("SELECT * INTO btc.copied FROM btc.blocks", "returns rows");
  }

  @Test
  void aStatementThatDoesNotParseIsInvalid() {
    for (String sql : List.of("SELECT FROM WHERE", "SELECT * FROM btc.nothing", "", "  ", "SELECT (")) {
      assertThatThrownBy(() -> warehouse.checkSandboxed(reader, sql))
          .as(sql)
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
  }

  @Test
  void plainQueriesPass() {
    for (String sql : List.of(
        "SELECT * FROM btc.blocks",
        "select height, hash from btc.blocks where size > 200 order by height desc limit 1;",
        "WITH big AS (SELECT * FROM btc.blocks WHERE size > 200) SELECT count(*) FROM big",
        "(SELECT height FROM btc.blocks) UNION ALL (SELECT 5)",
        "VALUES (1, 'a')",
        "TABLE btc.blocks",
        "SELECT chain, tip_height FROM main.bds_chains",
        "SELECT x FROM generate_series(1, 3) AS x",
        "SELECT pg_typeof(height), pg_sleep(0) FROM btc.blocks",
        "SELECT upper(hash), date_trunc('day', now()), 'a;b' AS semicolon FROM btc.blocks -- a comment; DROP TABLE btc.blocks",
        "/* leading */ SELECT 1",
        "SELECT 1 AS a, 2 AS a",
        "SELECT * FROM btc.blocks a JOIN btc.blocks b ON a.height = b.height",
        "SELECT height FROM btc.blocks ORDER BY 1 DESC LIMIT 1 OFFSET 1",
        "SELECT '{\"a\": 1}'::jsonb -> 'a' AS a, ARRAY[1, 2] AS list, now() AT TIME ZONE 'UTC' AS at")) {
      assertThatCode(() -> warehouse.checkSandboxed(reader, sql)).as(sql).doesNotThrowAnyException();
    }
  }

  @Test
  void theCheckLeavesTheReaderAsItFoundIt() throws SQLException {
    warehouse.checkSandboxed(reader, "SELECT * FROM btc.blocks");
    assertThat(reader.getAutoCommit()).isTrue();
    try (Statement st = reader.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_setting('transaction_read_only')")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("off");
    }
  }

  @Test
  void aReadOnlyTransactionRefusesWrites() throws SQLException {
    warehouse.beginReadOnly(reader);
    try (Statement st = reader.createStatement()) {
      assertThatThrownBy(() -> st.execute("DELETE FROM btc.blocks"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("read-only transaction");
    }
    try (Statement st = reader.createStatement()) {
      st.execute("ROLLBACK");
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM btc.blocks")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(2);
      }
    }
  }

  @Test
  void closingAReaderLeavesTheWarehouseOpen() throws SQLException {
    reader.close();
    assertThat(warehouse.query("SELECT count(*) FROM btc.blocks").rows().get(0).get(0)).isEqualTo(2L);
    reader = warehouse.openReader();
    assertThat(reader.isClosed()).isFalse();
  }

  private void assertRefused(String sql, String naming) {
    assertThatThrownBy(() -> warehouse.checkSandboxed(reader, sql))
        .as(sql)
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_REFUSED))
        .hasMessageContaining(naming);
  }
}
