package org.openbds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Two API servers over the same chain, one on the embedded warehouse and one on PostgreSQL, asked the same and
 * expected to answer the same, but for fields that differ by nature between two imports or two runs: when the
 * checkpoint or a case file was written, how long a query took, and the drivers' names of the types.
 */
final class BothServers {
  static final Set<String> VOLATILE = Set.of("updated_at", "created_at", "elapsed_ms", "types");
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** An answer: status, the JSON body when it is one, and the body's bytes. */
  static final class Answer {
    private final int status;
    private final JsonNode json;
    private final byte[] body;

    Answer(int status, JsonNode json, byte[] body) {
      this.status = status;
      this.json = json;
      this.body = body.clone();
    }

    int status() {
      return status;
    }

    JsonNode json() {
      return json;
    }

    byte[] body() {
      return body.clone();
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  final String embedded;
  final String postgres;

  /** @param embedded and {@code postgres}: the servers' base URLs, {@code http://127.0.0.1:<port>} */
  BothServers(String embedded, String postgres) {
    this.embedded = embedded;
    this.postgres = postgres;
  }

  static Answer send(String base, String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    boolean json = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
    return new Answer(r.statusCode(), json ? JSON.readTree(r.body()) : null, r.body());
  }

  /** Asks both servers; both must answer 200 with the same JSON but for {@link #VOLATILE} fields. Returns the embedded one's. */
  JsonNode same(String method, String path, String body) throws Exception {
    Answer e = send(embedded, method, path, body);
    Answer p = send(postgres, method, path, body);
    assertThat(e.status()).as("embedded: " + method + " " + path + " " + e.text()).isEqualTo(200);
    assertThat(p.status()).as("postgresql: " + method + " " + path + " " + p.text()).isEqualTo(200);
    assertThat(stripped(p.json())).as(method + " " + path).isEqualTo(stripped(e.json()));
    return e.json();
  }

  JsonNode get(String path) throws Exception {
    return same("GET", path, null);
  }

  /** Closes each of {@code resources} that was opened (a null one was not); a failure is thrown. */
  static void closeAll(AutoCloseable... resources) {
    for (AutoCloseable c : resources) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  static String sqlBody(String sql) {
    return JSON.createObjectNode().put("sql", sql).toString();
  }

  private static JsonNode stripped(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode o) {
      o.remove(VOLATILE);
    }
    node.forEach(BothServers::strip);
  }
}
