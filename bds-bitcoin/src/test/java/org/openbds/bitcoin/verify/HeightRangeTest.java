package org.openbds.bitcoin.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeightRangeTest {
  @Test
  void chunksCoverTheRangeInOrder() {
    assertThat(new HeightRange(1, 10).chunks(4))
        .containsExactly(new HeightRange(1, 4), new HeightRange(5, 8), new HeightRange(9, 10));
    assertThat(new HeightRange(5, 5).chunks(50)).containsExactly(new HeightRange(5, 5));
    assertThat(new HeightRange(0, 9).size()).isEqualTo(10);
    assertThat(new HeightRange(1, 172)).hasToString("blocks 1..172");
  }

  @Test
  void refusesEmptyOrNegativeRanges() {
    assertThatThrownBy(() -> new HeightRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HeightRange(-1, 4)).isInstanceOf(IllegalArgumentException.class);
  }
}
