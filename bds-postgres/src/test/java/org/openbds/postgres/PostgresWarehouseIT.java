package org.openbds.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openbds.api.BaseWarehouseTest;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainId;
import org.openbds.api.Column;
import org.openbds.api.ColumnType;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.LookupIndexes;
import org.openbds.api.RowWriter;
import org.openbds.api.TableLoad;
import org.openbds.api.TableSchema;
import org.openbds.api.ViewSchema;
import org.openbds.api.Warehouse;
import org.openbds.api.WriteTransaction;

/** The conformance suite against a real PostgreSQL server, and what is PostgreSQL's own: COPY, types, connections. */
class PostgresWarehouseIT extends BaseWarehouseTest {
  private static TestingPostgres server;
  private PostgresUrl database;
  private PostgresWarehouse current;

  @BeforeAll
  static void startServer() throws Exception {
    server = new TestingPostgres();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Override
  protected Warehouse createWarehouse() {
    database = server.freshDatabase();
    current = PostgresWarehouse.open(database);
    return current;
  }

  @Override
  protected Warehouse reopenWarehouse() {
    current = PostgresWarehouse.open(database);
    return current;
  }

  private static Hash32 hash(int n) {
    byte[] b = new byte[32];
    b[31] = (byte) n;
    return Hash32.of(b);
  }

  /** A row of {@code things} with only the given label, list and bytes set. */
  private static void row(RowWriter w, long height, String label, List<String> names, byte[] raw, BigInteger wei) {
    w.beginRow();
    w.putLong(height);
    w.putLong(height);
    w.putString(label);
    w.putNull();
    w.putNull();
    w.putBytes(raw);
    w.putNull();
    w.putStringList(names);
    w.putNull();
    w.putNull();
    w.putBigInteger(wei);
    w.endRow();
  }

  @Test
  void twoHundredFiftySixBitValuesRoundTripExactly() {
    BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    List<BigInteger> values =
        List.of(max, max.negate(), BigInteger.ZERO, BigInteger.ONE, BigInteger.TEN.pow(77), BigInteger.valueOf(10_000), BigInteger.valueOf(-9_999),
            new BigInteger("1000000000000000000"), BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE));
    try (WriteTransaction tx = current.begin(CHAIN)) {
      for (int i = 0; i < values.size(); i++) {
        row(tx.table("things"), i, null, null, null, values.get(i));
      }
      tx.commit(new BlockRef(values.size() - 1, hash(1)));
    }
    List<List<Object>> rows = current.query("SELECT wei, CAST(wei AS VARCHAR) FROM testchain.things ORDER BY block_height").rows();
    for (int i = 0; i < values.size(); i++) {
      // read as DuckDB reads its BIGNUM column: the decimal digits
      assertThat(rows.get(i)).containsExactly(values.get(i).toString(), values.get(i).toString());
    }
    assertThat(current.query("SELECT sum(wei) FROM testchain.things WHERE wei > 0").rows().get(0).get(0))
        .isEqualTo(values.stream().filter(v -> v.signum() > 0).reduce(BigInteger.ZERO, BigInteger::add));
    assertThat(current.query("SELECT count(*) FROM testchain.things WHERE wei = ?", max).rows().get(0).get(0)).isEqualTo(1L);
    // beyond 78 digits is refused, never rounded
    assertThatThrownBy(() -> {
          try (WriteTransaction tx = current.begin(CHAIN)) {
            row(tx.table("things"), 100, null, null, null, BigInteger.TEN.pow(78));
            tx.commit(new BlockRef(100, hash(2)));
          }
        })
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("numeric");
  }

