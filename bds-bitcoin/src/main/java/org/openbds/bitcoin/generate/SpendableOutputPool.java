package org.openbds.bitcoin.generate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A fixed-capacity set of unspent outputs the generator may spend. Each entry is one 48-byte record in a single array
 * (32-byte txid in wire order, value, output index, {@link OutputKind} ordinal): picks are random, so keeping an entry
 * in one or two cache lines instead of spreading it over parallel arrays is what makes a large pool fast. Entries are
 * unordered: removal moves the last entry into the hole. Not thread-safe.
 */
final class SpendableOutputPool {
  private static final int RECORD = 48;
  private static final int VALUE = 32;
  private static final int VOUT = 40;
  private static final int KIND = 44;
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] records;
  private final int capacity;
  private int size;

  SpendableOutputPool(int capacity) {
    this.capacity = capacity;
    this.records = new byte[Math.multiplyExact(capacity, RECORD)];
  }

  int size() {
    return size;
  }

  boolean isFull() {
    return size == capacity;
  }

  long value(int index) {
    return (long) LONG.get(records, index * RECORD + VALUE);
  }

  /** Copies the entry at {@code index} into slot {@code slot} of {@code into} and removes it from the pool. */
  void take(int index, SelectedInputs into, int slot) {
    int at = index * RECORD;
    into.set(slot, records, at, (int) INT.get(records, at + VOUT), (long) LONG.get(records, at + VALUE), records[at + KIND]);
    int last = --size;
    if (index != last) {
      System.arraycopy(records, last * RECORD, records, at, RECORD);
    }
  }

  /** Moves every entry into {@code target} (see {@link #offer}) and empties this pool. */
  void drainInto(SpendableOutputPool target, SeededRandom random) {
    for (int i = 0; i < size; i++) {
      int at = i * RECORD;
      int slot = target.slotForNew(random);
      System.arraycopy(records, at, target.records, slot * RECORD, RECORD);
    }
    size = 0;
  }

  /** Adds an entry, or when full replaces one (see {@link #slotForNew}). */
  void offer(byte[] txid, int txidOffset, int vout, long value, int kind, SeededRandom random) {
    int index = slotForNew(random);
    int at = index * RECORD;
    System.arraycopy(txid, txidOffset, records, at, 32);
    LONG.set(records, at + VALUE, value);
    INT.set(records, at + VOUT, vout);
    records[at + KIND] = (byte) kind;
  }

  /**
   * Where a new entry goes: the next free slot, or in a full pool the smaller-valued of two random entries, which then
   * stays unspent for good. Random victims let the pool hold outputs of every age; preferring the smaller keeps value
   * in circulation (as on real chains, where forgotten outputs are mostly small) instead of draining it into outputs
   * nobody spends, which would leave a long chain paying dust.
   */
  private int slotForNew(SeededRandom random) {
    if (size < capacity) {
      return size++;
    }
    int a = random.nextInt(size);
    int b = random.nextInt(size);
    return value(a) <= value(b) ? a : b;
  }
}
