package org.openbds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsException;
import org.openbds.core.ChainFamilies;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;

/** API keys (hashed at rest), roles, per-key rate limits, CORS and the loopback rule, over a real server. */
class AccessControlTest {
  @TempDir Path dir;
  DuckDbWarehouse warehouse;
  ApiServer server;
  String base;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void open() {
    warehouse = DuckDbWarehouse.open(dir.resolve("data"));
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    warehouse.close();
  }

  private void start(ApiKeys keys, Map<String, String> settings) {
    java.util.Map<String, String> all = new java.util.HashMap<>(settings);
    all.put("server.port", "0");
    server = new ApiServer(ServerConfig.fromSettings(all), keys, warehouse, ChainFamilies.load(), MetricCatalog.load(), new ChainStatus(), System.err);
    base = "http://127.0.0.1:" + server.start();
  }

  private HttpResponse<String> call(String method, String path, String key, String body, String origin) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void keysAreStoredHashedAndGiveTheirRoleOnly() throws Exception {
    ApiKeys keys = ApiKeys.load(dir);
    String reader = keys.create(Role.READ, "dashboard", OptionalInt.empty()).key();
    keys = ApiKeys.load(dir);
    String querier = keys.create(Role.QUERY, "analyst", OptionalInt.empty()).key();
    keys = ApiKeys.load(dir);
    ApiKeys.Created admin = keys.create(Role.ADMIN, "ops", OptionalInt.empty());
    String stored = Files.readString(dir.resolve(ApiKeys.FILE_NAME));
    for (String k : new String[] {reader, querier, admin.key()}) {
      assertThat(stored).doesNotContain(k).doesNotContain(k.substring(17));
    }
    assertThat(stored).contains(ApiKeys.sha256(admin.key().substring(17)));
    assertThat(Files.getPosixFilePermissions(dir.resolve(ApiKeys.FILE_NAME)))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    start(ApiKeys.load(dir), Map.of());

    String sql = "{\"sql\": \"SELECT 1\"}";
    assertThat(call("GET", "/api/v1/chains", null, null, null).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/api/v1/chains", null, null, null).body()).contains("needs an API key");
    assertThat(call("GET", "/api/v1/chains", reader, null, null).statusCode()).isEqualTo(200);
    assertThat(call("POST", "/api/v1/sql", reader, sql, null).statusCode()).isEqualTo(403);
    assertThat(call("POST", "/api/v1/sql", querier, sql, null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/api/v1/keys", querier, null, null).statusCode()).isEqualTo(403);
    HttpResponse<String> list = call("GET", "/api/v1/keys", admin.key(), null, null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("\"role\":\"query\"").contains(admin.entry().id()).doesNotContain(admin.entry().secretHash());
    assertThat(call("GET", "/api/v1/chains", reader.substring(0, reader.length() - 1) + "x", null, null).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/api/v1/chains", "not-a-key", null, null).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/health", null, null, null).statusCode()).as("health needs no key").isEqualTo(200);
    assertThat(call("GET", "/api/v1/openapi.json", null, null, null).statusCode()).isEqualTo(200);

    ApiKeys again = ApiKeys.load(dir);
    assertThat(again.remove(admin.entry().id())).isTrue();
    assertThat(ApiKeys.load(dir).authenticate(admin.key())).isEmpty();
    assertThat(ApiKeys.load(dir).authenticate(reader)).isPresent();
  }

  @Test
  void aKeysOwnRateLimitAnswers429WithRetryAfter() throws Exception {
    String slow = ApiKeys.load(dir).create(Role.READ, "slow", OptionalInt.of(3)).key();
    start(ApiKeys.load(dir), Map.of());
    for (int i = 0; i < 3; i++) {
      assertThat(call("GET", "/api/v1/chains", slow, null, null).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> limited = call("GET", "/api/v1/chains", slow, null, null);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    assertThat(limited.body()).contains("RATE_LIMITED");
    assertThat(call("GET", "/metrics", null, null, null).statusCode()).as("metrics need a key too").isEqualTo(401);
  }

  @Test
  void withoutKeysTheAnonymousRoleAppliesAndCorsFollowsTheSetting() throws Exception {
    start(ApiKeys.load(dir), Map.of("auth.anonymous-role", "read", "server.cors-origins", "https://app.example.org"));
    assertThat(call("GET", "/api/v1/chains", null, null, null).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = call("POST", "/api/v1/sql", null, "{\"sql\": \"SELECT 1\"}", null);
    assertThat(refused.statusCode()).isEqualTo(403);
    HttpResponse<String> allowed = call("GET", "/api/v1/chains", null, null, "https://app.example.org");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.org");
    HttpResponse<String> other = call("GET", "/api/v1/chains", null, null, "https://evil.example.com");
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void anotherAddressThanLoopbackWithoutKeysIsRefusedAtStartUp() {
    assertThatThrownBy(() -> start(ApiKeys.load(dir), Map.of("server.host", "0.0.0.0")))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("without API keys");
  }

  @Test
  void queriesBeyondTheConcurrencyCapWaitThenGet429() throws Exception {
    start(ApiKeys.load(dir), Map.of("sql.max-concurrent", "1", "sql.queue-wait", "1s", "sql.timeout", "4s"));
    String slow = "{\"sql\": \"SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 3\"}";
    var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return call("POST", "/api/v1/sql", null, slow, null).statusCode();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    HttpResponse<String> second = null;
    long deadline = System.nanoTime() + 3_500_000_000L;
    while (System.nanoTime() < deadline) {
      second = call("POST", "/api/v1/sql", null, "{\"sql\": \"SELECT 1\"}", null);
      if (second.statusCode() == 429) {
        break;
      }
      Thread.sleep(20);
    }
    assertThat(second.statusCode()).as(() -> "first: " + first.join()).isEqualTo(429);
    assertThat(second.body()).contains("TOO_MANY_QUERIES");
    assertThat(first.get()).isEqualTo(408);
  }
}
