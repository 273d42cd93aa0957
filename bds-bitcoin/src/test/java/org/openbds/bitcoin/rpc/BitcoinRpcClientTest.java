package org.openbds.bitcoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/** The RPC client against a hand-written fake node that answers whatever the test sets, including garbage. */
class BitcoinRpcClientTest {
  private static final String HASH = "530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9";

  private HttpServer server;
  private final AtomicReference<Integer> status = new AtomicReference<>(200);
  private final AtomicReference<String> body = new AtomicReference<>("");
  private final AtomicReference<String> lastRequest = new AtomicReference<>();
  private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
  private final AtomicReference<String> lastPath = new AtomicReference<>();
  private final AtomicReference<String> lastConnection = new AtomicReference<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      lastRequest.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      lastPath.set(exchange.getRequestURI().getRawPath());
      lastConnection.set(exchange.getRequestHeaders().getFirst("Connection"));
      byte[] out = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status.get(), out.length == 0 ? -1 : out.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private BitcoinRpcClient client() {
    return new BitcoinRpcClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "u", "p", Duration.ofSeconds(5));
  }

  private void answer(int code, String text) {
    status.set(code);
    body.set(text);
  }

  private static void assertCode(Runnable call, ErrorCode code, String messagePart) {
    assertThatThrownBy(call::run)
        .isInstanceOf(BdsException.class)
        .hasMessageContaining(messagePart)
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(code));
  }

  @Test
  void answersAndAuthentication() {
    answer(200, "{\"result\":431,\"error\":null,\"id\":1}");
    assertThat(client().blockCount()).isEqualTo(431);
    assertThat(lastRequest.get()).contains("\"method\":\"getblockcount\"");
    assertThat(lastAuthorization.get()).isEqualTo("Basic dTpw");
    answer(200, "{\"result\":\"" + HASH + "\",\"error\":null,\"id\":1}");
    assertThat(client().blockHash(0)).contains(Hash32.parse(HASH));
  }

  @Test
  void heightNotThereYetIsEmpty() {
    answer(500, "{\"result\":null,\"error\":{\"code\":-8,\"message\":\"Block height out of range\"},\"id\":1}");
    assertThat(client().blockHash(999)).isEmpty();
  }

  @Test
  void typedFailures() {
    // the same answers mean the same failures whether or not the connection is kept open
    for (BitcoinRpcClient client : List.of(client(), client().withoutKeepAlive())) {
      answer(500, "{\"result\":null,\"error\":{\"code\":-28,\"message\":\"Loading block index...\"},\"id\":1}");
      assertCode(client::blockCount, ErrorCode.NODE_LAGGING, "Loading block index");
      answer(401, "");
      assertCode(client::blockCount, ErrorCode.NODE_ERROR, "refused the credentials");
      answer(503, "Work queue depth exceeded");
      assertCode(client::blockCount, ErrorCode.NODE_UNAVAILABLE, "Work queue depth exceeded");
      answer(200, "<html>proxy error</html>");
      assertCode(client::blockCount, ErrorCode.MALFORMED_RESPONSE, "not JSON");
      answer(200, "{\"result\":43");
      assertCode(client::blockCount, ErrorCode.MALFORMED_RESPONSE, "not JSON");
      answer(200, "{\"result\":\"many\",\"error\":null,\"id\":1}");
      assertCode(client::blockCount, ErrorCode.MALFORMED_RESPONSE, "not a number");
      answer(200, "{\"result\":\"zz\",\"error\":null,\"id\":1}");
      assertCode(() -> client.blockHash(1), ErrorCode.MALFORMED_RESPONSE, "not a block hash");
      answer(500, "{\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}");
      assertCode(() -> client.call("nosuchmethod"), ErrorCode.NODE_ERROR, "Method not found");
      answer(200, "[]");
      assertCode(client::blockCount, ErrorCode.MALFORMED_RESPONSE, "JSON object");
    }
  }

  @Test
  void unreachableNodeIsRetryable() {
    int port = server.getAddress().getPort();
    server.stop(0);
    BitcoinRpcClient c = new BitcoinRpcClient(URI.create("http://127.0.0.1:" + port + "/"), "u", "p", Duration.ofSeconds(2));
    for (BitcoinRpcClient client : List.of(c, c.withoutKeepAlive())) {
      assertThatThrownBy(client::blockCount)
          .isInstanceOf(BdsException.class)
          .satisfies(e -> assertThat(((BdsException) e).retryable()).isTrue());
    }
  }

  @Test
  void walletCallsGoToTheWalletEndpoint() {
    answer(200, "{\"result\":\"rltc1qexample\",\"error\":null,\"id\":1}");
    BitcoinRpcClient users = client().forWallet("users");
    assertThat(users.call("getnewaddress").asText()).isEqualTo("rltc1qexample");
    assertThat(lastPath.get()).isEqualTo("/wallet/users");
    assertThat(lastAuthorization.get()).isEqualTo("Basic dTpw");
    users.withoutKeepAlive().call("getnewaddress");
    assertThat(lastPath.get()).isEqualTo("/wallet/users");
    client().forWallet("a b").call("getnewaddress");
    assertThat(lastPath.get()).isEqualTo("/wallet/a%20b");
    client().call("getblockcount");
    assertThat(lastPath.get()).isEqualTo("/");
  }

  @Test
  void withoutKeepAliveAsksTheNodeToCloseTheConnection() {
    answer(200, "{\"result\":7,\"error\":null,\"id\":1}");
    assertThat(client().withoutKeepAlive().blockCount()).isEqualTo(7);
    assertThat(lastConnection.get()).isEqualTo("close");
    assertThat(lastAuthorization.get()).isEqualTo("Basic dTpw");
    assertThat(lastRequest.get()).contains("\"method\":\"getblockcount\"");
    client().blockCount();
    assertThat(lastConnection.get()).isNotEqualTo("close");
  }

  @Test
  void amountsAreExactDecimals() {
    // 16 significant digits: a double cannot hold this amount
    answer(200, "{\"result\":{\"amount\":84000000.12345679},\"error\":null,\"id\":1}");
    assertThat(client().call("gettxout").get("amount").decimalValue()).isEqualByComparingTo(new BigDecimal("84000000.12345679"));
    // plain notation, not 1.0E-7
    // written in plain notation (a node may not parse 1.0E-7)
    client().call("sendtoaddress", "a", new BigDecimal("0.00000010"));
    assertThat(lastRequest.get()).contains("\"params\":[\"a\",0.0000001]");
  }

  @Test
  void batchesMatchAnswersById() {
    String h2 = HASH.replace('5', '6');
    answer(200, "[{\"result\":\"0b0c\",\"error\":null,\"id\":1},{\"result\":\"0a\",\"error\":null,\"id\":0}]");
    List<byte[]> blocks = client().rawBlocks(List.of(Hash32.parse(HASH), Hash32.parse(h2)));
    assertThat(blocks.get(0)).containsExactly(0x0a);
    assertThat(blocks.get(1)).containsExactly(0x0b, 0x0c);
    assertThat(lastRequest.get()).contains("\"params\":[\"" + HASH + "\",0]");
    answer(200, "[{\"result\":\"0a\",\"error\":null,\"id\":0}]");
    assertCode(() -> client().rawBlocks(List.of(Hash32.parse(HASH), Hash32.parse(h2))), ErrorCode.MALFORMED_RESPONSE, "array of 2");
    answer(200, "[{\"result\":\"0a\",\"error\":null,\"id\":0},{\"result\":\"0a\",\"error\":null,\"id\":0}]");
    assertCode(() -> client().rawBlocks(List.of(Hash32.parse(HASH), Hash32.parse(h2))), ErrorCode.MALFORMED_RESPONSE, "repeated id");
    answer(200, "[{\"result\":\"xyz\",\"error\":null,\"id\":0}]");
    assertCode(() -> client().rawBlocks(List.of(Hash32.parse(HASH))), ErrorCode.MALFORMED_RESPONSE, "not hex");
  }

  @Test
  void urlsAndCookies(@TempDir Path dir) throws IOException {
    int port = server.getAddress().getPort();
    answer(200, "{\"result\":7,\"error\":null,\"id\":1}");
    assertThat(BitcoinRpcClient.fromUrl("http://alice:s%3Acret@127.0.0.1:" + port, Optional.empty(), Duration.ofSeconds(5)).blockCount()).isEqualTo(7);
    assertThat(lastAuthorization.get()).isEqualTo("Basic YWxpY2U6czpjcmV0");
    Path cookie = dir.resolve(".cookie");
    Files.writeString(cookie, "__cookie__:abc\n");
    assertThat(BitcoinRpcClient.fromUrl("http://127.0.0.1:" + port, Optional.of(cookie), Duration.ofSeconds(5)).blockCount()).isEqualTo(7);
    assertThat(lastAuthorization.get()).isEqualTo("Basic X19jb29raWVfXzphYmM=");
    assertCode(() -> BitcoinRpcClient.fromUrl("ftp://x", Optional.empty(), Duration.ofSeconds(1)), ErrorCode.INVALID_ARGUMENT, "node URL");
    assertCode(() -> BitcoinRpcClient.fromUrl("http://127.0.0.1:1", Optional.empty(), Duration.ofSeconds(1)), ErrorCode.INVALID_ARGUMENT, "cookie");
  }
}
