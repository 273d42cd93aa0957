package org.openbds.forensics.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.Warehouse;
import org.openbds.duckdb.DuckDbWarehouse;

class KeyedRowsTest {
  private static final long ROWS = 1_000_000;

  @TempDir
  static Path dir;
  private static DuckDbWarehouse warehouse;
  private static final List<String> queries = new ArrayList<>();

  @BeforeAll
  static void table() {
    warehouse = DuckDbWarehouse.open(dir);
    warehouse.executeAtomically(List.of("CREATE SCHEMA k", "CREATE TABLE k.things AS SELECT range AS id, 'v' || range AS v, range % 3 AS r FROM range(" + ROWS + ")"));
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  /** The warehouse, noting the SQL of each query. */
  private static Warehouse noting() {
    return (Warehouse) java.lang.reflect.Proxy.newProxyInstance(Warehouse.class.getClassLoader(), new Class<?>[] {Warehouse.class}, (p, m, a) -> {
      if (m.getName().equals("query")) {
        queries.add((String) a[0]);
      }
      try {
        return m.invoke(warehouse, a);
      } catch (java.lang.reflect.InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }

  private static Map<Long, String> read(List<Long> keys, String filter) {
    queries.clear();
    Map<Long, String> out = new TreeMap<>();
    for (List<Object> r : new KeyedRows(noting(), "k").read("t.id, t.v", "things", "id", keys, filter)) {
      assertThat(out.put(((Number) r.get(0)).longValue(), (String) r.get(1))).as("each row once").isNull();
    }
    return out;
  }

  @Test
  void aDenseRunIsOneRangeJoinAndScatteredKeysGoThroughTheIndex() {
    Random random = new Random(11);
    List<Long> keys = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      keys.add(300_000L + random.nextInt(60_000)); // dense: one run, with repeats
    }
    keys.addAll(List.of(3L, 700_000L, 999_999L, ROWS + 5, -1L)); // far apart, two of them in no row
    Map<Long, String> rows = read(keys, "");
    Map<Long, String> expected = new TreeMap<>();
    for (long k : keys) {
      if (k >= 0 && k < ROWS) {
        expected.put(k, "v" + k);
      }
    }
    assertThat(rows).isEqualTo(expected);
    assertThat(queries).hasSize(2);
    assertThat(queries).filteredOn(q -> q.contains("unnest(?::BIGINT[])") && q.contains("BETWEEN")).hasSize(1);
    assertThat(queries).filteredOn(q -> q.contains(" IN (?")).hasSize(1);
  }

  @Test
  void theFilterAppliesOnBothPaths() {
    List<Long> keys = new ArrayList<>();
    for (long k = 500_000; k < 503_000; k++) {
      keys.add(k);
    }
    keys.addAll(List.of(10L, 11L, 12L));
    Map<Long, String> rows = read(keys, " AND t.r = 0");
    assertThat(rows.keySet()).allMatch(k -> k % 3 == 0).contains(12L, 500_001L).doesNotContain(10L, 500_000L).hasSize(1 + 1_000);
  }

  @Test
  void manyKeysSpreadOverTheWholeTableAreOneScanNotThousandsOfProbes() {
    List<Long> keys = new ArrayList<>();
    for (long k = 0; k < ROWS; k += 97) {
      keys.add(k);
    }
    Map<Long, String> rows = read(keys, "");
    assertThat(rows).hasSize(keys.size()).containsEntry(97L * 5000, "v" + 97L * 5000);
    assertThat(queries).hasSize(1).allMatch(q -> q.contains("BETWEEN"));
  }

  @Test
  void noKeysNoQuery() {
    assertThat(read(List.of(), "")).isEmpty();
    assertThat(queries).isEmpty();
  }

  @Test
  void theCostRule() {
    assertThat(KeyedRows.probes(10, 23_000_000)).as("a few keys over a large table: the index").isTrue();
    assertThat(KeyedRows.probes(45_000, 23_000_000)).as("tens of thousands: one scan").isFalse();
    assertThat(KeyedRows.probes(100, 1_000)).as("a hundred keys within one row group: its range").isFalse();
  }
}
