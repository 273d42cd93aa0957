package org.openbds.bitcoin.regtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/** The height limit that keeps scenarios below MWEB activation. */
class HeightLimitTest {
  @Test
  void defaultStopsBeforeMweb() {
    assertThat(HeightLimit.DEFAULT.maxHeight()).isEqualTo(431);
    HeightLimit.DEFAULT.checkRoom(428, 3, "a round");
    assertThatThrownBy(() -> HeightLimit.DEFAULT.checkRoom(429, 3, "a round"))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("a round needs 3 more blocks on top of height 429, past the height limit 431")
        .hasMessageContaining("MWEB")
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void configurable() {
    new HeightLimit(200).checkRoom(150, 50, "setup");
    assertThatThrownBy(() -> new HeightLimit(200).checkRoom(150, 51, "setup")).isInstanceOf(BdsException.class);
    assertThatThrownBy(() -> new HeightLimit(-1)).isInstanceOf(BdsException.class);
  }
}
