package org.openbds.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.QueueRecord;

class QueuePositionTest {
  @Test
  void advancesPastRecordsAndRoundTripsAsText() {
    QueuePosition p = QueuePosition.start("bds.ltc.blocks");
    assertThat(p.format()).isEqualTo("bds.ltc.blocks@");
    p = p.after(new QueueRecord("bds.ltc.blocks", 2, 41, "ltc", new byte[0], Map.of()));
    p = p.after(new QueueRecord("bds.ltc.blocks", 0, 7, "doge", new byte[0], Map.of()));
    assertThat(p.format()).isEqualTo("bds.ltc.blocks@0:8,2:42");
    assertThat(QueuePosition.parse(p.format())).isEqualTo(p);
    assertThat(QueuePosition.parse("bds.ltc.blocks@")).isEqualTo(QueuePosition.start("bds.ltc.blocks"));
    assertThatThrownBy(() -> QueuePosition.parse("nonsense")).isInstanceOf(BdsException.class).hasMessageContaining("nonsense");
    assertThatThrownBy(() -> QueuePosition.parse("t@0:x")).isInstanceOf(BdsException.class);
    QueuePosition q = p;
    assertThatThrownBy(() -> q.after(new QueueRecord("other", 0, 1, "ltc", new byte[0], Map.of()))).isInstanceOf(IllegalArgumentException.class);
  }
}
