package org.openbds.forensics.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PackedNumbersTest {
  @Test
  void rowsOfNumbersComeBackInOrder() {
    assertThat(UtxoWarehouseFlowGraph.numbers("0:17:3:5000000000:-1,1:9223372036854775807:0:1:42", 5))
        .containsExactly(0, 17, 3, 5_000_000_000L, -1, 1, Long.MAX_VALUE, 0, 1, 42);
    assertThat(UtxoWarehouseFlowGraph.numbers("7:1:2", 3)).containsExactly(7, 1, 2);
  }

  @Test
  void aRowOfTheWrongLengthIsAnError() {
    assertThatThrownBy(() -> UtxoWarehouseFlowGraph.numbers("0:1:2,3:4", 3)).isInstanceOf(IllegalStateException.class).hasMessageContaining("malformed");
    assertThatThrownBy(() -> UtxoWarehouseFlowGraph.numbers("0:1,2", 3)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> UtxoWarehouseFlowGraph.numbers("0:1:2:3", 3)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> UtxoWarehouseFlowGraph.numbers("0:x:2", 3)).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> UtxoWarehouseFlowGraph.numbers(null, 3)).isInstanceOf(IllegalStateException.class).hasMessageContaining("missing");
  }
}
