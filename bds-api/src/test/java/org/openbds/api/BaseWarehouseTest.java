package org.openbds.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite every warehouse passes: atomic rows plus checkpoint, rollback, deletion by height, exact
 * values, UTC times, strict network ownership of a chain's schema.
 */
public abstract class BaseWarehouseTest {
  protected static final ChainId CHAIN = new ChainId("testchain");
  protected static final TableSchema THINGS =
      new TableSchema(
          "things",
          "test rows",
          "block_height",
          List.of(
              Column.required("block_height", ColumnType.BIGINT, "height"),
              Column.required("amount", ColumnType.BIGINT, "an amount"),
              Column.nullable("label", ColumnType.VARCHAR, "a label"),
              Column.nullable("flag", ColumnType.BOOLEAN, "a flag"),
              Column.nullable("small", ColumnType.INTEGER, "an int"),
              Column.nullable("raw", ColumnType.BLOB, "bytes"),
              Column.nullable("seen_at", ColumnType.TIMESTAMP, "a time"),
              Column.nullable("names", ColumnType.VARCHAR_LIST, "a list"),
              Column.nullable("ratio", ColumnType.DOUBLE, "a float"),
              Column.enumeration("kind", List.of("red", "green", "witness_unknown"), true, "an enum"),
              Column.nullable("wei", ColumnType.BIG_INTEGER, "an exact 256-bit amount")));
  protected static final ViewSchema BIG_THINGS =
      new ViewSchema("big_things", "amount > 10", "SELECT * FROM {schema}.things WHERE amount > 10", List.of());

  private Warehouse warehouse;

  /** A new, empty warehouse. */
  protected abstract Warehouse createWarehouse() throws Exception;