  @Test
  void stringsListsAndBytesRoundTripThroughCopyExactly() {
    List<String> strings =
        List.of("tab\there", "new\nline", "cr\rlf\r\n", "back\\slash", "\\N", "\\.", "\\", "quote\"s and 'apostrophes'", "{braces},commas",
            "NULL", "", " spaces ", "ünïcödé ✓", "emoji 🎉 and 𝔘 beyond the BMP", "\\x00ff", "\u0001\u001f\u007f", "a\\tb", "\"", "日本語");
    byte[] allBytes = new byte[256];
    for (int i = 0; i < 256; i++) {
      allBytes[i] = (byte) i;
    }
    List<String> withNull = new ArrayList<>(List.of("x", ""));
    withNull.add(null);
    try (WriteTransaction tx = current.begin(CHAIN)) {
      for (int i = 0; i < strings.size(); i++) {
        row(tx.table("things"), i, strings.get(i), List.of(strings.get(i), "b"), allBytes, null);
      }
      row(tx.table("things"), strings.size(), null, strings, new byte[0], null);
      row(tx.table("things"), strings.size() + 1, null, List.of(), null, null);
      row(tx.table("things"), strings.size() + 2, null, withNull, null, null);
      tx.commit(new BlockRef(strings.size() + 2, hash(1)));
    }
    List<List<Object>> rows = current.query("SELECT label, names, raw FROM testchain.things ORDER BY block_height").rows();
    for (int i = 0; i < strings.size(); i++) {
      assertThat(rows.get(i).get(0)).isEqualTo(strings.get(i));
      assertThat(rows.get(i).get(1)).isEqualTo(List.of(strings.get(i), "b"));
      assertThat((byte[]) rows.get(i).get(2)).isEqualTo(allBytes);
    }
    assertThat(rows.get(strings.size()).get(1)).isEqualTo(strings);
    assertThat((byte[]) rows.get(strings.size()).get(2)).isEmpty();
    assertThat(rows.get(strings.size() + 1).get(1)).isEqualTo(List.of());
    assertThat(rows.get(strings.size() + 2).get(1)).isEqualTo(withNull);
    // a parameter finds them as written
    for (String s : strings) {
      assertThat(current.query("SELECT count(*) FROM testchain.things WHERE label = ?", s).rows().get(0).get(0)).as(s).isEqualTo(1L);
    }
  }

  @Test
  void aStringPostgresCannotHoldIsRefusedNamingTheColumn() {
    assertThatThrownBy(() -> {
          try (WriteTransaction tx = current.begin(CHAIN)) {
            row(tx.table("things"), 1, "nul \0 inside", null, null, null);
          }
        })
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("testchain.things.label")
        .hasMessageContaining("U+0000");
    assertThat(current.query("SELECT count(*) FROM testchain.things").rows().get(0).get(0)).isEqualTo(0L);
  }

