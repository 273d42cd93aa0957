package org.openbds.bitcoin.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;

class NodeUnspentSetTest {
  private static final String ANSWER =
      "{\"height\":102,\"bestblock\":\"fd4d72569827b6902513549e108a8d93be2be8e5b4715bf3c92debb403198988\","
          + "\"transactions\":102,\"txouts\":102,\"total_amount\":83999999.99999999}";

  @Test
  void decodesTheAnswerExactly() throws Exception {
    JsonNode answer = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(ANSWER);
    NodeUnspentSet set = NodeUnspentSet.decode(answer);
    assertThat(set.height()).isEqualTo(102);
    assertThat(set.bestBlock().toHex()).isEqualTo("fd4d72569827b6902513549e108a8d93be2be8e5b4715bf3c92debb403198988");
    assertThat(set.totals()).isEqualTo(new UnspentTotals(102, 8_399_999_999_999_999L));
  }

  @Test
  void refusesAnAmountAlreadyRoundedToADouble() throws Exception {
    JsonNode answer = new ObjectMapper().readTree(ANSWER);
    assertThatThrownBy(() -> NodeUnspentSet.decode(answer)).isInstanceOf(BdsException.class).hasMessageContaining("not an exact decimal");
  }
}