  /** The same warehouse reopened (after {@link Warehouse#close()}), to check durability. */
  protected abstract Warehouse reopenWarehouse() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    warehouse = createWarehouse();
    warehouse.ensureChain(CHAIN, "testnet", List.of(THINGS), List.of(BIG_THINGS));
  }

  @AfterEach
  void tearDown() {
    warehouse.close();
  }

  private static Hash32 hash(int n) {
    byte[] b = new byte[32];
    b[31] = (byte) n;
    b[0] = (byte) 0xab;
    return Hash32.of(b);
  }

  private static void thing(RowWriter w, long height, long amount, String label) {
    w.beginRow();
    w.putLong(height);
    w.putLong(amount);
    w.putString(label);
    w.putBoolean(true);
    w.putInt(-7);
    w.putBytes(new byte[] {0, (byte) 0xff, 7});
    w.putEpochSeconds(1_700_000_000L);
    w.putStringList(List.of("a", "b"));
    w.putDouble(0.5);
    w.putString("witness_unknown");
    w.putBigInteger(java.math.BigInteger.valueOf(amount));
    w.endRow();
  }

  private long count() {
    return ((Number) warehouse.query("SELECT COUNT(*) FROM testchain.things").rows().get(0).get(0)).longValue();
  }

  @Test
  void bigIntegersAreExactToTheLastDigit() {
    java.math.BigInteger max = java.math.BigInteger.TWO.pow(256).subtract(java.math.BigInteger.ONE);
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      for (java.math.BigInteger v : List.of(max, max, max.negate(), java.math.BigInteger.ONE)) {
        RowWriter w = tx.table("things");
        w.beginRow();
        w.putLong(1);
        w.putLong(0);
        for (int i = 0; i < 8; i++) {
          w.putNull();
        }
        w.putBigInteger(v);
        w.endRow();
      }
      RowWriter w = tx.table("things");
      w.beginRow();
      w.putLong(1);
      w.putLong(0);
      for (int i = 0; i < 8; i++) {
        w.putNull();
      }
      w.putBigInteger(null);
      w.endRow();
      tx.commit(new BlockRef(1, hash(1)));
    }
    List<Object> r =
        warehouse.query("SELECT CAST(max(wei) AS VARCHAR), CAST(min(wei) AS VARCHAR), CAST(sum(wei) AS VARCHAR), count(wei) FROM testchain.things").rows().get(0);
    assertThat(r.get(0)).isEqualTo(max.toString());
    assertThat(r.get(1)).isEqualTo(max.negate().toString());
    assertThat(r.get(2)).isEqualTo(max.add(java.math.BigInteger.ONE).toString());
    assertThat(((Number) r.get(3)).longValue()).isEqualTo(4);
    // sorting compares numbers, not digit strings
    List<List<Object>> sorted = warehouse.query("SELECT CAST(wei AS VARCHAR) FROM testchain.things WHERE wei IS NOT NULL ORDER BY wei").rows();
    assertThat(sorted.get(0).get(0)).isEqualTo(max.negate().toString());
    assertThat(sorted.get(1).get(0)).isEqualTo("1");
  }

  @Test
  void aLongArrayParameterBindsAsAnArrayOfKeys() {
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      for (long id = 1; id <= 5; id++) {
        thing(tx.table("things"), id, id * 10, "t" + id);
      }
      tx.commit(new BlockRef(5, hash(5)));
    }
    List<List<Object>> rows = warehouse.query("SELECT t.block_height, t.amount FROM testchain.things t JOIN (SELECT unnest(?::BIGINT[]) AS k) w ON t.block_height = w.k"
        + " WHERE t.block_height BETWEEN ? AND ? ORDER BY t.block_height", new long[] {5, 2, 4, 99}, 2L, 4L).rows();
    assertThat(rows).extracting(r -> ((Number) r.get(0)).longValue(), r -> ((Number) r.get(1)).longValue())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 20L), org.assertj.core.groups.Tuple.tuple(4L, 40L));
    assertThat(warehouse.query("SELECT count(*) FROM (SELECT unnest(?::BIGINT[]) AS k) w", new long[0]).rows().get(0).get(0)).isEqualTo(0L);
  }

  @Test
  void datesReadAsLocalDates() {
    List<Object> row = warehouse.query("SELECT CAST('2026-11-25' AS DATE), CAST(NULL AS DATE)").rows().get(0);
    assertThat(row.get(0)).isEqualTo(java.time.LocalDate.of(2026, 11, 25));
    assertThat(row.get(1)).isNull();
  }

  @Test
  void newChainHasNoCheckpoint() {
    assertThat(warehouse.checkpoint(CHAIN)).isEmpty();
    assertThat(warehouse.network(CHAIN)).contains("testnet");
    assertThat(warehouse.chains()).containsExactly(CHAIN);
  }

  @Test
  void commitWritesRowsAndCheckpointTogether() {
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      thing(tx.table("things"), 1, 5, "x");
      thing(tx.table("things"), 2, 50, null);
      tx.commit(new BlockRef(2, hash(2)));
    }
    assertThat(count()).isEqualTo(2);
    assertThat(warehouse.checkpoint(CHAIN)).contains(new BlockRef(2, hash(2)));
    assertThat(warehouse.query("SELECT COUNT(*) FROM testchain.big_things").rows().get(0).get(0)).isEqualTo(1L);
  }

  @Test
  void theQueuePositionIsCommittedWithTheRowsAndKeptUntilReplaced() {
    assertThat(warehouse.queuePosition(CHAIN)).isEmpty();
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      thing(tx.table("things"), 1, 5, "x");
      tx.commit(new BlockRef(1, hash(1)), java.util.Optional.of("bds.testchain.blocks@0:17"));
    }
    assertThat(warehouse.queuePosition(CHAIN)).contains("bds.testchain.blocks@0:17");
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      thing(tx.table("things"), 2, 6, "y");
      tx.commit(new BlockRef(2, hash(2)));
    }
    assertThat(warehouse.queuePosition(CHAIN)).as("a commit without a position keeps the stored one").contains("bds.testchain.blocks@0:17");
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      thing(tx.table("things"), 3, 7, "z");
      tx.commit(new BlockRef(3, hash(3)), java.util.Optional.of("bds.testchain.blocks@0:19"));
    }
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      thing(tx.table("things"), 4, 8, "w");
      // closed without commit: neither the rows nor the position
    }
    assertThat(warehouse.queuePosition(CHAIN)).contains("bds.testchain.blocks@0:19");
    assertThat(warehouse.checkpoint(CHAIN)).contains(new BlockRef(3, hash(3)));
  }

  @Test
  void transactionClosedWithoutCommitLeavesNothing() {
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      thing(tx.table("things"), 1, 5, "x");
      tx.commit(new BlockRef(1, hash(1)));
    }
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      thing(tx.table("things"), 2, 6, "y");
      thing(tx.table("things"), 3, 7, "z");
    }
    assertThat(count()).isEqualTo(1);
    assertThat(warehouse.checkpoint(CHAIN)).contains(new BlockRef(1, hash(1)));
  }

  @Test
  void failureInsideTransactionRollsBack() {
    assertThatThrownBy(
            () -> {
              try (WriteTransaction tx = warehouse.begin(CHAIN)) {
                thing(tx.table("things"), 1, 5, "x");
                throw new IllegalStateException("boom");
              }
            })
        .hasMessage("boom");
    assertThat(count()).isZero();
    assertThat(warehouse.checkpoint(CHAIN)).isEmpty();
    // the warehouse is usable afterwards
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      thing(tx.table("things"), 1, 5, "x");
      tx.commit(new BlockRef(1, hash(1)));
    }
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void deleteFromHeightRemovesOrphanedRows() {
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      for (int h = 0; h < 10; h++) {
        thing(tx.table("things"), h, h, "h" + h);
      }
      tx.commit(new BlockRef(9, hash(9)));
    }
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      tx.deleteFromHeight(7);
      thing(tx.table("things"), 7, 70, "replacement");
      tx.commit(new BlockRef(7, hash(77)));
    }
    assertThat(warehouse.query("SELECT block_height, amount FROM testchain.things WHERE block_height >= 6 ORDER BY 1").rows())
        .containsExactly(List.of(6L, 6L), List.of(7L, 70L));
    assertThat(warehouse.checkpoint(CHAIN)).contains(new BlockRef(7, hash(77)));
  }

  @Test
  void aLoadLandsWithTheStatementsAroundItInOneTransaction() {
    warehouse.loadAtomically(
        List.of("CREATE TABLE testchain.loaded (id BIGINT NOT NULL, name VARCHAR)", "CREATE TABLE testchain.loaded_count (n BIGINT)"),
        List.of(new TableLoad("testchain", "loaded", w -> {
          for (long i = 0; i < 1000; i++) {
            w.beginRow();
            w.putLong(i);
            if (i % 2 == 0) {
              w.putString("even " + i);
            } else {
              w.putNull();
            }
            w.endRow();
          }
        })),
        List.of("INSERT INTO testchain.loaded_count SELECT count(*) FROM testchain.loaded"));
    assertThat(warehouse.query("SELECT n FROM testchain.loaded_count").rows().get(0).get(0)).isEqualTo(1000L);
    assertThat(warehouse.query("SELECT sum(id), count(name) FROM testchain.loaded").rows().get(0)).containsExactly(new java.math.BigInteger("499500"), 500L);
  }

  @Test
  void aFailedLoadLeavesNothingBehind() {
    warehouse.executeAtomically(List.of("CREATE TABLE testchain.kept (id BIGINT NOT NULL)", "INSERT INTO testchain.kept VALUES (1)"));
    // the row writer fails half way: the statement before it and the rows already appended are rolled back
    assertThatThrownBy(() -> warehouse.loadAtomically(
            List.of("DELETE FROM testchain.kept"),
            List.of(new TableLoad("testchain", "kept", w -> {
              w.beginRow();
              w.putLong(2);
              w.endRow();
              throw new IllegalStateException("the source of the rows failed");
            })),
            List.of()))
        .hasMessageContaining("the source of the rows failed");
    assertThat(warehouse.query("SELECT id FROM testchain.kept").rows()).containsExactly(List.of(1L));
    // a statement after the load fails: the load is rolled back too, and the error names the statement
    assertThatThrownBy(() -> warehouse.loadAtomically(
            List.of(),
            List.of(new TableLoad("testchain", "kept", w -> {
              w.beginRow();
              w.putLong(3);
              w.endRow();
            })),
            List.of("INSERT INTO testchain.no_such_table VALUES (1)")))
        .hasMessageContaining("no_such_table");
    assertThat(warehouse.query("SELECT id FROM testchain.kept").rows()).containsExactly(List.of(1L));
    // the warehouse goes on working afterwards
    warehouse.executeAtomically(List.of("INSERT INTO testchain.kept VALUES (4)"));
    assertThat(warehouse.query("SELECT count(*) FROM testchain.kept").rows().get(0).get(0)).isEqualTo(2L);
  }

  @Test
  void valuesRoundTripExactly() {
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      RowWriter w = tx.table("things");
      w.beginRow();
      w.putLong(0);
      w.putLong(Long.MAX_VALUE);
      w.putString("ünïcödé ✓");
      w.putNull();
      w.putNull();
      w.putNull();
      w.putNull();
      w.putNull();
      w.putNull();
      w.putString("green");
      w.putNull();
      w.endRow();
      thing(w, 1, Long.MIN_VALUE, "long label that is longer than twelve bytes");
      tx.commit(new BlockRef(1, hash(1)));
    }
    QueryResult r =
        warehouse.query("SELECT amount, label, flag, small, raw, seen_at, names, ratio, CAST(kind AS VARCHAR) FROM testchain.things ORDER BY block_height");
    assertThat(r.rows().get(0)).containsExactly(Long.MAX_VALUE, "ünïcödé ✓", null, null, null, null, null, null, "green");
    List<Object> second = r.rows().get(1);
    assertThat(second.get(0)).isEqualTo(Long.MIN_VALUE);
    assertThat(second.get(1)).isEqualTo("long label that is longer than twelve bytes");
    assertThat(second.get(2)).isEqualTo(true);
    assertThat(second.get(3)).isEqualTo(-7);
    assertThat((byte[]) second.get(4)).containsExactly(0, 0xff, 7);
    // stored as UTC whatever the JVM's zone (tests run in a non-UTC zone)
    assertThat(second.get(5)).isEqualTo(LocalDateTime.of(2023, 11, 14, 22, 13, 20));
    assertThat(second.get(6)).isEqualTo(List.of("a", "b"));
    assertThat(second.get(7)).isEqualTo(0.5);
    assertThat(second.get(8)).isEqualTo("witness_unknown");
    assertThat(warehouse.query("SELECT COUNT(*) FROM testchain.things WHERE kind = 'green'").rows().get(0).get(0)).isEqualTo(1L);
    assertThat(warehouse.query("SELECT CAST(seen_at AS DATE) = DATE '2023-11-14' FROM testchain.things WHERE block_height = 1").rows().get(0).get(0))
        .isEqualTo(true);
  }

  @Test
  void valueOutsideAnEnumIsRefused() {
    assertThatThrownBy(
            () -> {
              try (WriteTransaction tx = warehouse.begin(CHAIN)) {
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
        .isInstanceOf(BdsException.class);
    assertThat(count()).isZero();
    assertThat(warehouse.checkpoint(CHAIN)).isEmpty();
  }

  @Test
  void queryTakesParameters() {
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      thing(tx.table("things"), 1, 5, "x'; DROP TABLE testchain.things; --");
      tx.commit(new BlockRef(1, hash(1)));
    }
    assertThat(warehouse.query("SELECT amount FROM testchain.things WHERE label = ?", "x'; DROP TABLE testchain.things; --").rows())
        .containsExactly(List.of(5L));
  }

  @Test
  void badSqlIsATypedError() {
    assertThatThrownBy(() -> warehouse.query("SELEC nonsense"))
        .isInstanceOf(BdsException.class)
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void chainBelongsToOneNetwork() {
    assertThatThrownBy(() -> warehouse.ensureChain(CHAIN, "mainnet", List.of(THINGS), List.of()))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("testnet");
    // the same network again is fine (idempotent)
    warehouse.ensureChain(CHAIN, "testnet", List.of(THINGS), List.of(BIG_THINGS));
  }

  @Test
  void committedDataSurvivesReopen() throws Exception {
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      thing(tx.table("things"), 1, 5, "x");
      tx.commit(new BlockRef(1, hash(1)));
    }
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      thing(tx.table("things"), 2, 6, "uncommitted");
    }
    warehouse.close();
    warehouse = reopenWarehouse();
    assertThat(warehouse.checkpoint(CHAIN)).contains(new BlockRef(1, hash(1)));
    assertThat(count()).isEqualTo(1);
    assertThat(warehouse.network(CHAIN)).isEqualTo(Optional.of("testnet"));
  }

  @Test
  void onlyOneWriteTransactionAtATime() {
    try (WriteTransaction tx = warehouse.begin(CHAIN)) {
      assertThatThrownBy(() -> warehouse.begin(CHAIN)).isInstanceOf(IllegalStateException.class);
    }
  }
}
