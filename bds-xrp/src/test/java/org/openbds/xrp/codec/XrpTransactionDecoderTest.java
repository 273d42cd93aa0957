package org.openbds.xrp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.RealData;
import org.openbds.xrp.amount.IouValue;
import org.openbds.xrp.amount.XrpAmount;

/** The transaction shapes of recorded answers, and what is refused, each on a real transaction. */
class XrpTransactionDecoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final XrpTransactionDecoder mainnet = new XrpTransactionDecoder(0);

  private static JsonNode read(String relative) throws IOException {
    Path root = RealData.dir("xrp");
    return JSON.readTree(root.resolve(relative).toFile());
  }

  @Test
  void apiVersionTwoAnswerWithTxJsonMetaAndCtid() throws IOException {
    JsonNode answer = read("transactions/XRPLF+xrpl-dev-portal/_api-examples/tx/jsonrpc-response.json").get("result");
    XrpTransaction t = mainnet.decode(answer, "v2");
    assertThat(t.type()).isEqualTo("OfferCreate");
    assertThat(t.family()).isEqualTo(TransactionFamily.OFFER);
    assertThat(t.hash().toHex()).isEqualToIgnoringCase("C53ECF838647FA5A4C780377025FEC7999AB4182590510CA461444B207AB74A9");
    assertThat(t.fee()).isEqualTo(12);
    assertThat(t.sequence()).isEqualTo(5_037_710);
    assertThat(t.ctid()).contains("C363B1DD00000000");
    assertThat(t.succeeded()).isTrue();
    assertThat(t.delivered()).isEmpty();
    assertThat(t.raw()).isSameAs(answer);
  }

  @Test
  void partialPaymentTakesWhatTheMetadataSaysWasDelivered() throws IOException {
    JsonNode answer = read("transactions/XRPLF+xrpl.js/packages/xrpl/test/fixtures/rippled/partialPaymentIOU.json");
    XrpTransaction t = mainnet.decode(answer, "partial");
    assertThat(t.flags() & 0x0002_0000L).isNotZero();
    JsonNode asked = answer.get("tx_json").get("DeliverMax");
    JsonNode delivered = answer.get("meta").get("delivered_amount");
    assertThat(delivered.get("value").asText()).isNotEqualTo(asked.get("value").asText());
    assertThat(t.delivered()).contains(new XrpAmount.Issued(IouValue.parse(delivered.get("value").asText()),
        delivered.get("currency").asText(), delivered.get("issuer").asText()));
    assertThat(t.destination()).contains("rNNuQMuExCiEjeZ4h9JJnj5PSWypdMXDj4");
  }

  @Test
  void unavailableDeliveredAmountIsFlaggedNotGuessed() throws IOException {
    ObjectNode answer = (ObjectNode) read("transactions/XRPLF+xrpl.js/packages/xrpl/test/fixtures/rippled/partialPaymentIOU.json");
    ((ObjectNode) answer.get("meta")).put("delivered_amount", "unavailable");
    XrpTransaction t = mainnet.decode(answer, "old partial");
    assertThat(t.deliveredUnavailable()).isTrue();
    assertThat(t.delivered()).isEmpty();
  }

  @Test
  void aTransactionOfAnotherNetworkIsRefused() throws IOException {
    JsonNode answer = read("edge-cases/XRPLF+xrpl.js/packages/xrpl/test/fixtures/rippled/tx/XChainCreateClaimID.json");
    ObjectNode flattened = ((ObjectNode) answer.get("tx")).deepCopy();
    flattened.set("meta", answer.get("meta"));
    flattened.set("hash", answer.get("hash"));
    assertThatThrownBy(() -> mainnet.decode(flattened, "sidechain"))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("NetworkID 2552")
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.MALFORMED_BLOCK));
    assertThat(new XrpTransactionDecoder(2552).decode(flattened, "sidechain").family()).isEqualTo(TransactionFamily.OTHER);
  }

  @Test
  void aTransactionWithoutMetadataOrWithBadFieldsIsRefusedNamingTheField() throws IOException {
    JsonNode answer = read("transactions/XRPLF+xrpl-dev-portal/_api-examples/tx/jsonrpc-response.json").get("result");
    ObjectNode noMeta = answer.deepCopy();
    noMeta.remove("meta");
    assertThatThrownBy(() -> mainnet.decode(noMeta, "here")).hasMessageContaining("here").hasMessageContaining("no metadata");
    ObjectNode badFee = answer.deepCopy();
    ((ObjectNode) badFee.get("tx_json")).put("Fee", "1.5");
    assertThatThrownBy(() -> mainnet.decode(badFee, "here")).hasMessageContaining("Fee");
    ObjectNode badIndex = answer.deepCopy();
    ((ObjectNode) badIndex.get("meta")).put("TransactionIndex", -1);
    assertThatThrownBy(() -> mainnet.decode(badIndex, "here")).hasMessageContaining("TransactionIndex");
  }

  @Test
  void unknownTypesAreKeptAndFlaggedAsUnknown() throws IOException {
    ObjectNode answer = read("transactions/XRPLF+xrpl-dev-portal/_api-examples/tx/jsonrpc-response.json").get("result").deepCopy();
    ((ObjectNode) answer.get("tx_json")).put("TransactionType", "SomeFutureType");
    XrpTransaction t = mainnet.decode(answer, "future");
    assertThat(t.type()).isEqualTo("SomeFutureType");
    assertThat(t.family()).isEqualTo(TransactionFamily.UNKNOWN);
  }

  @Test
  void memosAreDecodedToTextWhenTheyAreText() throws IOException {
    ObjectNode answer = read("transactions/XRPLF+xrpl-dev-portal/_api-examples/tx/jsonrpc-response.json").get("result").deepCopy();
    ObjectNode memo = JSON.createObjectNode();
    memo.putObject("Memo").put("MemoType", "746578742F706C61696E").put("MemoData", "68656C6C6F20E282AC").put("MemoFormat", "00FF");
    ((ObjectNode) answer.get("tx_json")).putArray("Memos").add(memo);
    XrpTransaction t = mainnet.decode(answer, "memo");
    assertThat(t.memos()).hasSize(1);
    assertThat(t.memos().get(0).type()).contains("text/plain");
    assertThat(t.memos().get(0).data()).contains("hello €");
    assertThat(t.memos().get(0).format()).contains("0x00FF");
  }
}
