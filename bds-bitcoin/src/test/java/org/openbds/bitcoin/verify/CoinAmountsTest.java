package org.openbds.bitcoin.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

class CoinAmountsTest {
  @Test
  void convertsDecimalCoinsToBaseUnitsExactly() {
    assertThat(CoinAmounts.toBaseUnits(new BigDecimal("5100.00000000"), "t")).isEqualTo(510_000_000_000L);
    assertThat(CoinAmounts.toBaseUnits(new BigDecimal("0.00000001"), "t")).isEqualTo(1);
    assertThat(CoinAmounts.toBaseUnits(new BigDecimal("0"), "t")).isZero();
    assertThat(CoinAmounts.toBaseUnits(new BigDecimal("83999999.99999999"), "t")).isEqualTo(8_399_999_999_999_999L);
    assertThat(CoinAmounts.toBaseUnits(new BigDecimal("12"), "t")).isEqualTo(1_200_000_000L);
  }

  @Test
  void refusesFractionsOfABaseUnitAndOverflow() {
    for (String bad : new String[] {"0.000000001", "1.123456789", "100000000000000000000"}) {
      assertThatThrownBy(() -> CoinAmounts.toBaseUnits(new BigDecimal(bad), "gettxoutsetinfo total_amount"))
          .isInstanceOf(BdsException.class)
          .hasMessageContaining("gettxoutsetinfo total_amount")
          .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.MALFORMED_RESPONSE));
    }
  }
}
