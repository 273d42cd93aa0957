package org.openbds.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

class ImportConfigTest {
  @Test
  void defaults() {
    ImportConfig c = ImportConfig.defaults();
    assertThat(c.decodeThreads()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() - 2));
    assertThat(c.batchTransactions()).isEqualTo(500_000);
    assertThat(c.maxBatchBlocks()).isEqualTo(5_000);
    assertThat(c.stopAfterHeight()).isEqualTo(-1);
  }

  @Test
  void withersChangeOneSettingEach() {
    ImportConfig c = ImportConfig.defaults().withDecodeThreads(3).withBatchTransactions(7).withMaxBatchBlocks(9).withStopAfterHeight(11);
    assertThat(c).isEqualTo(new ImportConfig(3, 7, 9, 11));
  }

  @Test
  void invalidValuesAreRefused() {
    for (Runnable bad :
        new Runnable[] {
          () -> new ImportConfig(0, 1, 1, -1),
          () -> new ImportConfig(257, 1, 1, -1),
          () -> new ImportConfig(1, 0, 1, -1),
          () -> new ImportConfig(1, 1, 0, -1),
          () -> new ImportConfig(1, 1, 1, -2)
        }) {
      assertThatThrownBy(bad::run)
          .isInstanceOf(BdsException.class)
          .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIG));
    }
  }
}
