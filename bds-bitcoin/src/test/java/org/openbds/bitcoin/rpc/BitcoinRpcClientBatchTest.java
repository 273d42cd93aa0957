package org.openbds.bitcoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/** {@link BitcoinRpcClient#callBatch} and exact decimals, against a fake node answering what the test sets. */
class BitcoinRpcClientBatchTest {
  private HttpServer server;
  private final AtomicReference<String> body = new AtomicReference<>("");
  private final AtomicReference<String> lastRequest = new AtomicReference<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      lastRequest.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] out = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, out.length);
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

  @Test
  void batchSendsOneRequestPerParameterListAndOrdersAnswersById() {
    body.set("[{\"id\":1,\"result\":{\"height\":8},\"error\":null},{\"id\":0,\"result\":{\"height\":7},\"error\":null}]");
    List<JsonNode> answers = client().callBatch("getblockstats", List.of(List.of(7L), List.of(8L)));
    assertThat(answers).extracting(a -> a.get("height").asLong()).containsExactly(7L, 8L);
    assertThat(lastRequest.get()).contains("\"method\":\"getblockstats\",\"params\":[7]").contains("\"params\":[8]");
  }

  @Test
  void emptyBatchAsksNothing() {
    assertThat(client().callBatch("getblockstats", List.of())).isEmpty();
    assertThat(lastRequest.get()).isNull();
  }

  @Test
  void anErrorAnswerFailsTheBatch() {
    body.set(
        "[{\"id\":0,\"result\":{},\"error\":null},"
            + "{\"id\":1,\"result\":null,\"error\":{\"code\":-8,\"message\":\"Target block height 9 after current tip 8\"}}]");
    assertThatThrownBy(() -> client().callBatch("getblockstats", List.of(List.of(8L), List.of(9L))))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("after current tip")
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.NODE_ERROR));
  }

  @Test
  void coinAmountsArriveAsExactDecimals() {
    // 16 significant digits: a double would round it to 83999999.99999998
    body.set("{\"id\":1,\"result\":{\"total_amount\":83999999.99999999},\"error\":null}");
    JsonNode amount = client().call("gettxoutsetinfo").get("total_amount");
    assertThat(amount.isBigDecimal()).isTrue();
    assertThat(amount.decimalValue()).isEqualByComparingTo(new BigDecimal("83999999.99999999"));
  }
}
