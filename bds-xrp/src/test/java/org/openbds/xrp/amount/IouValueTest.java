package org.openbds.xrp.amount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

class IouValueTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // text as rippled prints it, mantissa, exponent, plain form
    "1, 1000000000000000, -15, 1",
    "-0.5, -5000000000000000, -16, -0.5",
    "+0.5, 5000000000000000, -16, 0.5",
    "117.6242927199245, 1176242927199245, -13, 117.6242927199245",
    "1e-5, 1000000000000000, -20, 0.00001",
    "1.5e15, 1500000000000000, 0, 1500000000000000",
    "1.5E+15, 1500000000000000, 0, 1500000000000000",
    "9.99999999999999E+79, 9999999999999990, 64, 999999999999999000000000000000000000000000000000000000000000000000000"
        + "00000000000",
    "6995000000000000e-28, 6995000000000000, -28, 0.0000000000006995",
    "-1103773976379842e-26, -1103773976379842, -26, -0.00000000001103773976379842",
    "0.000000008867365563372514, 8867365563372514, -24, 0.000000008867365563372514",
    "1000000, 1000000000000000, -9, 1000000",
    "00012.3400, 1234000000000000, -14, 12.34",
  })
  void parsesWhatRippledPrints(String text, long mantissa, int exponent, String plain) {
    IouValue value = IouValue.parse(text);

    assertThat(value).isEqualTo(new IouValue(mantissa, exponent));
    assertThat(value.toPlainString()).isEqualTo(plain);
    assertThat(value.toBigDecimal()).isEqualByComparingTo(new BigDecimal(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "0.000", "0e50", "+0.0E-200"})
  void zeroHasOneRepresentation(String text) {
    assertThat(IouValue.parse(text)).isEqualTo(IouValue.ZERO);
    assertThat(IouValue.parse(text).toPlainString()).isEqualTo("0");
    assertThat(IouValue.ZERO.toBigDecimal()).isEqualByComparingTo(BigDecimal.ZERO);
  }

  @Test
  void sixteenSignificantDigitsAreKeptSeventeenAreRefusedNotRounded() {
    assertThat(IouValue.parse("1234567890123456").mantissa()).isEqualTo(1234567890123456L);
    assertThat(IouValue.parse("0.0009999999999999999").mantissa()).isEqualTo(9999999999999999L);
    // Trailing zeros are not significant, however many there are.
    assertThat(IouValue.parse("1234567890123456000000").exponent()).isEqualTo(6);

    assertMalformed("12345678901234567", "more than 16 significant digits");
    assertMalformed("0.0097041699825931241", "more than 16 significant digits");
  }

  @Test
  void theLedgersRangeIsEnforcedAtBothEnds() {
    assertThat(IouValue.parse("9999999999999999e80"))
        .isEqualTo(new IouValue(IouValue.MAX_MANTISSA, IouValue.MAX_EXPONENT));
    assertThat(IouValue.parse("1e-81")).isEqualTo(new IouValue(IouValue.MIN_MANTISSA, IouValue.MIN_EXPONENT));
    assertThat(IouValue.parse("-1e-81").signum()).isEqualTo(-1);

    assertMalformed("1e96", "outside the range");
    assertMalformed("1e-82", "outside the range");
    assertMalformed("1e9999999999999999999", "outside the range");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "0x10", " 1", "1 ", "NaN", "1e5.5", "--1"})
  void malformedTextIsRefusedNamingIt(String text) {
    assertMalformed(text, "\"" + text + "\"");
  }

  @Test
  void theConstructorOnlyTakesNormalizedValues() {
    assertThatThrownBy(() -> new IouValue(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IouValue(10_000_000_000_000_000L, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IouValue(IouValue.MIN_MANTISSA, 81)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IouValue(0, -100)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertMalformed(String text, String messagePart) {
    assertThatThrownBy(() -> IouValue.parse(text))
        .isInstanceOfSatisfying(
            BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BLOCK))
        .hasMessageContaining(messagePart)
        .hasMessageContaining(text);
  }
}
