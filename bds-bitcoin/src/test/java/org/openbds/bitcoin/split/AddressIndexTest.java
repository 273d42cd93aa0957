package org.openbds.bitcoin.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The address index against a plain map, including the release of the newest ids on a rollback. */
class AddressIndexTest {
  @Test
  void releasesTheNewestIdsAndKeepsTheRestFindable() {
    Random random = new Random(5);
    for (int round = 0; round < 30; round++) {
      AddressIndex index = new AddressIndex(16);
      Map<String, Long> reference = new LinkedHashMap<>();
      int count = 1 + random.nextInt(5000);
      for (long id = 0; id < count; id++) {
        String address = "addr" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        if (!reference.containsKey(address)) {
          index.put(address, id);
          reference.put(address, id);
        }
      }
      long from = random.nextInt(count + 10);
      long expectedRemoved = reference.values().stream().filter(id -> id >= from).count();
      assertThat(index.removeIdsFrom(from)).isEqualTo((int) expectedRemoved);
      assertThat(index.size()).isEqualTo(reference.size() - (int) expectedRemoved);
      for (Map.Entry<String, Long> e : reference.entrySet()) {
        assertThat(index.get(e.getKey())).isEqualTo(e.getValue() < from ? e.getValue() : -1);
      }
      // released addresses can be added again
      reference.forEach((address, id) -> {
        if (id >= from) {
          index.put(address, id + 1_000_000);
          assertThat(index.get(address)).isEqualTo(id + 1_000_000);
        }
      });
    }
  }
}
