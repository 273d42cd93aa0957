package org.openbds.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite of a warehouse's {@link ReadAccess}, which every warehouse a server runs on passes: the SQL
 * sandbox refuses the same escapes (each warehouse's own test adds those only it has), passes plain queries, and runs
 * them in transactions where writes fail, on readers that close without closing the warehouse.
 */
public abstract class BaseReadAccessTest {
  protected static final ChainId CHAIN = new ChainId("sandboxed");
  private static final TableSchema BLOCKS =
      new TableSchema(
          "blocks",
          "test blocks",
          "height",
          List.of(
              Column.required("height", ColumnType.BIGINT, "height"),
              Column.required("hash", ColumnType.VARCHAR, "hash"),
              Column.nullable("size", ColumnType.INTEGER, "size")));

  private Warehouse warehouse;
  private ReadAccess access;
  private Connection reader;

  /** A new, empty warehouse that is a {@link ReadAccess}. */
  protected abstract Warehouse createWarehouse() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    warehouse = createWarehouse();
    assertThat(warehouse).isInstanceOf(ReadAccess.class);
    access = (ReadAccess) warehouse;
    warehouse.ensureChain(CHAIN, "testnet", List.of(BLOCKS), List.of());
    warehouse.executeAtomically(List.of(
        "INSERT INTO sandboxed.blocks VALUES (0, 'aa', 285), (1, 'bb', 215)",
        "CREATE TABLE main.bds_secrets (id VARCHAR)",
        "CREATE SEQUENCE sandboxed.numbers"));
    reader = access.openReader();
  }

  @AfterEach
  void tearDown() throws SQLException {
    try {
      reader.close();
    } finally {
      warehouse.close();
    }
  }

  static List<String> escapes() {
    return List.of(
        "SELECT 1; DROP TABLE sandboxed.blocks",
        "SELECT 1; SELECT 2",
        "SELECT 1 /* ; */; DELETE FROM sandboxed.blocks",
        "/* SELECT */ DROP TABLE sandboxed.blocks",
        "DELETE FROM sandboxed.blocks",
        "INSERT INTO sandboxed.blocks VALUES (2, 'cc', 1)",
        "UPDATE main.bds_chains SET tip_height = 0",
        "DROP TABLE sandboxed.blocks",
        "CREATE TABLE sandboxed.copied AS SELECT * FROM sandboxed.blocks",
        "ALTER TABLE sandboxed.blocks ADD COLUMN x INTEGER",
        "COPY sandboxed.blocks TO '/tmp/stolen.csv'",
        "SET search_path = main",
        "BEGIN TRANSACTION",
        "CHECKPOINT",
        "EXPLAIN ANALYZE DELETE FROM sandboxed.blocks",
        "WITH gone AS (DELETE FROM sandboxed.blocks RETURNING *) SELECT * FROM gone",
        "SELECT * FROM main.bds_secrets",
        "SELECT * FROM sandboxed.blocks WHERE height IN (SELECT count(*) FROM main.bds_secrets)",
        "SELECT nextval('sandboxed.numbers')",
        "SELECT setseed(0.5)",
        "SELECT current_setting('search_path')");
  }

  @ParameterizedTest
  @MethodSource("escapes")
  void refusesTheEscapesEveryWarehouseRefuses(String sql) {
    assertThatThrownBy(() -> access.checkSandboxed(reader, sql))
        .as(sql)
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_REFUSED));
  }

  @Test
  void anEmptyQueryIsInvalid() {
    for (String sql : List.of("", "   ")) {
      assertThatThrownBy(() -> access.checkSandboxed(reader, sql))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
  }

  @Test
  void plainQueriesPassAndRun() throws SQLException {
    for (String sql : List.of(
        "SELECT * FROM sandboxed.blocks",
        "select height, hash from sandboxed.blocks where size > 200 order by height desc limit 1",
        "WITH big AS (SELECT * FROM sandboxed.blocks WHERE size > 200) SELECT count(*) AS n FROM big",
        "SELECT chain, network FROM main.bds_chains",
        "SELECT 'a;b' AS text, upper(hash) FROM sandboxed.blocks -- a comment; DROP TABLE sandboxed.blocks")) {
      assertThatCode(() -> access.checkSandboxed(reader, sql)).as(sql).doesNotThrowAnyException();
      access.beginReadOnly(reader);
      try (Statement st = reader.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        assertThat(rs.next()).as(sql).isTrue();
      } finally {
        rollback();
      }
    }
  }

  @Test
  void aReadOnlyTransactionRefusesWrites() throws SQLException {
    access.beginReadOnly(reader);
    try (Statement st = reader.createStatement()) {
      assertThatThrownBy(() -> st.execute("DELETE FROM sandboxed.blocks")).isInstanceOf(SQLException.class);
    } finally {
      rollback();
    }
    assertThat(((Number) warehouse.query("SELECT count(*) FROM sandboxed.blocks").rows().get(0).get(0)).longValue()).isEqualTo(2);
  }

  @Test
  void aReaderSeesWhatIsCommittedAndClosesAlone() throws SQLException {
    warehouse.executeAtomically(List.of("INSERT INTO sandboxed.blocks VALUES (2, 'cc', 1)"));
    try (Statement st = reader.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM sandboxed.blocks")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(3);
    }
    reader.close();
    assertThat(((Number) warehouse.query("SELECT count(*) FROM sandboxed.blocks").rows().get(0).get(0)).longValue()).isEqualTo(3);
    reader = access.openReader();
    assertThat(reader.isClosed()).isFalse();
  }

  private void rollback() throws SQLException {
    try (Statement st = reader.createStatement()) {
      st.execute("ROLLBACK");
    }
  }
}
