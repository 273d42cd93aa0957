package org.openbds.bitcoin.regtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;

/** Coin amounts convert to satoshis exactly, never through a double. */
class CoinAmountTest {
  @Test
  void exact() {
    // 16 significant digits, more than a double holds
    assertThat(CoinAmount.toSatoshis(new BigDecimal("84000000.12345679"))).isEqualTo(8_400_000_012_345_679L);
    assertThat(CoinAmount.toSatoshis(new BigDecimal("5E+1"))).isEqualTo(5_000_000_000L);
    assertThat(CoinAmount.toCoins(10).toPlainString()).isEqualTo("0.00000010");
    assertThatThrownBy(() -> CoinAmount.toSatoshis(new BigDecimal("0.000000001")))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("not an amount in satoshis");
  }
}
