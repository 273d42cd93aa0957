package org.openbds.xrp.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

class XrplAmountCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final String USD = "0000000000000000000000005553440000000000";
  private static final String GENESIS = "B5F762798A53D543A014CAF8B297CFF8F2F937E8";

  @Test
  void xrpIsDropsWithThePositiveBitSet() {
    assertThat(xrp("1")).isEqualTo("4000000000000001");
    assertThat(xrp("0")).isEqualTo("4000000000000000");
    assertThat(xrp("100000000000000000")).isEqualTo("416345785D8A0000"); // every drop there is
  }

  @Test
  void negativeXrpClearsThePositiveBit() {
    // Validated ledgers of 2013 hold such amounts in their metadata.
    assertThat(xrp("-1")).isEqualTo("0000000000000001");
  }

  @Test
  void xrpThatIsNotWholeDropsOrTooLargeIsRejected() {
    assertRejected(() -> XrplAmountCodec.xrpBits("1.5", "Fee"), "Fee");
    assertRejected(() -> XrplAmountCodec.xrpBits("100000000000000001", "Amount"), "Amount");
    assertRejected(() -> XrplAmountCodec.xrpBits("1e6", "Amount"), "Amount");
  }

  @Test
  void issuedValuesAreNormalisedToSixteenDigits() {
    assertThat(issued("0")).isEqualTo("8000000000000000");
    assertThat(issued("1")).isEqualTo("D4838D7EA4C68000");
    assertThat(issued("1.0")).isEqualTo("D4838D7EA4C68000");
    assertThat(issued("1000000000000000e-15")).isEqualTo("D4838D7EA4C68000");
    assertThat(issued("-1")).isEqualTo("94838D7EA4C68000");
    assertThat(issued("1e-5")).isEqualTo("D3438D7EA4C68000");
    assertThat(issued("-1.23E+12")).isEqualTo("97845EADB112E000");
  }

  @Test
  void exponentRangeIsMinus96To80() {
    assertThat(issued("1e-81")).isEqualTo("C0438D7EA4C68000"); // mantissa 10^15, exponent -96
    assertThat(issued("9999999999999999e80")).isEqualTo("EC6386F26FC0FFFF");
    assertRejected(() -> XrplAmountCodec.issuedBits("1e-82", "LimitAmount"), "LimitAmount");
    assertRejected(() -> XrplAmountCodec.issuedBits("1e96", "LimitAmount"), "LimitAmount");
  }

  /** The network never prints more than 16 significant digits; more is rejected, not rounded. */
  @Test
  void moreThanSixteenSignificantDigitsAreRejected() {
    assertRejected(() -> XrplAmountCodec.issuedBits("1.2345678901234567", "Amount"), "Amount");
    assertThat(issued("12345678901234560")).isEqualTo(issued("1.234567890123456e16")); // trailing zero is not one
  }

  @Test
  void notANumberIsRejectedNamingTheField() {
    assertRejected(() -> XrplAmountCodec.issuedBits("1,5", "TakerPays"), "TakerPays");
    assertRejected(() -> XrplAmountCodec.issuedBits("NaN", "TakerPays"), "TakerPays");
  }

  @Test
  void issuedAmountIsValueCurrencyIssuer() throws Exception {
    JsonNode amount =
        JSON.readTree("{\"value\":\"1\",\"currency\":\"USD\",\"issuer\":\"rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh\"}");
    assertThat(HEX.formatHex(XrplAmountCodec.encode(amount, "Amount")))
        .isEqualTo("D4838D7EA4C68000" + USD + GENESIS);
  }

  @Test
  void mptAmountIsMarkerValueAndIssuanceId() throws Exception {
    String id = "00000001" + GENESIS;
    JsonNode amount = JSON.readTree("{\"value\":\"100\",\"mpt_issuance_id\":\"" + id + "\"}");
    assertThat(HEX.formatHex(XrplAmountCodec.encode(amount, "Amount"))).isEqualTo("600000000000000064" + id);
  }

  @Test
  void currencyCodes() {
    assertThat(HEX.formatHex(XrplAmountCodec.currencyCode("XRP", "Currency"))).isEqualTo("00".repeat(20));
    assertThat(HEX.formatHex(XrplAmountCodec.currencyCode("USD", "Currency"))).isEqualTo(USD);
    String demurrage = "0158415500000000C1F76FF6ECB0BAC600000000";
    assertThat(HEX.formatHex(XrplAmountCodec.currencyCode(demurrage, "Currency"))).isEqualTo(demurrage);
    assertRejected(() -> XrplAmountCodec.currencyCode("USDT", "Currency"), "Currency");
  }

  private static String xrp(String drops) {
    return String.format("%016X", XrplAmountCodec.xrpBits(drops, "Amount"));
  }

  private static String issued(String value) {
    return String.format("%016X", XrplAmountCodec.issuedBits(value, "Amount"));
  }

  static void assertRejected(Runnable encode, String field) {
    assertThatThrownBy(encode::run)
        .isInstanceOf(BdsException.class)
        .hasMessageContaining(field)
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.MALFORMED_BLOCK));
  }
}