  @Test
  void valuesHaveTheJavaTypesTheDuckDbWarehouseGives() {
    try (WriteTransaction tx = current.begin(CHAIN)) {
      RowWriter w = tx.table("things");
      w.beginRow();
      w.putLong(3);
      w.putLong(42);
      w.putString("x");
      w.putBoolean(false);
      w.putInt(7);
      w.putBytes(new byte[] {1});
      w.putEpochSeconds(0);
      w.putStringList(List.of("a"));
      w.putDouble(1.5);
      w.putString("red");
      w.putBigInteger(BigInteger.TEN);
      w.endRow();
      tx.commit(new BlockRef(3, hash(3)));
    }
    List<Object> r =
        current.query("SELECT block_height, label, flag, small, raw, seen_at, names, ratio, kind, wei, sum(amount) OVER (), count(*) OVER (),"
                + " CAST(seen_at AS DATE) = DATE '1970-01-01', 2.5 FROM testchain.things").rows().get(0);
    assertThat(r.get(0)).isEqualTo(3L);
    assertThat(r.get(1)).isEqualTo("x");
    assertThat(r.get(2)).isEqualTo(false);
    assertThat(r.get(3)).isEqualTo(7);
    assertThat(r.get(4)).isInstanceOf(byte[].class);
    assertThat(r.get(5)).isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0));
    assertThat(r.get(6)).isEqualTo(List.of("a"));
    assertThat(r.get(7)).isEqualTo(1.5);
    assertThat(r.get(8)).isEqualTo("red");
    assertThat(r.get(9)).isEqualTo("10");
    assertThat(r.get(10)).isEqualTo(BigInteger.valueOf(42));
    assertThat(r.get(11)).isEqualTo(1L);
    assertThat(r.get(12)).isEqualTo(true);
    assertThat(r.get(13)).isEqualTo(new java.math.BigDecimal("2.5"));
  }

  @Test
  void aServerSideFailureInALoadRollsBackTheStatementsAndLoadsBeforeIt() {
    assertThatThrownBy(() -> current.loadAtomically(
            List.of("CREATE TABLE testchain.made (id BIGINT NOT NULL, name VARCHAR NOT NULL)", "CREATE TABLE testchain.other (n BIGINT)"),
            List.of(
                new TableLoad("testchain", "other", w -> {
                  w.beginRow();
                  w.putLong(1);
                  w.endRow();
                }),
                new TableLoad("testchain", "made", w -> {
                  for (int i = 0; i < 100_000; i++) {
                    w.beginRow();
                    w.putLong(i);
                    // the server refuses the NULL: the COPY fails after many rows were sent
                    w.putString(i == 99_000 ? null : "n" + i);
                    w.endRow();
                  }
                })),
            List.of()))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("testchain.made")
        .hasMessageContaining("null value");
    assertThat(current.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'testchain' AND tablename IN ('made', 'other')").rows().get(0).get(0))
        .isEqualTo(0L);
    // the warehouse goes on working, and a load of the same shape then succeeds
    current.loadAtomically(
        List.of("CREATE TABLE testchain.made (id BIGINT NOT NULL, name VARCHAR NOT NULL)"),
        List.of(new TableLoad("testchain", "made", w -> {
          w.beginRow();
          w.putLong(1);
          w.putString("one");
          w.endRow();
        })),
        List.of());
    assertThat(current.query("SELECT id, name FROM testchain.made").rows()).containsExactly(List.of(1L, "one"));
  }

  @Test
  void aFailedCopyInAWriteTransactionLeavesNoRowOfAnyTableAndNoCheckpoint() {
    TableSchema others = new TableSchema("others", "more rows", "h", List.of(Column.required("h", ColumnType.BIGINT, "height")));
    current.ensureChain(CHAIN, "testnet", List.of(THINGS, others), List.of(BIG_THINGS));
    assertThatThrownBy(() -> {
          try (WriteTransaction tx = current.begin(CHAIN)) {
            RowWriter o = tx.table("others");
            o.beginRow();
            o.putLong(1);
            o.endRow();
            RowWriter w = tx.table("things");
            w.beginRow();
            w.putLong(1);
            w.putLong(1);
            for (int i = 0; i < 7; i++) {
              w.putNull();
            }
            w.putString("purple");
            w.putNull();
            w.endRow();
            tx.commit(new BlockRef(1, hash(1)));
          }
        })
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("things");
    assertThat(current.query("SELECT (SELECT count(*) FROM testchain.things) + (SELECT count(*) FROM testchain.others)").rows().get(0).get(0))
        .isEqualTo(0L);
    assertThat(current.checkpoint(CHAIN)).isEmpty();
  }

  @Test
  void aRowOfTheWrongLengthIsRefusedAtOnce() {
    try (WriteTransaction tx = current.begin(CHAIN)) {
      RowWriter w = tx.table("things");
      w.beginRow();
      w.putLong(1);
      assertThatThrownBy(w::endRow).isInstanceOf(BdsException.class).hasMessageContaining("a row of 1 values, but the table has 11 columns");
    }
  }

  @Test
  void readersSeeCommittedDataOnlyWhileAWriteIsOpen() {
    try (WriteTransaction tx = current.begin(CHAIN)) {
      row(tx.table("things"), 1, "x", null, null, null);
      tx.deleteFromHeight(5);
      assertThat(current.query("SELECT count(*) FROM testchain.things").rows().get(0).get(0)).isEqualTo(0L);
      tx.commit(new BlockRef(1, hash(1)));
    }
    assertThat(current.query("SELECT count(*) FROM testchain.things").rows().get(0).get(0)).isEqualTo(1L);
  }

  @Test
  void streamingReadsEveryRowInOrderAndLeavesTheWarehouseUsable() {
    current.executeAtomically(List.of("CREATE TABLE testchain.numbers AS SELECT n FROM generate_series(1, 25000) AS n"));
    AtomicLong sum = new AtomicLong();
    AtomicLong last = new AtomicLong();
    current.stream("SELECT n FROM testchain.numbers ORDER BY n", row -> {
      long n = row.getLong(1);
      assertThat(n).isEqualTo(last.get() + 1);
      last.set(n);
      sum.addAndGet(n);
    });
    assertThat(sum.get()).isEqualTo(25000L * 25001 / 2);
    assertThatThrownBy(() -> current.stream("SELECT n FROM testchain.numbers", row -> {
          throw new IllegalStateException("the reader stopped");
        }))
        .hasMessage("the reader stopped");
    assertThatThrownBy(() -> current.stream("SELECT nonsense FROM testchain.numbers", row -> {}))
        .isInstanceOf(BdsException.class)
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.WAREHOUSE_FAILURE));
    assertThat(current.query("SELECT count(*) FROM testchain.numbers").rows().get(0).get(0)).isEqualTo(25000L);
  }

  @Test
  void everyTableHasAHeightIndexAndTheLookupsTheirOwn() {
    ChainId chain = new ChainId("lookups");
    TableSchema transactions =
        new TableSchema(
            "transactions",
            "txs",
            "block_height",
            List.of(
                Column.required("tx_id", ColumnType.BIGINT, "id"),
                Column.required("txid", ColumnType.VARCHAR, "hash"),
                Column.required("block_height", ColumnType.BIGINT, "height")));
    TableSchema addresses =
        new TableSchema(
            "address_dictionary",
            "addresses",
            "first_height",
            List.of(
                Column.required("address_id", ColumnType.BIGINT, "id"),
                Column.required("address", ColumnType.VARCHAR, "text"),
                Column.required("first_height", ColumnType.BIGINT, "height")));
    current.ensureChain(chain, "mainnet", List.of(transactions, addresses), List.of());
    List<List<Object>> indexes = current.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'lookups' ORDER BY indexname").rows();
    assertThat(indexes)
        .extracting(r -> r.get(0))
        .containsExactly(
            "bds_height_address_dictionary",
            "bds_height_transactions",
            LookupIndexes.name("address_dictionary", "address"),
            LookupIndexes.name("address_dictionary", "address_id"),
            LookupIndexes.name("transactions", "tx_id"),
            LookupIndexes.name("transactions", "txid"));
    // the product's own CREATE INDEX IF NOT EXISTS finds them made
    LookupIndexes.ensure(current, chain, List.of("transactions(txid)", "address_dictionary(address)"), m -> {});
    assertThat(current.query("SELECT count(*) FROM pg_indexes WHERE schemaname = 'lookups'").rows().get(0).get(0)).isEqualTo(6L);
    assertThat(current.query("SELECT indexdef FROM pg_indexes WHERE indexname = ?", LookupIndexes.name("transactions", "txid")).rows().get(0).get(0).toString())
        .as("text keys looked up by equality").contains("USING hash");
    // a bulk load drops the lookup indexes (the height indexes stay) and makes them again at its end
    current.beginBulkLoad(chain);
    assertThat(current.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'lookups' ORDER BY indexname").rows())
        .extracting(r -> r.get(0)).containsExactly("bds_height_address_dictionary", "bds_height_transactions");
    current.endBulkLoad(chain);
    current.endBulkLoad(chain);
    assertThat(current.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'lookups' ORDER BY indexname").rows()).isEqualTo(indexes);
    assertThat(current.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'bds_height_things'").rows().get(0).get(0).toString())
        .contains("USING brin (block_height)");
  }

  @Test
  void aViewWhoseColumnsChangedIsMadeAgain() {
    current.ensureChain(CHAIN, "testnet", List.of(THINGS), List.of(new ViewSchema("big_things", "fewer columns", "SELECT amount, label FROM {schema}.things", List.of())));
    assertThat(current.query("SELECT * FROM testchain.big_things").columns()).containsExactly("amount", "label");
  }

  @Test
  void theProductsSqlFunctionsAnswerAsDuckDbDoes() {
    // the values DuckDB 1.4 gives for the same calls
    List<Object> row =
        current.query(
                "SELECT divide(-7, 2), divide(CAST('100000000000000000000000' AS HUGEINT), 3),"
                    + " date_diff('second', TIMESTAMP '2020-01-01 00:00:00.9', TIMESTAMP '2020-01-01 00:00:01.1'),"
                    + " date_diff('day', TIMESTAMP '2020-01-01 23:59:59', TIMESTAMP '2020-01-02 00:00:00'),"
                    + " epoch(TIMESTAMP '2020-01-01 00:00:01'), strftime(DATE '2026-03-04', '%Y-%m'),"
                    + " strftime(TIMESTAMP '2026-03-04 05:06:07', '%Y-%m-%d %H:%M:%S'), month(DATE '2026-03-04'), hour(TIMESTAMP '2026-03-04 05:06:07'),"
                    + " contains('abcdef', 'cd'), contains('abcdef', 'x'), hex(from_hex('00ff10')), hex('Az'), log2(8.0), CAST(1.5 AS DOUBLE)")
            .rows()
            .get(0);
    assertThat(row.get(0)).isEqualTo(-3);
    assertThat(row.get(1).toString()).isEqualTo("33333333333333333333333");
    assertThat(row.get(2)).isEqualTo(1L);
    assertThat(row.get(3)).isEqualTo(1L);
    assertThat(row.get(4)).isEqualTo(1.577836801E9);
    assertThat(row.subList(5, 7)).containsExactly("2026-03", "2026-03-04 05:06:07");
    assertThat(row.subList(7, 9)).containsExactly(3, 5);
    assertThat(row.subList(9, 11)).containsExactly(true, false);
    assertThat(row.subList(11, 13)).containsExactly("00FF10", "417A");
    assertThat(row.subList(13, 15)).containsExactly(3.0, 1.5);
  }

  @Test
  void aRoleThatIsNotASuperuserUsesTheProductsSqlFunctions() {
    // what an operator grants a role that reads the warehouse: the bookkeeping schema (Flyway checks its history)
    current.executeAtomically(List.of(
        "CREATE ROLE bds_reader LOGIN PASSWORD 'reader-secret'", "GRANT USAGE ON SCHEMA main TO bds_reader",
        "GRANT SELECT ON ALL TABLES IN SCHEMA main TO bds_reader"));
    try (PostgresWarehouse reader =
        PostgresWarehouse.open(new PostgresUrl("bds_reader", java.util.Optional.of("reader-secret"), database.host(), database.port(), database.database(),
            java.util.Optional.empty()))) {
      List<Object> row = reader.query("SELECT divide(7, 2), strftime(DATE '2026-03-04', '%Y-%m'), CAST(7 AS HUGEINT)").rows().get(0);
      assertThat(row.subList(0, 2)).containsExactly(3, "2026-03");
      assertThat(row.get(2).toString()).isEqualTo("7");
    } finally {
      current.executeAtomically(List.of("DROP OWNED BY bds_reader", "DROP ROLE bds_reader"));
    }
  }

  @Test
  void theBookkeepingTablesAreMadeByTheMigrationsOnce() {
    List<List<Object>> applied = current.query("SELECT version, success FROM main.bds_schema_history WHERE version IS NOT NULL ORDER BY installed_rank").rows();
    assertThat(applied).containsExactly(List.of("1", true), List.of("2", true), List.of("3", true));
    current.close();
    current = PostgresWarehouse.open(database);
    assertThat(current.query("SELECT count(*) FROM main.bds_schema_history WHERE version IS NOT NULL").rows().get(0).get(0)).isEqualTo(3L);
    assertThat(current.sizeBytes()).isPositive();
    // the bookkeeping of other modules lands beside it, as in DuckDB
    current.executeAtomically(List.of("CREATE TABLE IF NOT EXISTS main.bds_labels (chain VARCHAR NOT NULL, address VARCHAR NOT NULL)"));
    assertThat(current.chains()).containsExactly(CHAIN);
  }

  @Test
  void aWrongPasswordIsAClearErrorWithoutThePassword() {
    String password = "not-the-password-" + System.nanoTime();
    PostgresUrl wrong = new PostgresUrl(database.user(), Optional.of(password), database.host(), database.port(), database.database(), Optional.empty());
    assertThatThrownBy(() -> PostgresWarehouse.open(wrong.withPassword()))
        .isInstanceOf(BdsException.class)
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIG))
        .hasMessageContaining("password authentication failed")
        .hasMessageContaining(wrong.toString())
        .satisfies(e -> assertThat(fullText(e)).doesNotContain(password));
  }

  @Test
  void aMissingDatabaseOrServerIsAClearErrorWithoutThePassword() {
    PostgresUrl missing = server.server().url("no_such_database");
    String password = missing.password().orElseThrow();
    assertThatThrownBy(() -> PostgresWarehouse.open(missing))
        .isInstanceOf(BdsException.class)
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIG))
        .hasMessageContaining("no_such_database")
        .satisfies(e -> assertThat(fullText(e)).doesNotContain(password));
    PostgresUrl closedPort = new PostgresUrl(missing.user(), missing.password(), "127.0.0.1", 1, "x", Optional.empty());
    assertThatThrownBy(() -> PostgresWarehouse.open(closedPort))
        .isInstanceOf(BdsException.class)
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.WAREHOUSE_FAILURE))
        .hasMessageContaining("127.0.0.1:1")
        .satisfies(e -> assertThat(fullText(e)).doesNotContain(password));
  }

  /** The messages of an exception and all its causes. */
  private static String fullText(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t).append('\n');
    }
    return sb.toString();
  }
}
