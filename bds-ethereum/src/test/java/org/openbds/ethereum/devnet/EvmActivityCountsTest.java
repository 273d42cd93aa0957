package org.openbds.ethereum.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EvmActivityCountsTest {
  @Test
  void everyKindHasAnEntry() {
    EvmActivityCounts counts = new EvmActivityCounts(2, 3, Map.of(EvmActivityKind.FAILED, 4, EvmActivityKind.NFT_MINT, 1), 1);
    assertThat(counts.transactions()).hasSize(EvmActivityKind.values().length);
    assertThat(counts.transactions(EvmActivityKind.FAILED)).isEqualTo(4);
    assertThat(counts.transactions(EvmActivityKind.DEPLOYMENT)).isZero();
    assertThat(counts.totalTransactions()).isEqualTo(5);
  }
}
