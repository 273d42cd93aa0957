package org.openbds.bitcoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/** The streaming reader of getblock batch answers: ids in any order, error answers kept, every malformation named. */
class RawBlockAnswersTest {
  private final ObjectMapper json = new ObjectMapper();

  private RawBlockAnswers.Parsed parse(String body, int count) throws IOException {
    return RawBlockAnswers.parse(json, body.getBytes(StandardCharsets.UTF_8), count, "test");
  }

  @Test
  void decodesBlocksByIdAndKeepsErrorAnswers() throws IOException {
    RawBlockAnswers.Parsed p =
        parse(
            "[{\"id\":2,\"result\":\"00ff\",\"error\":null},{\"error\":null,\"result\":\"0A0b\",\"id\":0,\"extra\":{\"x\":[1]}},"
                + "{\"result\":null,\"error\":{\"code\":-5,\"message\":\"Block not found\"},\"id\":1}]",
            3);
    assertThat(p.blocks()[0]).containsExactly(0x0a, 0x0b);
    assertThat(p.blocks()[1]).isNull();
    assertThat(p.blocks()[2]).containsExactly(0x00, 0xff);
    assertThat(p.errors()[1].get("error").get("code").asInt()).isEqualTo(-5);
    assertThat(p.errors()[0]).isNull();
  }

  @Test
  void malformedAnswersAreNamed() {
    String[][] cases = {
      {"{\"id\":0,\"result\":\"00\"}", "must be an array"},
      {"[{\"id\":0,\"result\":\"0\"}]", "not hex"},
      {"[{\"id\":0,\"result\":\"zz\"}]", "not hex"},
      {"[{\"id\":0,\"result\":7}]", "expected a hex string"},
      {"[{\"id\":0}]", "neither result nor error"},
      {"[{\"id\":1,\"result\":\"00\"}]", "missing, unknown or repeated id"},
      {"[{\"result\":\"00\"}]", "missing, unknown or repeated id"},
      {"[{\"id\":0,\"result\":\"00\"},{\"id\":0,\"result\":\"00\"}]", "missing, unknown or repeated id"},
      {"[]", "array of 1 answers"},
      {"[7]", "must be a JSON object"}
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> parse(c[0], 1))
          .as(c[0])
          .isInstanceOf(BdsException.class)
          .hasMessageContaining(c[1])
          .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.MALFORMED_RESPONSE));
    }
    assertThatThrownBy(() -> parse("[{\"id\":0,\"result\":\"00", 1)).isInstanceOf(IOException.class);
  }
}
