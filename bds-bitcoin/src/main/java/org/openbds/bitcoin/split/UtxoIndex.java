package org.openbds.bitcoin.split;

import org.openbds.api.Hash32;

/**
 * The unspent outputs known to the splitter, keyed exactly by outpoint (the full 32-byte txid and the output index).
 * Open addressing with linear probing and backward-shift deletion over one {@code long[]} holding each entry's fields
 * side by side, so that a look-up touches one or two cache lines and no object exists per output (about 120 bytes
 * per entry at the maximum load). Not thread-safe: the splitter's single resolving thread owns it.
 */
final class UtxoIndex {
  private static final double MAX_LOAD = 0.6;
  private static final int STRIDE = 9;
  // field offsets within an entry
  private static final int K0 = 0;
  private static final int K1 = 1;
  private static final int K2 = 2;
  private static final int K3 = 3;
  private static final int VOUT = 4; // -1 marks an empty slot
  private static final int VALUE = 5;
  private static final int TX_ID = 6;
  private static final int ADDRESS = 7;
  private static final int HEIGHT_TYPE = 8; // height << 8 | script type

  private long[] table;
  private int size;
  private int mask;

  /** What {@link #remove} found: the spent output's value, owner, type and where it was created. */
  static final class Spent {
    long value;
    long txId;
    long addressId;
    int height;
    byte scriptType;
  }

  UtxoIndex(int expected) {
    allocate(Integer.highestOneBit(Math.max(16, (int) (expected / MAX_LOAD)) - 1) << 1);
  }

  int size() {
    return size;
  }

  /** Adds an output; a second output with the same outpoint replaces the first (as nodes did before BIP30). */
  void put(Hash32 txid, int outIndex, long val, long creatingTxId, long address, int createdAt, byte type) {
    if (outIndex < 0) {
      throw new IllegalArgumentException("output index " + outIndex);
    }
    if (size + 1 > (mask + 1) * MAX_LOAD) {
      grow();
    }
    long a = txid.word(0);
    long b = txid.word(1);
    long c = txid.word(2);
    long d = txid.word(3);
    int slot = find(a, b, c, d, outIndex);
    int base = slot * STRIDE;
    if (table[base + VOUT] < 0) {
      size++;
    }
    store(base, a, b, c, d, outIndex, val, creatingTxId, address, (long) createdAt << 8 | (type & 0xff));
  }

  /** Removes and describes the output, or returns false when it is not known. */
  boolean remove(Hash32 txid, long outIndex, Spent into) {
    if (outIndex < 0 || outIndex > Integer.MAX_VALUE) {
      return false;
    }
    int slot = find(txid.word(0), txid.word(1), txid.word(2), txid.word(3), (int) outIndex);
    int base = slot * STRIDE;
    if (table[base + VOUT] < 0) {
      return false;
    }
    into.value = table[base + VALUE];
    into.txId = table[base + TX_ID];
    into.addressId = table[base + ADDRESS];
    long heightType = table[base + HEIGHT_TYPE];
    into.height = (int) (heightType >>> 8);
    into.scriptType = (byte) heightType;
    delete(slot);
    return true;
  }

  /** Removes every output created at {@code height} or above (blocks being rolled back); returns how many. */
  int removeCreatedFrom(int height) {
    long[] t = table;
    int removed = 0;
    for (int slot = 0; slot <= mask; slot++) {
      // a deletion shifts a later entry into this slot: look at it again
      while (t[slot * STRIDE + VOUT] >= 0 && (t[slot * STRIDE + HEIGHT_TYPE] >>> 8) >= height) {
        delete(slot);
        removed++;
      }
    }
    return removed;
  }

  private int find(long a, long b, long c, long d, int outIndex) {
    long[] t = table;
    int slot = home(a, d, outIndex);
    while (true) {
      int base = slot * STRIDE;
      long vout = t[base + VOUT];
      if (vout < 0
          || (t[base + K0] == a && vout == outIndex && t[base + K1] == b && t[base + K2] == c && t[base + K3] == d)) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  private void delete(int slot) {
    // backward-shift deletion keeps probe sequences intact without tombstones
    long[] t = table;
    int hole = slot;
    int next = (hole + 1) & mask;
    while (t[next * STRIDE + VOUT] >= 0) {
      int base = next * STRIDE;
      int home = home(t[base + K0], t[base + K3], (int) t[base + VOUT]);
      boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
      if (movable) {
        System.arraycopy(t, base, t, hole * STRIDE, STRIDE);
        hole = next;
      }
      next = (next + 1) & mask;
    }
    t[hole * STRIDE + VOUT] = -1;
    size--;
  }

  private void store(int base, long a, long b, long c, long d, int outIndex, long val, long tx, long address, long heightType) {
    long[] t = table;
    t[base + K0] = a;
    t[base + K1] = b;
    t[base + K2] = c;
    t[base + K3] = d;
    t[base + VOUT] = outIndex;
    t[base + VALUE] = val;
    t[base + TX_ID] = tx;
    t[base + ADDRESS] = address;
    t[base + HEIGHT_TYPE] = heightType;
  }

  private void grow() {
    long[] old = table;
    allocate((mask + 1) * 2);
    for (int base = 0; base < old.length; base += STRIDE) {
      if (old[base + VOUT] >= 0) {
        int slot = find(old[base + K0], old[base + K1], old[base + K2], old[base + K3], (int) old[base + VOUT]);
        System.arraycopy(old, base, table, slot * STRIDE, STRIDE);
      }
    }
  }

  private void allocate(int capacity) {
    long[] t = new long[capacity * STRIDE];
    for (int base = VOUT; base < t.length; base += STRIDE) {
      t[base] = -1;
    }
    table = t;
    mask = capacity - 1;
  }

  void clear() {
    for (int base = VOUT; base < table.length; base += STRIDE) {
      table[base] = -1;
    }
    size = 0;
  }

  private int home(long a, long d, int outIndex) {
    long h = (a ^ d) * 0x9E3779B97F4A7C15L + outIndex;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
