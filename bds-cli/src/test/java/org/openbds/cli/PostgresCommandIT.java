package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openbds.core.FileTrees;
import org.openbds.postgres.LocalPostgres;

/**
 * {@code bds postgres start}, {@code status} and {@code stop}, and commands run with {@code --warehouse} on the server
 * started: the URL printed is the one to use, and {@code bds serve} serves that warehouse.
 */
class PostgresCommandIT {
  private Path data;

  @BeforeEach
  void reachableDirectory() throws Exception {
    // PostgreSQL runs as its own system user when the tests run as root: the directory must be open to it
    data = Files.createTempDirectory("bds-postgres-command");
    Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void stopLeftover() {
    if (LocalPostgres.isRunning(data.resolve("postgres"))) {
      LocalPostgres.stop(data.resolve("postgres"));
    }
    FileTrees.delete(data);
  }

  @Test
  void startPrintsTheUrlCommandsUseStatusFindsItAndStopEndsIt() {
    Cli.Result start = Cli.run(data, "postgres", "start");
    assertThat(start.exitCode()).as(start.err()).isZero();
    String url = start.out().strip();
    assertThat(url).matches("postgresql://bds:[^@]+@127\\.0\\.0\\.1:\\d+/openbds");

    Cli.Result status = Cli.run(data, "postgres", "status");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("PostgreSQL runs in " + data.resolve("postgres"));

    Cli.Result sql = Cli.run(data, "--warehouse", url, "sql", "SELECT count(*) AS chains FROM main.bds_chains");
    assertThat(sql.exitCode()).as(sql.err()).isZero();
    assertThat(sql.out()).contains("chains").contains("0");

    Cli.Result report = Cli.run(data, "--warehouse", url, "report", "--chain", "btc", "--month", "2026-10");
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.err()).contains("UNKNOWN_CHAIN: the warehouse postgresql://bds@127.0.0.1:").contains("holds no chain 'btc'").doesNotContain(url);

    Cli.Result wrong = Cli.run(data, "--warehouse", url.replaceFirst(":[^:@]+@", ":wrong@"), "sql", "SELECT 1");
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err()).contains("INVALID_CONFIG").doesNotContain("wrong@");

    Cli.Result stop = Cli.run(data, "postgres", "stop");
    assertThat(stop.exitCode()).as(stop.err()).isZero();
    Cli.Result stopped = Cli.run(data, "postgres", "status");
    assertThat(stopped.exitCode()).isEqualTo(KafkaCommand.NOT_RUNNING);
    Cli.Result again = Cli.run(data, "postgres", "stop");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("no PostgreSQL server runs in");
  }

  @Test
  void serveAnswersOverTheServersWarehouse() throws Exception {
    Cli.Result start = Cli.run(data, "postgres", "start");
    assertThat(start.exitCode()).as(start.err()).isZero();
    String url = start.out().strip();
    Path blocks = data.resolve("blocks");
    Cli.Result generated = Cli.run(data, "generate", "--chain", "btc", "--txs", "300", "--seed", "3", "--out", blocks.toString());
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    Cli.Result imported = Cli.run(data, "--warehouse", url, "import", "--chain", "btc", "--network", "synthetic", "--blocks", blocks.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serve = new Thread(() -> exit.set(BdsCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
        "--data", data.toString(), "--warehouse", url, "serve", "--port", "0", "--set", "warehouse.address-totals=false")), "bds-serve");
    serve.start();
    try {
      String base = "http://127.0.0.1:" + port(out, err) + "/api/v1";
      assertThat(out.toString()).contains("serving postgresql://bds@127.0.0.1:").doesNotContain(url.replaceFirst("^.*:([^:@]+)@.*$", "$1"));
      HttpClient http = HttpClient.newHttpClient();
      ObjectMapper json = new ObjectMapper();
      HttpResponse<String> chains = http.send(HttpRequest.newBuilder(URI.create(base + "/chains")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(chains.statusCode()).as(chains.body()).isEqualTo(200);
      JsonNode btc = json.readTree(chains.body()).path("chains").get(0);
      assertThat(btc.path("chain").asText()).isEqualTo("btc");
      long tip = btc.path("tip_height").asLong();
      assertThat(tip).isPositive();
      HttpResponse<String> sql = http.send(
          HttpRequest.newBuilder(URI.create(base + "/sql")).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"SELECT max(height) AS tip FROM btc.blocks\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(sql.statusCode()).as(sql.body()).isEqualTo(200);
      assertThat(json.readTree(sql.body()).path("rows").get(0).get(0).asLong()).isEqualTo(tip);
      HttpResponse<String> refused = http.send(
          HttpRequest.newBuilder(URI.create(base + "/sql")).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"SELECT pg_read_file('/etc/passwd')\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(json.readTree(refused.body()).at("/error/code").asText()).isEqualTo("QUERY_REFUSED");
      HttpResponse<String> block = http.send(HttpRequest.newBuilder(URI.create(base + "/chains/btc/blocks/" + tip)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(block.statusCode()).as(block.body()).isEqualTo(200);
      assertThat(json.readTree(block.body()).path("hash").asText()).isEqualTo(btc.path("tip_hash").asText());
    } finally {
      serve.interrupt();
      serve.join(30_000);
    }
    assertThat(serve.isAlive()).isFalse();
    Cli.Result stop = Cli.run(data, "postgres", "stop");
    assertThat(stop.exitCode()).as(stop.err()).isZero();
  }

  /** The port {@code bds serve} says it listens on, once it says so. */
  private static int port(StringWriter out, StringWriter err) throws InterruptedException {
    Pattern serving = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      Matcher m = serving.matcher(out.toString());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("bds serve did not start: " + out + err);
  }
}
