package org.openbds.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The SQL sandbox's escape list: every statement here must be refused. Grow it with every new way out found; each
 * entry is also run, where it parses, to show that the refusal is what stops it.
 */
class DuckDbSandboxCheckTest {
  @TempDir Path dir;
  private DuckDbWarehouse warehouse;
  private Connection reader;

  static List<String> escapes() {
    return List.of(
        "COPY btc.blocks TO '/tmp/stolen.csv'",
        "COPY (SELECT 1) TO '/tmp/x.parquet' (FORMAT parquet)",
        "ATTACH '/tmp/other.duckdb' AS other",
        "DETACH openbds",
        "INSTALL httpfs",
        "LOAD httpfs",
        "PRAGMA database_list",
        "SET enable_external_access = true",
        "SET threads = 64",
        "RESET memory_limit",
        "CALL pragma_version()",
        "EXPORT DATABASE '/tmp/dump'",
        "IMPORT DATABASE '/tmp/dump'",
        "CREATE TABLE btc.x AS SELECT 1",
        "CREATE MACRO m() AS 1",
        "CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')",
        "INSERT INTO btc.blocks SELECT * FROM btc.blocks",
        "UPDATE main.bds_chains SET tip_height = 0",
        "DELETE FROM btc.blocks",
        "DROP TABLE btc.blocks",
        "ALTER TABLE btc.blocks ADD COLUMN x INT",
        "CHECKPOINT",
        "VACUUM",
        "BEGIN TRANSACTION",
        "EXPLAIN ANALYZE SELECT 1",
        "USE memory",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_csv_auto('/etc/passwd')",
        "SELECT * FROM read_parquet('/tmp/*.parquet')",
        "SELECT * FROM read_json('/etc/hosts')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM read_blob('/etc/hostname')",
        "SELECT * FROM '/etc/passwd'",
        "SELECT * FROM 'data.csv'",
        "SELECT * FROM \"/etc/passwd\"",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM query('SELECT 1')",
        "SELECT * FROM query_table('btc.blocks')",
        "SELECT * FROM duckdb_settings()",
        "SELECT * FROM duckdb_extensions()",
        "SELECT * FROM duckdb_secrets()",
        "SELECT * FROM pragma_database_list()",
        "SELECT * FROM sniff_csv('/etc/passwd')",
        "SELECT * FROM parquet_metadata('/tmp/x.parquet')",
        "SELECT * FROM iceberg_scan('s3://bucket/t')",
        "SELECT * FROM postgres_scan('host=localhost', 'public', 't')",
        "SELECT (SELECT count(*) FROM read_text('/etc/hosts'))",
        "WITH x AS (SELECT * FROM read_csv('/etc/passwd')) SELECT * FROM x",
        "SELECT 1 UNION ALL SELECT count(*) FROM glob('/root/*')",
        "SELECT getenv('HOME')",
        "SELECT current_setting('memory_limit')",
        "SELECT getvariable('x')",
        "SELECT nextval('s')",
        "SELECT setseed(0.5)",
        "SELECT * FROM btc.blocks; DROP TABLE btc.blocks",
        "SELECT 1; SELECT 2",
        "SELECT * FROM other.main.t",
        "SELECT * FROM main.bds_api_keys",
        "SELECT * FROM bds_api_keys",
        "SELECT * FROM main.bds_saved");
  }

  @BeforeEach
  void open() throws Exception {
    warehouse = DuckDbWarehouse.open(dir);
    warehouse.execute("CREATE SCHEMA btc");
    warehouse.execute("CREATE TABLE btc.blocks (height BIGINT, hash VARCHAR)");
    warehouse.execute("INSERT INTO btc.blocks VALUES (0, 'a'), (1, 'b')");
    warehouse.execute("CREATE TABLE main.bds_api_keys (id VARCHAR, hash VARCHAR)");
    warehouse.execute("CREATE SEQUENCE s");
    Files.writeString(dir.resolve("data.csv"), "secret\n42\n");
    reader = warehouse.openReader();
  }

  @AfterEach
  void close() throws Exception {
    reader.close();
    warehouse.close();
  }

  @ParameterizedTest
  @MethodSource("escapes")
  void everyEscapeAttemptIsRefused(String sql) {
    assertThatThrownBy(() -> warehouse.checkSandboxed(reader, sql))
        .isInstanceOf(BdsException.class)
        .satisfies(e -> assertThat(((BdsException) e).code()).isIn(ErrorCode.QUERY_REFUSED, ErrorCode.INVALID_ARGUMENT))
        .hasMessageNotContaining("Exception");
  }

  @Test
  void readingQueriesPass() {
    for (String sql :
        List.of(
            "SELECT height, hash FROM btc.blocks ORDER BY height DESC LIMIT 5",
            "select count(*) from btc.blocks where hash like 'a%'",
            "WITH b AS (SELECT height FROM btc.blocks) SELECT max(height) FROM b",
            "FROM btc.blocks",
            "SELECT * FROM range(10)",
            "SELECT unnest([1, 2, 3])",
            "SELECT * FROM main.bds_chains",
            "SELECT table_name FROM information_schema.tables",
            "DESCRIBE btc.blocks",
            "SHOW TABLES",
            "SELECT strftime(now(), '%Y'), sum(height) OVER () FROM btc.blocks",
            "SELECT 1 UNION ALL SELECT 2")) {
      assertThatCode(() -> warehouse.checkSandboxed(reader, sql)).as(sql).doesNotThrowAnyException();
    }
  }

  @Test
  void theRefusalNamesWhatIsNotAllowed() {
    assertThatThrownBy(() -> warehouse.checkSandboxed(reader, "COPY btc.blocks TO '/tmp/x.csv'"))
        .hasMessageContaining("only read-only queries")
        .hasMessageContaining("COPY");
    assertThatThrownBy(() -> warehouse.checkSandboxed(reader, "SELECT * FROM read_csv('/etc/passwd')"))
        .hasMessageContaining("read_csv()");
    assertThatThrownBy(() -> warehouse.checkSandboxed(reader, "SELECT getenv('HOME')")).hasMessageContaining("getenv()");
    assertThatThrownBy(() -> warehouse.checkSandboxed(reader, "SELEC 1"))
        .isInstanceOf(BdsException.class)
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("does not parse");
  }

  @Test
  void aReadOnlyTransactionRefusesWritesAndExternalAccessCanBeDisabledForGood() throws Exception {
    warehouse.beginReadOnly(reader);
    try (Statement st = reader.createStatement()) {
      assertThatThrownBy(() -> st.execute("INSERT INTO btc.blocks VALUES (2, 'c')")).hasMessageContaining("read-only");
    }
    try (Statement st = reader.createStatement()) {
      st.execute("ROLLBACK");
    }
    String csv = dir.resolve("data.csv").toString().replace("'", "''");
    try (Statement st = reader.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM read_csv('" + csv + "')")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
    warehouse.disableExternalAccess();
    try (Statement st = reader.createStatement()) {
      assertThatThrownBy(() -> st.executeQuery("SELECT count(*) FROM read_csv('" + csv + "')")).hasMessageContaining("disabled");
    }
    // the writer still writes its own file
    warehouse.execute("INSERT INTO btc.blocks VALUES (2, 'c')");
    assertThat(warehouse.query("SELECT count(*) FROM btc.blocks").rows().get(0).get(0)).isEqualTo(3L);
  }
}
