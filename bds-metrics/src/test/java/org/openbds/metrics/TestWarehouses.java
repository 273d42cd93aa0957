package org.openbds.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openbds.api.Warehouse;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.postgres.LocalPostgres;
import org.openbds.postgres.PostgresWarehouse;

/**
 * The warehouse the metric tests run on: the embedded DuckDB warehouse by default, or — with the system property
 * {@code bds.test.warehouse=postgresql} — a fresh database on a private PostgreSQL server started once for the test
 * run, so that the same tests prove the catalog on both warehouses.
 */
public final class TestWarehouses {
  static final String PROPERTY = "bds.test.warehouse";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final Pattern DIGITS_COLUMN = Pattern.compile("\\b([a-z][a-z0-9_]*)_digits\\b");
  private static LocalPostgres server;

  private TestWarehouses() {}

  /** True when the tests run on PostgreSQL. */
  public static boolean onPostgres() {
    String kind = System.getProperty(PROPERTY, "duckdb");
    return switch (kind) {
      case "duckdb" -> false;
      case "postgresql" -> true;
      default -> throw new IllegalStateException(PROPERTY + " is duckdb or postgresql, not " + kind);
    };
  }

  /** A new, empty warehouse: DuckDB files under {@code dir}, or a new PostgreSQL database. */
  public static Warehouse open(Path dir) {
    if (!onPostgres()) {
      return DuckDbWarehouse.open(dir);
    }
    LocalPostgres pg = server();
    String database = "metrics_" + DATABASES.incrementAndGet();
    pg.createDatabase(database);
    return PostgresWarehouse.open(pg.url(database).withPassword());
  }

  /**
   * Statements writing rows as the tests write them for DuckDB, as the test warehouse takes them: on PostgreSQL, a
   * 256-bit column {@code x} is itself exact and has no text of digits {@code x_digits} beside it.
   */
  public static List<String> rows(List<String> statements) {
    if (!onPostgres()) {
      return statements;
    }
    List<String> out = new ArrayList<>();
    for (String s : statements) {
      out.add(DIGITS_COLUMN.matcher(s).replaceAll("$1"));
    }
    return out;
  }

  private static void stopAndRemove(LocalPostgres server, Path directory) {
    server.stop();
    if (Boolean.getBoolean("bds.test.keepPostgres")) {
      System.err.println("the test PostgreSQL server's directory (and its log) stays in " + directory);
      return;
    }
    try (Stream<Path> all = Files.walk(directory)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("cannot remove " + directory + ": " + e.getMessage());
    }
  }

  private static synchronized LocalPostgres server() {
    if (server == null) {
      try {
        // under the temporary directory's root, which the postgres user can reach when the tests run as root
        Path directory = Files.createTempDirectory("bds-metrics-postgres");
        LocalPostgres started = LocalPostgres.start(directory, 0, "bds_test", Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndRemove(started, directory), "stop-metrics-postgres"));
        server = started;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }
}
