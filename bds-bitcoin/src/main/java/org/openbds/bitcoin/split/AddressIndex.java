package org.openbds.bitcoin.split;

/**
 * Address string to dictionary id, in open-addressing arrays: one String per address and no boxed ids or map nodes,
 * which keeps millions of addresses cheap for the garbage collector. Not thread-safe: the resolving thread owns it.
 */
final class AddressIndex {
  private static final double MAX_LOAD = 0.6;

  private String[] keys;
  private int[] hashes;
  private long[] ids;
  private int size;
  private int mask;

  AddressIndex(int expected) {
    allocate(Integer.highestOneBit(Math.max(16, (int) (expected / MAX_LOAD)) - 1) << 1);
  }

  int size() {
    return size;
  }

  /** The id of {@code address}, or -1 when it is not known. */
  long get(String address) {
    int h = spread(address.hashCode());
    for (int slot = h & mask; keys[slot] != null; slot = (slot + 1) & mask) {
      if (hashes[slot] == h && keys[slot].equals(address)) {
        return ids[slot];
      }
    }
    return -1;
  }

  /** Adds an address that is not in the index yet. */
  void put(String address, long id) {
    if (size + 1 > (mask + 1) * MAX_LOAD) {
      grow();
    }
    insert(address, spread(address.hashCode()), id);
    size++;
  }

  /** Removes every address whose id is {@code firstId} or more (addresses first seen in rolled-back blocks). */
  int removeIdsFrom(long firstId) {
    int removed = 0;
    for (int slot = 0; slot <= mask; slot++) {
      // a deletion shifts a later entry into this slot: look at it again
      while (keys[slot] != null && ids[slot] >= firstId) {
        delete(slot);
        removed++;
      }
    }
    return removed;
  }

  private void delete(int slot) {
    // backward-shift deletion keeps probe sequences intact without tombstones
    int hole = slot;
    int next = (hole + 1) & mask;
    while (keys[next] != null) {
      int home = hashes[next] & mask;
      boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
      if (movable) {
        keys[hole] = keys[next];
        hashes[hole] = hashes[next];
        ids[hole] = ids[next];
        hole = next;
      }
      next = (next + 1) & mask;
    }
    keys[hole] = null;
    size--;
  }

  void clear() {
    java.util.Arrays.fill(keys, null);
    size = 0;
  }

  private void insert(String address, int h, long id) {
    int slot = h & mask;
    while (keys[slot] != null) {
      slot = (slot + 1) & mask;
    }
    keys[slot] = address;
    hashes[slot] = h;
    ids[slot] = id;
  }

  private void grow() {
    String[] oldKeys = keys;
    int[] oldHashes = hashes;
    long[] oldIds = ids;
    allocate((mask + 1) * 2);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        insert(oldKeys[i], oldHashes[i], oldIds[i]);
      }
    }
  }

  private void allocate(int capacity) {
    keys = new String[capacity];
    hashes = new int[capacity];
    ids = new long[capacity];
    mask = capacity - 1;
  }

  private static int spread(int h) {
    return (h ^ (h >>> 16)) * 0x9E3779B1;
  }
}
