package org.openbds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;

class ServerConfigTest {
  @Test
  void defaults() {
    ServerConfig c = ServerConfig.defaults();
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.corsOrigins()).isEmpty();
    assertThat(c.anonymousRole()).isEqualTo("query");
    assertThat(c.allowAnonymousRemote()).isFalse();
    assertThat(c.sqlTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.sqlMaxRows()).isEqualTo(10_000);
    assertThat(c.sqlMaxResultBytes()).isEqualTo(64L << 20);
    assertThat(c.sqlMaxConcurrent()).isEqualTo(4);
    assertThat(c.sqlQueueWait()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.rateLimitPerMinute()).isEqualTo(600);
    assertThat(c.anonymousRateLimitPerMinute()).isEqualTo(6000);
    assertThat(c.readers()).isEqualTo(8);
    assertThat(c.cacheEntries()).isEqualTo(2000);
    assertThat(c.accessLog()).isTrue();
    assertThat(c.lookupIndexes()).isTrue();
    assertThat(c.addressTotals()).isTrue();
    assertThat(c.forensicsMaxTransactions()).isEqualTo(10_000);
    assertThat(c.loopbackOnly()).isTrue();
  }

  @Test
  void everyKeyMapsToItsField() {
    ServerConfig c =
        ServerConfig.fromSettings(
            Map.ofEntries(
                Map.entry("server.host", "0.0.0.0"),
                Map.entry("server.port", "9000"),
                Map.entry("server.cors-origins", "https://a.example.org, http://localhost:5173"),
                Map.entry("server.access-log", "false"),
                Map.entry("auth.anonymous-role", "read"),
                Map.entry("auth.allow-anonymous-remote", "true"),
                Map.entry("sql.timeout", "250ms"),
                Map.entry("sql.max-rows", "7"),
                Map.entry("sql.max-result-bytes", "4096"),
                Map.entry("sql.max-concurrent", "2"),
                Map.entry("sql.queue-wait", "0s"),
                Map.entry("rate-limit.per-minute", "60"),
                Map.entry("rate-limit.anonymous-per-minute", "0"),
                Map.entry("warehouse.readers", "3"),
                Map.entry("cache.entries", "0"),
                Map.entry("warehouse.lookup-indexes", "false"),
                Map.entry("warehouse.address-totals", "false"),
                Map.entry("forensics.max-transactions", "250")));
    assertThat(c)
        .isEqualTo(
            new ServerConfig(
                "0.0.0.0", 9000, List.of("https://a.example.org", "http://localhost:5173"), "read", true, Duration.ofMillis(250), 7, 4096, 2,
                Duration.ZERO, 60, 0, 3, 0, false, false, false, 250));
    assertThat(c.loopbackOnly()).isFalse();
    assertThat(ServerConfig.SETTINGS).hasSize(18);
  }

  @Test
  void unknownKeysAndBadValuesFailNamingTheKey() {
    assertThatThrownBy(() -> ServerConfig.fromSettings(Map.of("sql.timout", "1s"))).isInstanceOf(BdsException.class).hasMessageContaining("sql.timout");
    assertThatThrownBy(() -> ServerConfig.fromSettings(Map.of("server.port", "70000"))).hasMessageContaining("server.port");
    assertThatThrownBy(() -> ServerConfig.fromSettings(Map.of("sql.timeout", "soon"))).hasMessageContaining("sql.timeout");
    assertThatThrownBy(() -> ServerConfig.fromSettings(Map.of("sql.timeout", "0s"))).hasMessageContaining("between 1 ms");
    assertThatThrownBy(() -> ServerConfig.fromSettings(Map.of("auth.anonymous-role", "admin"))).hasMessageContaining("none, read or query");
    assertThatThrownBy(() -> ServerConfig.fromSettings(Map.of("server.cors-origins", "*"))).hasMessageContaining("not an origin");
    assertThatThrownBy(() -> ServerConfig.fromSettings(Map.of("server.access-log", "yes"))).hasMessageContaining("true or false");
    assertThatThrownBy(() -> ServerConfig.fromSettings(Map.of("forensics.max-transactions", "0"))).hasMessageContaining("forensics.max-transactions");
  }
}
