package org.openbds.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalPostgresIT {
  @Test
  void startsReusesAndStopsItsOwnServer() throws Exception {
    try (TestingPostgres testing = new TestingPostgres()) {
      LocalPostgres server = testing.server();
      PostgresUrl url = server.url();
      assertThat(url.host()).isEqualTo("127.0.0.1");
      assertThat(url.user()).isEqualTo(LocalPostgres.USER);
      assertThat(url.password().orElseThrow()).hasSizeGreaterThanOrEqualTo(32);
      assertThat(LocalPostgres.isRunning(server.directory())).isTrue();
      assertThat(Files.list(server.directory().resolve("socket")).map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith(".s.PGSQL."));
      try (PostgresWarehouse w = PostgresWarehouse.open(url.withPassword())) {
        assertThat(w.query("SELECT current_setting('listen_addresses'), current_setting('server_encoding'), current_setting('lc_collate')").rows())
            .containsExactly(List.of("127.0.0.1", "UTF8", "C"));
      }
      // a second start finds it running and gives the same server
      LocalPostgres again = LocalPostgres.start(server.directory(), 0, "another");
      assertThat(again.url().port()).isEqualTo(url.port());
      assertThat(again.url().password()).isEqualTo(url.password());
      try (PostgresWarehouse w = PostgresWarehouse.open(again.url())) {
        assertThat(w.query("SELECT current_database()").rows()).containsExactly(List.of("another"));
      }
      server.stop();
      assertThat(LocalPostgres.isRunning(server.directory())).isFalse();
      // stopping a stopped server is nothing
      LocalPostgres.stop(server.directory());
      // and it starts again with its data
      Path directory = server.directory();
      LocalPostgres restarted = LocalPostgres.start(directory, 0, "another");
      try (PostgresWarehouse w = PostgresWarehouse.open(restarted.url())) {
        assertThat(w.query("SELECT count(*) FROM pg_database WHERE datname IN ('bds_test', 'another')").rows()).containsExactly(List.of(2L));
      }
    }
  }
}
