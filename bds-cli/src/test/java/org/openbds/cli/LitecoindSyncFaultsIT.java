package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ErrorCode;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.bitcoin.regtest.WalletActivity;
import org.openbds.core.ImportProgress;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * Live sync when things go wrong: the node stops in the middle of a catch-up and comes back, the node restarts while
 * sync follows its tip, the password is wrong, and a proxy in front of the node answers garbage.
 */
class LitecoindSyncFaultsIT {
  @TempDir static Path dir;
  static RegtestNode node;
  static WalletActivity activity;

  @BeforeAll
  static void startNode() throws Exception {
    Optional<Path> binary = RegtestNode.findBinary();
    if (binary.isEmpty()) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping");
      assumeTrue(false, "litecoind missing");
    }
    node = RegtestNode.start(binary.get(), dir.resolve("node"));
    activity = WalletActivity.start(node, 7);
    activity.rounds(15);
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void syncWaitsForAStoppedNodeAndResumesWhenItIsBack(@TempDir Path data) throws Exception {
    AtomicBoolean stopped = new AtomicBoolean();
    AtomicReference<CompletableFuture<Void>> restart = new AtomicReference<>();
    SyncListener stopOnce =
        new SyncListener() {
          @Override
          public void progress(ImportProgress p) {
            if (stopped.compareAndSet(false, true)) {
              // the first commit of the catch-up: take the node away, bring it back a few seconds later
              stopNode(node);
              restart.set(CompletableFuture.runAsync(() -> {
                try {
                  Thread.sleep(3000);
                  node.restart();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
            }
          }
        };
    long started = System.nanoTime();
    var result = SyncHarness.syncToTip(data, node.url(), 20, stopOnce);
    restart.get().join();
    assertThat(stopped).isTrue();
    assertThat(System.nanoTime() - started).as("sync waited for the node").isGreaterThan(3_000_000_000L);
    assertThat(result.tip().map(BlockRef::height)).contains(node.call("getblockcount").asLong());
    SyncHarness.reconcile(data, node.url());
  }

  @Test
  void followingSurvivesANodeRestart(@TempDir Path data) throws Exception {
    SyncHarness.syncToTip(data, node.url(), 500_000, new SyncListener() {});
    node.stop();
    node.restart();
    node.call("generatetoaddress", 2, activity.minerAddress());
    SyncHarness.syncToTip(data, node.url(), 500_000, new SyncListener() {});
    SyncHarness.reconcile(data, node.url());
  }

  @Test
  void aWrongPasswordIsAClearErrorAndExitsNonZero(@TempDir Path data) {
    String url = node.url().replaceFirst("//([^:]+):([^@]+)@", "//$1:wrong@");
    Cli.Result r = Cli.run(data, "sync", "--chain", "ltc", "--network", "regtest", "--rpc", url, "--exit-at-tip");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("NODE_ERROR").contains("refused the credentials");
  }

  @Test
  void aProxyAnsweringGarbageStopsSyncWithNothingWritten(@TempDir Path data) throws Exception {
    for (String garbage : new String[] {"truncate", "html"}) {
      Path warehouseDir = data.resolve(garbage);
      try (GarbageProxy proxy = new GarbageProxy(node, garbage)) {
        Cli.Result r = Cli.run(warehouseDir, "sync", "--chain", "ltc", "--network", "regtest", "--rpc", proxy.url(), "--exit-at-tip");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("MALFORMED_RESPONSE").contains("getblock");
      }
      try (DuckDbWarehouse w = DuckDbWarehouse.open(warehouseDir)) {
        assertThat(w.checkpoint(SyncHarness.LTC)).isEmpty();
        assertThat(w.query("SELECT COUNT(*) FROM ltc.transactions").rows().get(0).get(0)).isEqualTo(0L);
      }
    }
    // the direct API says the same, with the error's category
    try (GarbageProxy proxy = new GarbageProxy(node, "truncate")) {
      assertThatThrownBy(() -> SyncHarness.syncToTip(data.resolve("api"), proxy.url(), 500_000, new SyncListener() {}))
          .isInstanceOf(BdsException.class)
          .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.MALFORMED_RESPONSE));
    }
  }

  private static void stopNode(RegtestNode n) {
    try {
      n.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Forwards JSON-RPC to the node and spoils every answer that carries blocks. */
  static final class GarbageProxy implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String credentials;

    GarbageProxy(RegtestNode target, String mode) throws IOException {
      URI upstream = URI.create(target.url());
      this.credentials = upstream.getRawUserInfo();
      URI plain = URI.create("http://127.0.0.1:" + upstream.getPort() + "/");
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", exchange -> {
        byte[] request = exchange.getRequestBody().readAllBytes();
        String answer;
        try {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(plain)
                      .header("Authorization", exchange.getRequestHeaders().getFirst("Authorization"))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          answer = r.body();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
        if (new String(request, StandardCharsets.UTF_8).contains("\"getblock\"")) {
          answer = mode.equals("truncate") ? answer.substring(0, answer.length() / 2) : "<html><body>502 upstream glitch</body></html>";
        }
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, out.length);
        try (OutputStream o = exchange.getResponseBody()) {
          o.write(out);
        }
      });
      server.start();
    }

    String url() {
      return "http://" + credentials + "@127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
