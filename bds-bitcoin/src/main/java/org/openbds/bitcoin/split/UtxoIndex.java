package org.openbds.bitcoin.split;

import java.util.Arrays;
import org.openbds.api.Hash32;

/**
 * The unspent outputs known to the splitter, keyed exactly by outpoint (the full 32-byte txid and the output index).
 * Open addressing with linear probing and backward-shift deletion, in parallel primitive arrays: about 60 bytes per
 * entry and no object per output. Not thread-safe: the splitter's single apply thread owns it.
 */
final class UtxoIndex {
  private static final double MAX_LOAD = 0.6;

  private long[] k0;
  private long[] k1;
  private long[] k2;
  private long[] k3;
  private int[] vout;
  private boolean[] used;
  private long[] value;
  private long[] txId;
  private long[] addressId;
  private int[] height;
  private byte[] scriptType;
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
    int capacity = Integer.highestOneBit(Math.max(16, (int) (expected / MAX_LOAD)) - 1) << 1;
    allocate(capacity);
  }

  int size() {
    return size;
  }

  /** Adds an output; a second output with the same outpoint replaces the first (as nodes did before BIP30). */
  void put(Hash32 txid, int outIndex, long val, long creatingTxId, long address, int createdAt, byte type) {
    if (size + 1 > (mask + 1) * MAX_LOAD) {
      grow();
    }
    long a = txid.word(0);
    long b = txid.word(1);
    long c = txid.word(2);
    long d = txid.word(3);
    int slot = find(a, b, c, d, outIndex);
    if (!used[slot]) {
      size++;
    }
    store(slot, a, b, c, d, outIndex, val, creatingTxId, address, createdAt, type);
  }

  /** Removes and describes the output, or returns false when it is not known. */
  boolean remove(Hash32 txid, long outIndex, Spent into) {
    if (outIndex < 0 || outIndex > Integer.MAX_VALUE) {
      return false;
    }
    int slot = find(txid.word(0), txid.word(1), txid.word(2), txid.word(3), (int) outIndex);
    if (!used[slot]) {
      return false;
    }
    into.value = value[slot];
    into.txId = txId[slot];
    into.addressId = addressId[slot];
    into.height = height[slot];
    into.scriptType = scriptType[slot];
    delete(slot);
    return true;
  }

  private int find(long a, long b, long c, long d, int outIndex) {
    int slot = (int) mix(a ^ d, outIndex) & mask;
    while (used[slot]) {
      if (k0[slot] == a && k1[slot] == b && k2[slot] == c && k3[slot] == d && vout[slot] == outIndex) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void delete(int slot) {
    // backward-shift deletion keeps probe sequences intact without tombstones
    int hole = slot;
    int next = (hole + 1) & mask;
    while (used[next]) {
      int home = (int) mix(k0[next] ^ k3[next], vout[next]) & mask;
      boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
      if (movable) {
        move(next, hole);
        hole = next;
      }
      next = (next + 1) & mask;
    }
    used[hole] = false;
    addressId[hole] = 0;
    size--;
  }

  private void move(int from, int to) {
    store(to, k0[from], k1[from], k2[from], k3[from], vout[from], value[from], txId[from], addressId[from], height[from], scriptType[from]);
  }

  private void store(int slot, long a, long b, long c, long d, int outIndex, long val, long tx, long address, int h, byte type) {
    used[slot] = true;
    k0[slot] = a;
    k1[slot] = b;
    k2[slot] = c;
    k3[slot] = d;
    vout[slot] = outIndex;
    value[slot] = val;
    txId[slot] = tx;
    addressId[slot] = address;
    height[slot] = h;
    scriptType[slot] = type;
  }

  private void grow() {
    long[] o0 = k0, o1 = k1, o2 = k2, o3 = k3, oValue = value, oTx = txId, oAddress = addressId;
    int[] oVout = vout, oHeight = height;
    boolean[] oUsed = used;
    byte[] oType = scriptType;
    allocate((mask + 1) * 2);
    for (int i = 0; i < oUsed.length; i++) {
      if (oUsed[i]) {
        int slot = find(o0[i], o1[i], o2[i], o3[i], oVout[i]);
        store(slot, o0[i], o1[i], o2[i], o3[i], oVout[i], oValue[i], oTx[i], oAddress[i], oHeight[i], oType[i]);
      }
    }
  }

  private void allocate(int capacity) {
    k0 = new long[capacity];
    k1 = new long[capacity];
    k2 = new long[capacity];
    k3 = new long[capacity];
    vout = new int[capacity];
    used = new boolean[capacity];
    value = new long[capacity];
    txId = new long[capacity];
    addressId = new long[capacity];
    height = new int[capacity];
    scriptType = new byte[capacity];
    mask = capacity - 1;
  }

  void clear() {
    Arrays.fill(used, false);
    size = 0;
  }

  private static long mix(long x, int v) {
    long h = x * 0x9E3779B97F4A7C15L + v;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    return h ^ (h >>> 32);
  }
}
