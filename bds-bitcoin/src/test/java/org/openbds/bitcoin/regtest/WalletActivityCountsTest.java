package org.openbds.bitcoin.regtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Activity counts list every payment shape, zero for those not made. */
class WalletActivityCountsTest {
  @Test
  void countsHaveEveryShape() {
    WalletActivityCounts counts = new WalletActivityCounts(2, 113, Map.of(PaymentShape.BECH32, 3, PaymentShape.SEND_MANY, 1), 12, 0);
    assertThat(counts.payments()).hasSize(PaymentShape.values().length);
    assertThat(counts.payments(PaymentShape.LEGACY)).isZero();
    assertThat(counts.totalPayments()).isEqualTo(4);
    assertThat(PaymentShape.MULTI_INPUT.description()).isEqualTo("payments spending 5 or more inputs at once");
  }
}
