package org.openbds.bitcoin.generate;

/** The outputs one transaction is about to spend: a reusable scratch area in flat arrays. Not thread-safe. */
final class SelectedInputs {
  final byte[] txids;
  final int[] vouts;
  final long[] values;
  final byte[] kinds;
  int count;

  SelectedInputs(int capacity) {
    txids = new byte[capacity * 32];
    vouts = new int[capacity];
    values = new long[capacity];
    kinds = new byte[capacity];
  }

  void set(int slot, byte[] txid, int txidOffset, int vout, long value, byte kind) {
    System.arraycopy(txid, txidOffset, txids, slot * 32, 32);
    vouts[slot] = vout;
    values[slot] = value;
    kinds[slot] = kind;
  }

  OutputKind kind(int slot) {
    return OutputKind.of(kinds[slot]);
  }
}
