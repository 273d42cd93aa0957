package org.openbds.ethereum.rpc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.ethereum.codec.JsonBytes;

/**
 * Batches against a tiny HTTP server that replays a fixed answer: results are read as trees, answers are matched to
 * calls by id, and a result that is an object or an array also comes as the exact bytes the node sent for it.
 */
class EthRpcClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<EthRpcClient.Call> FIVE_CALLS =
      List.of(
          EthRpcClient.Call.of("eth_getBlockByNumber", "0x1", true),
          EthRpcClient.Call.of("eth_getBlockReceipts", "0x1"),
          EthRpcClient.Call.of("eth_getBlockByNumber", "0x9", true),
          EthRpcClient.Call.of("eth_blockNumber"),
          EthRpcClient.Call.of("trace_block", "0x1"));

  private final AtomicReference<String> answer = new AtomicReference<>("");
  private HttpServer server;
  private EthRpcClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] body = answer.get().getBytes(UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    client = EthRpcClient.fromUrl("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void resultsComeAsTreesAndObjectsAndArraysAlsoAsTheirBytes() throws IOException {
    // out of order, spaced and with escapes, as a node may send it
    answer.set("""
        [ {"jsonrpc":"2.0","id":4,"result":[ {"action":{"from":"0xab"}, "type":"call"} ]},
          {"jsonrpc":"2.0","id":0,"result": {"number":"0x1","extraData":"0x\\u0041b","transactions":[]} },
          {"id":2,"jsonrpc":"2.0","result":null},
          {"jsonrpc":"2.0","id":3,"result":"0x10"},
          {"jsonrpc":"2.0","id":1,"result":[]} ]
        """);
    List<EthRpcClient.Answer> answers = client.batch(FIVE_CALLS);

    assertThat(answers.get(0).get()).isEqualTo(JSON.readTree("{\"number\":\"0x1\",\"extraData\":\"0xAb\",\"transactions\":[]}"));
    assertThat(text(answers.get(0).resultBytes().orElseThrow())).isEqualTo("{\"number\":\"0x1\",\"extraData\":\"0x\\u0041b\",\"transactions\":[]}");
    assertThat(text(answers.get(1).resultBytes().orElseThrow())).isEqualTo("[]");
    assertThat(answers.get(2).get().isNull()).isTrue();
    assertThat(answers.get(2).resultBytes()).isEmpty();
    assertThat(answers.get(3).get().asText()).isEqualTo("0x10");
    assertThat(answers.get(3).resultBytes()).isEmpty();
    assertThat(text(answers.get(4).resultBytes().orElseThrow())).isEqualTo("[ {\"action\":{\"from\":\"0xab\"}, \"type\":\"call\"} ]");
    for (EthRpcClient.Answer a : answers) {
      if (a.resultBytes().isPresent()) {
        assertThat(JSON.readTree(text(a.resultBytes().get()))).isEqualTo(a.get());
      }
    }
  }

  @Test
  void anErrorAnswersItsCallAlone() {
    answer.set("[{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"the method trace_block does not exist\"}},"
        + "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"number\":\"0x1\"}}]");
    List<EthRpcClient.Answer> answers = client.batch(FIVE_CALLS.subList(0, 2));
    assertThat(answers.get(0).resultBytes()).isPresent();
    assertThat(answers.get(1).error()).hasValueSatisfying(e -> assertThat(e.rpcCode()).isEqualTo(EthRpcClient.METHOD_NOT_FOUND));
    assertThat(answers.get(1).resultBytes()).isEmpty();
    assertThatThrownBy(() -> answers.get(1).get()).isInstanceOf(EthRpcClient.RpcError.class);
  }

  @Test
  void aBatchAnswerThatIsNotOneAnswerPerCallIsMalformed() {
    answer.set("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"batch too large\"}}");
    assertMalformed("a batch answer must be an array of 2 answers");
    answer.set("[{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{}}]");
    assertMalformed("a batch answer must be an array of 2 answers");
    answer.set("[{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{}},{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{}}]");
    assertMalformed("missing, unknown or repeated id");
    answer.set("[{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"number\":");
    assertMalformed("HTTP 200, not JSON");
    answer.set("<html>busy</html>");
    assertMalformed("HTTP 200, not JSON: <html>busy</html>");
    answer.set("");
    assertMalformed("HTTP 200, empty answer");
  }

  private void assertMalformed(String fragment) {
    assertThatThrownBy(() -> client.batch(FIVE_CALLS.subList(0, 2)))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_RESPONSE))
        .hasMessageContaining(fragment);
  }

  private static String text(JsonBytes bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bytes.writeTo(out);
    return out.toString(UTF_8);
  }
}
