package org.openbds.bitcoin.bds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoinValuesTest {
  private static final long BTC_MAX = 21_000_000L * 100_000_000L;
  private static final long DOGE_MAX = 10_000_000_000L * 100_000_000L;

  @ParameterizedTest
  @CsvSource({
    "0.29, 29000000",
    "0.29000000, 29000000",
    "1e-8, 1",
    "1E-8, 1",
    "1E-7, 10",
    "7.217e-05, 7217",
    "9.42E-6, 942",
    "0.3, 30000000",
    "0.1, 10000000",
    "20999999.9769, 2099999997690000",
    "21000000, 2100000000000000",
    "21000000.00000000, 2100000000000000",
    "2.1E+7, 2100000000000000",
    "0, 0",
    "0.0, 0",
    "-0.0, 0",
    "0E-12, 0",
    "50, 5000000000",
    "6.25012972, 625012972",
    "0.00000001, 1",
    "12.3456789, 1234567890",
  })
  void coinsScaleExactlyByTenToTheEighth(String text, long expected) {
    assertThat(CoinValues.coinsToBaseUnits(new BigDecimal(text), BTC_MAX)).isEqualTo(expected);
  }

  @Test
  void aBinaryDoubleWouldNotBeExact() {
    // why values never pass through a double: 0.29 is 0.28999999999999998002 as a double
    assertThat((long) (0.29 * 1e8)).isEqualTo(28_999_999L);
    assertThat((long) (8.2 * 1e8)).isEqualTo(819_999_999L);
    assertThat(CoinValues.coinsToBaseUnits(new BigDecimal("8.2"), BTC_MAX)).isEqualTo(820_000_000L);
    assertThat(CoinValues.coinsToBaseUnits(new BigDecimal("0.29"), BTC_MAX)).isEqualTo(29_000_000L);
    // 0.1 + 0.2 as a double prints as 0.30000000000000004: that text has more than eight decimals
    assertThat(String.valueOf(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThatThrownBy(() -> CoinValues.coinsToBaseUnits(new BigDecimal(String.valueOf(0.1 + 0.2)), BTC_MAX))
        .hasMessage("0.30000000000000004 has more than 8 decimals");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-0.00000001 | -0.00000001 is negative",
        "-5 | -5 is negative",
        "0.000000001 | 0.000000001 has more than 8 decimals",
        "1E-9 | 0.000000001 has more than 8 decimals",
        "0.123456789 | 0.123456789 has more than 8 decimals",
        "21000000.00000001 | 21000000.00000001 exceeds the chain's maximum of 21000000.00000000 coins",
        "1E+400 | 1E+400 exceeds the chain's maximum of 21000000.00000000 coins",
        "1E-400 | 1E-400 has more than 8 decimals",
      })
  void impossibleCoinValuesAreRefused(String text, String message) {
    assertThatThrownBy(() -> CoinValues.coinsToBaseUnits(new BigDecimal(text), BTC_MAX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({"100000000, 100000000", "1e8, 100000000", "0, 0", "1000000000000000000, 1000000000000000000", "5.0, 5"})
  void baseUnitsAreWholeNumbers(String text, long expected) {
    assertThat(CoinValues.baseUnits(new BigDecimal(text), DOGE_MAX)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.5 | 1.5 is not a whole number of base units",
        "-1 | -1 is negative",
        "1000000000000000001 | 1000000000000000001 exceeds the chain's maximum of 1000000000000000000 base units",
        "1E+30 | 1E+30 exceeds the chain's maximum of 1000000000000000000 base units",
      })
  void impossibleBaseUnitsAreRefused(String text, String message) {
    assertThatThrownBy(() -> CoinValues.baseUnits(new BigDecimal(text), DOGE_MAX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
