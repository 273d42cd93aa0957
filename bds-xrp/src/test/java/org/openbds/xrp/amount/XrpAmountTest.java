package org.openbds.xrp.amount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

class XrpAmountTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ISSUER = "rvYAfWj5gh67oV6fW32ZzP3Aw4Eubs59B";

  @Test
  void dropsAreAWholeNumberInAString() {
    assertThat(parse("\"12\"")).isEqualTo(new XrpAmount.Drops(12));
    assertThat(parse("\"0\"")).isEqualTo(new XrpAmount.Drops(0));
    assertThat(parse("\"100000000000000000\"")).isEqualTo(new XrpAmount.Drops(100_000_000_000_000_000L));
    assertThat(parse("\"9223372036854775807\"")).isEqualTo(new XrpAmount.Drops(Long.MAX_VALUE));
  }

  @Test
  void negativeDropsOfTheEarlyLedgerAreKeptForTheValidatorToFlag() {
    assertThat(parse("\"-1810000000\"")).isEqualTo(new XrpAmount.Drops(-1_810_000_000L));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"\"1.5\"", "\"1e6\"", "\"9223372036854775808\"", "\"\"", "\"-\"", "\"+5\"", "\" 5\"", "12", "true"})
  void dropsThatAreNotAnExactLongAreRefusedNamingTheField(String json) {
    assertMalformed(json, "Payment ABC: Amount");
  }

  @Test
  void issuedAmountsKeepCurrencyAndIssuerAsPrinted() {
    String hex = "0158415500000000C1F76FF6ECB0BAC600000000";

    assertThat(parse("{\"value\":\"-0.5\",\"currency\":\"USD\",\"issuer\":\"" + ISSUER + "\"}"))
        .isEqualTo(new XrpAmount.Issued(IouValue.parse("-0.5"), "USD", ISSUER));
    assertThat(parse("{\"currency\":\"" + hex + "\",\"issuer\":\"" + ISSUER + "\",\"value\":\"1e-5\"}"))
        .isEqualTo(new XrpAmount.Issued(IouValue.parse("0.00001"), hex, ISSUER));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"value\":\"12345678901234567\",\"currency\":\"USD\",\"issuer\":\"" + ISSUER + "\"}",
        "{\"value\":\"1\",\"currency\":\"XRP\",\"issuer\":\"" + ISSUER + "\"}",
        "{\"value\":\"1\",\"currency\":\"US\",\"issuer\":\"" + ISSUER + "\"}",
        "{\"value\":\"1\",\"currency\":\"USD\",\"issuer\":\"not an address\"}",
        "{\"value\":\"1\",\"currency\":\"USD\"}",
        "{\"value\":1,\"currency\":\"USD\",\"issuer\":\"" + ISSUER + "\"}",
        "[]",
        "null"
      })
  void malformedIssuedAmountsAreRefusedNamingTheField(String json) {
    assertMalformed(json, "Payment ABC: Amount");
  }

  @Test
  void mptAmountsAreIntegers() {
    String id = "00000004A407AF5856CCF3C42619DAA925813FC955C72983";

    assertThat(parse("{\"mpt_issuance_id\":\"" + id + "\",\"value\":\"100\"}"))
        .isEqualTo(new XrpAmount.Mpt(id, BigInteger.valueOf(100)));
    assertMalformed("{\"mpt_issuance_id\":\"" + id + "\",\"value\":\"1.5\"}", "Payment ABC: Amount");
    assertMalformed("{\"mpt_issuance_id\":\"00\",\"value\":\"1\"}", "Payment ABC: Amount");
  }

  @Test
  void aMissingFieldIsNamed() {
    assertThatThrownBy(() -> XrpAmount.parse(null, "Offer 12: TakerPays"))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("Offer 12: TakerPays");
    assertThatThrownBy(() -> XrpAmount.parse(MAPPER.missingNode(), "Offer 12: TakerGets"))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("Offer 12: TakerGets");
  }

  private static XrpAmount parse(String json) {
    return XrpAmount.parse(tree(json), "Payment ABC: Amount");
  }

  private static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertMalformed(String json, String where) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOfSatisfying(
            BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BLOCK))
        .hasMessageContaining(where);
  }
}
