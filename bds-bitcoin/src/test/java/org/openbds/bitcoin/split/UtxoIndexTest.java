package org.openbds.bitcoin.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openbds.api.Hash32;

/** The open-addressing index against a plain map, over random puts, spends, misses and replacements. */
class UtxoIndexTest {
  record Key(Hash32 txid, int vout) {}

  record Entry(long value, long txId, long addressId, int height, byte type) {}

  @Test
  void behavesLikeAMap() {
    Random random = new Random(11);
    UtxoIndex index = new UtxoIndex(16); // small, so it grows many times
    Map<Key, Entry> reference = new HashMap<>();
    List<Key> keys = new ArrayList<>();
    UtxoIndex.Spent spent = new UtxoIndex.Spent();
    for (int step = 0; step < 400_000; step++) {
      int op = random.nextInt(10);
      if (op < 6 || keys.isEmpty()) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        // many outputs of the same transaction share all txid words; some txids differ only in their last word
        if (!keys.isEmpty() && random.nextInt(3) == 0) {
          b = keys.get(random.nextInt(keys.size())).txid().toBytes();
          if (random.nextBoolean()) {
            b[31] ^= 1;
          }
        }
        Key k = new Key(Hash32.of(b), random.nextInt(50));
        Entry e = new Entry(random.nextLong() & Long.MAX_VALUE, random.nextInt(1 << 30), random.nextInt(5) - 1, random.nextInt(1 << 23), (byte) random.nextInt(10));
        index.put(k.txid(), k.vout(), e.value(), e.txId(), e.addressId(), e.height(), e.type());
        if (reference.put(k, e) == null) {
          keys.add(k);
        }
      } else if (op < 9) {
        Key k = keys.get(random.nextInt(keys.size()));
        Entry e = reference.remove(k);
        boolean found = index.remove(k.txid(), k.vout(), spent);
        assertThat(found).isEqualTo(e != null);
        if (e != null) {
          assertThat(new Entry(spent.value, spent.txId, spent.addressId, spent.height, spent.scriptType)).isEqualTo(e);
        }
      } else {
        byte[] b = new byte[32];
        random.nextBytes(b);
        assertThat(index.remove(Hash32.of(b), random.nextInt(50), spent)).isFalse();
      }
      assertThat(index.size()).isEqualTo(reference.size());
    }
    for (Map.Entry<Key, Entry> e : reference.entrySet()) {
      assertThat(index.remove(e.getKey().txid(), e.getKey().vout(), spent)).isTrue();
      assertThat(spent.value).isEqualTo(e.getValue().value());
    }
    assertThat(index.size()).isZero();
  }

  @Test
  void removesWhatWasCreatedFromAHeightAndKeepsTheRestFindable() {
    Random random = new Random(12);
    for (int round = 0; round < 20; round++) {
      // small tables with long probe chains, including chains that wrap around the table's end
      UtxoIndex index = new UtxoIndex(16 + random.nextInt(64));
      Map<Key, Entry> reference = new HashMap<>();
      int count = 5 + random.nextInt(3000);
      for (int i = 0; i < count; i++) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        Key k = new Key(Hash32.of(b), random.nextInt(4));
        Entry e = new Entry(i, i, -1, random.nextInt(100), (byte) 1);
        index.put(k.txid(), k.vout(), e.value(), e.txId(), e.addressId(), e.height(), e.type());
        reference.put(k, e);
      }
      int from = random.nextInt(110);
      int expectedRemoved = (int) reference.values().stream().filter(e -> e.height() >= from).count();
      assertThat(index.removeCreatedFrom(from)).isEqualTo(expectedRemoved);
      assertThat(index.size()).isEqualTo(reference.size() - expectedRemoved);
      UtxoIndex.Spent spent = new UtxoIndex.Spent();
      for (Map.Entry<Key, Entry> e : reference.entrySet()) {
        boolean kept = e.getValue().height() < from;
        assertThat(index.remove(e.getKey().txid(), e.getKey().vout(), spent)).isEqualTo(kept);
        if (kept) {
          assertThat(spent.value).isEqualTo(e.getValue().value());
        }
      }
      assertThat(index.size()).isZero();
    }
  }
}
