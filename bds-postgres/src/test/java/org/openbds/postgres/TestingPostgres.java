package org.openbds.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for one test class: started in a temporary directory (which it removes when closed),
 * tuned for tests (no fsync), each test on a fresh database of its own.
 */
final class TestingPostgres implements AutoCloseable {
  private static final Map<String, String> FAST = Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off");

  private final Path directory;
  private final LocalPostgres server;
  private final AtomicInteger databases = new AtomicInteger();
  private final Thread stopAtExit;

  TestingPostgres() throws IOException {
    // under the temporary directory's root, which the postgres user can reach when the tests run as root
    directory = Files.createTempDirectory("bds-postgres-test");
    server = LocalPostgres.start(directory, 0, "bds_test", FAST);
    stopAtExit = new Thread(server::stop, "stop-testing-postgres");
    Runtime.getRuntime().addShutdownHook(stopAtExit);
  }

  LocalPostgres server() {
    return server;
  }

  /** The URL of a new, empty database. */
  PostgresUrl freshDatabase() {
    String name = "test_" + databases.incrementAndGet();
    server.createDatabase(name);
    return server.url(name);
  }

  @Override
  public void close() throws IOException {
    try {
      server.stop();
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } finally {
      try (Stream<Path> all = Files.walk(directory)) {
        for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
