package org.openbds.xrp.rpc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.xrp.rpc.FakeRippled.Fault;
import org.openbds.xrp.rpc.RippledNodeSourceTest.Transport;

/**
 * The rippled client against the fake: URLs, how each error answer is categorised, answers of a wrong shape, and the
 * result object kept as the bytes the server sent.
 */
class RippledClientTest {
  private FakeRippled node;

  @BeforeEach
  void start() throws IOException {
    node = new FakeRippled();
    for (long i = 1; i <= 3; i++) {
      node.put(FakeRippled.synthetic(i));
    }
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:5005", "ftp://127.0.0.1:5005", "http://", "http://127.0.0.1:5005/?x=1", "http://[::1", "127.0.0.1"})
  void aUrlThatIsNotRippledsIsAnInvalidArgument(String url) {
    assertThatThrownBy(() -> RippledClient.fromUrl(url, Duration.ofSeconds(1), 1))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("ws://127.0.0.1:6006");
  }

  @Test
  void theEndpointHasNoCredentials() {
    try (RippledClient c = RippledClient.fromUrl("https://bob:pa%40ss@s1.example.org:51234", Duration.ofSeconds(1), 1);
        RippledClient w = RippledClient.fromUrl("wss://bob:pass@s1.example.org", Duration.ofSeconds(1), 1)) {
      assertThat(c.endpoint()).isEqualTo("https://s1.example.org:51234/");
      assertThat(w.endpoint()).isEqualTo("wss://s1.example.org/");
    }
    assertThatThrownBy(() -> RippledClient.fromUrl("https://bob:secret@s1.example.org:51234?x", Duration.ofSeconds(1), 1)).hasMessageNotContaining("secret");
  }

  @ParameterizedTest
  @CsvSource({
    "tooBusy, NODE_UNAVAILABLE",
    "amendmentBlocked, NODE_UNAVAILABLE",
    "noNetwork, NODE_LAGGING",
    "noCurrent, NODE_LAGGING",
    "noClosed, NODE_LAGGING",
    "forbidden, NODE_ERROR",
    "invalidParams, NODE_ERROR"
  })
  void errorAnswersAreTypedByTheirToken(String token, ErrorCode code) {
    for (Transport transport : Transport.values()) {
      node.fault("server_info", FakeRippled.error(token, "said " + token));
      try (RippledClient client = client(transport)) {
        assertThatThrownBy(client::serverInfo)
            .isInstanceOfSatisfying(RippledError.class, e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.error()).isEqualTo(token);
              assertThat(e.method()).isEqualTo("server_info");
            })
            .hasMessage("server_info: rippled error " + token + ": said " + token);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void anUnknownMethodIsANodeError(Transport transport) {
    try (RippledClient client = client(transport)) {
      assertThatThrownBy(() -> client.call("ledger_teleport"))
          .isInstanceOfSatisfying(RippledError.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NODE_ERROR);
            assertThat(e.error()).isEqualTo("unknownCmd");
          })
          .hasMessageContaining("Unknown method");
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aLedgerTheServerDoesNotHaveIsEmptyNotAnError(Transport transport) {
    try (RippledClient client = client(transport)) {
      assertThat(client.ledger(4, true)).isEmpty();
      RippledLedger three = client.ledger(3, false).orElseThrow();
      assertThat(three.validated()).isTrue();
      assertThat(three.hash().toHex()).isEqualToIgnoringCase(FakeRippled.syntheticHash(3));
    }
  }

  @Test
  void theResultComesAsTheBytesTheServerSent() {
    String result = "{ \"info\" : {\"complete_ledgers\":\"1-3\", \"server_state\":\"full\",\n \"note\":\"caf\\u00e9 ☕\", \"validated_ledger\":{\"seq\":3}}, \"status\":\"success\" }";
    node.fault("server_info", new Fault.Replace("{\"result\":" + result + "}\n"));
    try (RippledClient client = client(Transport.HTTP)) {
      RippledClient.Result r = client.call("server_info");
      assertThat(new String(r.bytes(), UTF_8)).isEqualTo(result);
      assertThat(r.result().path("info").path("note").asText()).isEqualTo("café ☕");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"result\": []}| no result object",
        "{\"jsonrpc\": \"2.0\"}| no result object",
        "[{\"result\": {}}]| an answer must be a JSON object",
        "{\"result\": {\"status\": \"success\"}} {}| data after the answer",
        "{\"result\": {\"status\": \"error\"}}| status error without an error",
        "{\"result\": {\"status\": \"success\", \"ledger_index\": 2}}| ledger 2: malformed answer from rippled: no ledger object",
        "{\"result\": {\"status\": \"success\", \"ledger\": {\"ledger_index\": \"3\"}, \"ledger_index\": 3}}| the answer is ledger 3",
        "{\"result\": {\"status\": \"success\", \"ledger\": {\"parent_hash\": \"00\"}, \"ledger_index\": \"2\", \"ledger_hash\": \"AB\"}}| ledger_hash is not a 64-digit hex hash",
        "{\"result\": {\"status\": \"success\", \"ledger\": {}, \"ledger_index\": -2}}| ledger_index is not a ledger index",
      })
  void answersOfAWrongShapeAreMalformed(String body, String reason) {
    node.fault("ledger", new Fault.Replace(body));
    try (RippledClient client = client(Transport.HTTP)) {
      assertThatThrownBy(() -> client.ledger(2, true))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_RESPONSE))
          .hasMessageStartingWith("ledger")
          .hasMessageContaining(reason);
    }
  }

  @Test
  void aServerThatIsNotThereIsUnavailable() {
    String url = node.httpUrl();
    node.close();
    try (RippledClient client = RippledClient.fromUrl(url, Duration.ofSeconds(2), 1)) {
      assertThatThrownBy(client::serverInfo)
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_UNAVAILABLE))
          .hasMessageStartingWith("server_info: ");
    }
  }

  private RippledClient client(Transport transport) {
    return RippledClient.fromUrl(transport == Transport.HTTP ? node.httpUrl() : node.wsUrl(), Duration.ofSeconds(5), 2);
  }
}
