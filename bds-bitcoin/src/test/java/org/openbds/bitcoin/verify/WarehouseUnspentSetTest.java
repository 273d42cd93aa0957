package org.openbds.bitcoin.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarehouseUnspentSetTest {
  @Test
  void unspendableAsBitcoinCoreSaysIt() {
    // OP_RETURN followed by something other than pushes: nonstandard to the classifier, unspendable to the node
    assertThat(WarehouseUnspentSet.unspendable(new byte[] {0x6a, (byte) 0xac})).isTrue();
    assertThat(WarehouseUnspentSet.unspendable(new byte[WarehouseUnspentSet.MAX_SCRIPT_SIZE + 1])).isTrue();
    assertThat(WarehouseUnspentSet.unspendable(new byte[WarehouseUnspentSet.MAX_SCRIPT_SIZE])).isFalse();
    assertThat(WarehouseUnspentSet.unspendable(new byte[] {0x51})).isFalse();
    assertThat(WarehouseUnspentSet.unspendable(new byte[0])).isFalse();
  }
}
