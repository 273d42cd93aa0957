package org.openbds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A private {@code litecoind -regtest} in a temporary directory, started and stopped by the test that owns it, with a
 * minimal JSON-RPC caller for the test's own questions to the node.
 */
final class TestingLitecoind implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/litecoind");

  private final Path dataDir;
  private final int rpcPort;
  private final Process process;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private int id;

  TestingLitecoind(Path dataDir) throws IOException, InterruptedException {
    this.dataDir = dataDir;
    this.rpcPort = freePort();
    int p2pPort = freePort();
    Files.createDirectories(dataDir);
    process =
        new ProcessBuilder(
                List.of(BINARY.toString(), "-regtest", "-datadir=" + dataDir, "-rpcuser=bds", "-rpcpassword=bds",
                    "-rpcport=" + rpcPort, "-port=" + p2pPort, "-listen=0", "-fallbackfee=0.0002", "-printtoconsole=0"))
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolve("stdout.log").toFile())
            .start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        call("getblockcount");
        return;
      } catch (IOException | IllegalStateException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException("litecoind did not start: " + Files.readString(dataDir.resolve("stdout.log")), e);
        }
        Thread.sleep(100);
      }
    }
  }

  /** The node's RPC URL with credentials, as users pass it to bds. */
  String url() {
    return "http://bds:bds@127.0.0.1:" + rpcPort;
  }

  Path blocksDirectory() {
    return dataDir.resolve("regtest/blocks");
  }

  JsonNode call(String method, Object... params) throws IOException, InterruptedException {
    String body = json.writeValueAsString(java.util.Map.of("jsonrpc", "1.0", "id", ++id, "method", method, "params", List.of(params)));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rpcPort + "/"))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("bds:bds".getBytes(StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode reply = json.readTree(response.body().isEmpty() ? "{}" : response.body());
    if (reply.path("error").isObject()) {
      throw new IllegalStateException(method + ": " + reply.get("error"));
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(method + ": HTTP " + response.statusCode());
    }
    return reply.get("result");
  }

  /** Stops the node and waits until it has flushed its block files. */
  @Override
  public void close() throws IOException, InterruptedException {
    if (process.isAlive()) {
      try {
        call("stop");
      } catch (IOException | IllegalStateException e) {
        process.destroy();
      }
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
