package org.openbds.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

class SyncConfigTest {
  @Test
  void defaults() {
    SyncConfig c = SyncConfig.defaults();
    assertThat(c.confirmations()).isZero();
    assertThat(c.startHeight()).isZero();
    assertThat(c.exitAtTip()).isFalse();
    assertThat(c.tipWait()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.importConfig()).isEqualTo(ImportConfig.defaults());
  }

  @Test
  void withersChangeOneSettingEach() {
    ImportConfig small = ImportConfig.defaults().withBatchTransactions(10);
    SyncConfig c =
        SyncConfig.defaults().withConfirmations(6).withStartHeight(100).withExitAtTip(true).withTipWait(Duration.ofMillis(250)).withImportConfig(small);
    assertThat(c).isEqualTo(new SyncConfig(6, 100, true, Duration.ofMillis(250), small));
  }

  @Test
  void invalidValuesAreRefused() {
    ImportConfig stopping = ImportConfig.defaults().withStopAfterHeight(5);
    for (Runnable bad :
        new Runnable[] {
          () -> SyncConfig.defaults().withConfirmations(-1),
          () -> SyncConfig.defaults().withStartHeight(-1),
          () -> SyncConfig.defaults().withTipWait(Duration.ofMillis(1)),
          () -> SyncConfig.defaults().withTipWait(Duration.ofMinutes(11)),
          () -> SyncConfig.defaults().withImportConfig(stopping)
        }) {
      assertThatThrownBy(bad::run)
          .isInstanceOf(BdsException.class)
          .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIG));
    }
  }
}
