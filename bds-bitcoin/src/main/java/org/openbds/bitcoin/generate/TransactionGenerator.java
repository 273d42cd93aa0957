package org.openbds.bitcoin.generate;

import static java.util.Objects.requireNonNull;

/**
 * Makes the non-coinbase transactions of the synthetic chain, one at a time, straight into the block being built. It
 * chooses a shape, spends outputs from the pools of unspent outputs, prices a fee, writes the transaction and offers
 * its outputs for later spending.
 *
 * <p>Shapes, per transaction: payments (1–5 inputs, mostly 1–2; mostly one payment plus change, sometimes a sweep to
 * one output or a batch of up to five payments; 3% carry an OP_RETURN), consolidations (2%: 10–100 inputs, one
 * output) and fan-outs (1%, more while few outputs exist: the largest of a few sampled outputs split into 20–200).
 * Change goes to a random position, of the same script kind as the first input when that is a wallet kind; 10% of
 * other outputs reuse an earlier script (address reuse). Spend chains: 0.4% of transactions start a run of 5–50, each
 * spending the newest output of the one before, and 8% / 12% of inputs spend outputs of the current / previous block.
 *
 * <p>Amounts: a fee budget of rate × estimated virtual size, the rate drawn from 1–5 (60%), 5–30 (30%) or 30–200
 * sat/vB and never more than half the input value. Payments have typical amounts (see {@link #paymentAmount()}) so
 * large outputs are peeled off bit by bit, the change carrying the rest; change below the dust threshold is added to
 * the fee. The fee is exactly inputs minus outputs, never negative. Outputs worth less than
 * {@link #MIN_SPENDABLE_VALUE} are never spent (they stay in the UTXO set, as small outputs do on real chains). Not
 * thread-safe.
 */
final class TransactionGenerator {
  /** Outputs worth less are never offered for spending. */
  static final long MIN_SPENDABLE_VALUE = 5_000;
  /** Bitcoin Core's dust threshold for a P2PKH output at the default relay fee. */
  private static final long DUST = 546;
  private static final long FAN_OUT_MIN_VALUE = 10_000;
  private static final int MAX_INPUTS = 100;
  private static final int MAX_OUTPUTS = 201;
  private static final int REUSE_SLOTS = 4096;
  private static final int REUSE_SLOT_BYTES = 128;
  private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};
  private static final long SEQUENCE_FINAL = 0xffffffffL;
  private static final long SEQUENCE_NO_RBF = 0xfffffffeL;
  private static final long SEQUENCE_RBF = 0xfffffffdL;

  private final SeededRandom random;
  private final ScriptWriter scripts;
  private final BlockSerializer serializer;
  private final RunningTally tally;
  private final OutputKind[] drawTable;
  /** Outputs from before the previous block; bounded, a full pool replaces a random entry. */
  private final SpendableOutputPool older;
  private SpendableOutputPool previousBlock;
  private SpendableOutputPool currentBlock;

  private final SelectedInputs selected = new SelectedInputs(MAX_INPUTS);
  private final long[] outValues = new long[MAX_OUTPUTS];
  private final OutputKind[] outKinds = new OutputKind[MAX_OUTPUTS];
  private final int[] outReuseSlot = new int[MAX_OUTPUTS];
  private final int[] outScriptAt = new int[MAX_OUTPUTS];
  private final byte[] reuseScripts = new byte[REUSE_SLOTS * REUSE_SLOT_BYTES];
  /** Percentage of payment outputs paid to the hot address (0: none, and no random draw for it). */
  private final int hotPercent;
  /** The hot address's script (length prefix included): the first wallet-kind script remembered for reuse. */
  private byte[] hotScript;
  private OutputKind hotKind;
  private static final int HOT_SLOT = -2;
  private final OutputKind[] reuseKinds = new OutputKind[REUSE_SLOTS];
  private int reuseCount;
  private int chainRemaining;
  private long height;
  private long blockFees;
  private int lastChangeAt;
  private boolean fanOut;
  private boolean opReturn;
  private boolean lastHadWitness;

  TransactionGenerator(SeededRandom random, BlockSerializer serializer, RunningTally tally, boolean segwit, int poolSize, int hotPercent) {
    this.hotPercent = hotPercent;
    this.random = requireNonNull(random, "random is null");
    this.serializer = requireNonNull(serializer, "serializer is null");
    this.tally = requireNonNull(tally, "tally is null");
    this.scripts = new ScriptWriter(random);
    this.drawTable = OutputKind.drawTable(segwit);
    this.older = new SpendableOutputPool(poolSize);
    int blockPool = Math.max(1024, Math.min(1 << 18, poolSize / 4));
    this.previousBlock = new SpendableOutputPool(blockPool);
    this.currentBlock = new SpendableOutputPool(blockPool);
  }

  void startBlock(long blockHeight) {
    height = blockHeight;
    blockFees = 0;
    chainRemaining = 0;
  }

  /** Ends the block: the previous block's unspent outputs join the older ones, the current block becomes previous. */
  void endBlock() {
    previousBlock.drainInto(older, random);
    SpendableOutputPool swap = previousBlock;
    previousBlock = currentBlock;
    currentBlock = swap;
  }

  /** Offers a matured coinbase output for spending. */
  void offerMatured(byte[] txid, int txidOffset, int vout, long value, OutputKind kind) {
    if (value >= MIN_SPENDABLE_VALUE) {
      older.offer(txid, txidOffset, vout, value, kind.ordinal(), random);
    }
  }

  long blockFees() {
    return blockFees;
  }

  boolean lastHadWitness() {
    return lastHadWitness;
  }

  private int available() {
    return older.size() + previousBlock.size() + currentBlock.size();
  }

  /**
   * Appends one transaction to {@code out} and stores its txid and wtxid (wire order) at slot {@code index} of the
   * given arrays. Returns false, writing nothing, when no output is left to spend.
   */
  boolean write(ByteSink out, byte[] txids, byte[] wtxids, int index) {
    int available = available();
    if (available == 0) {
      return false;
    }
    if (chainRemaining == 0 && random.perMille(4)) {
      chainRemaining = random.between(5, 50);
    }
    int outputs = chooseShapeAndInputs(available);

    long inputValue = 0;
    boolean witness = false;
    int vsize = 10 + 34 * outputs + (opReturn ? 50 : 0);
    for (int i = 0; i < selected.count; i++) {
      inputValue += selected.values[i];
      OutputKind k = selected.kind(i);
      witness |= k.witnessSpend;
      vsize += k.spendVsize;
    }
    long spendable = inputValue - Math.min(feeRate() * vsize, inputValue / 2);
    outputs = (int) Math.max(1, Math.min(outputs, spendable / (fanOut ? FAN_OUT_MIN_VALUE : DUST)));
    int changeAt = -1;
    if (outputs == 1) {
      outValues[0] = spendable;
    } else if (fanOut) {
      split(spendable, outputs);
    } else {
      outputs = payments(spendable, outputs);
      changeAt = lastChangeAt;
    }
    long fee = inputValue;
    for (int i = 0; i < outputs; i++) {
      fee -= outValues[i];
    }
    assignKinds(outputs, changeAt);
    if (opReturn) {
      outValues[outputs] = 0;
      outKinds[outputs] = OutputKind.OP_RETURN;
      outReuseSlot[outputs] = -1;
      outputs++;
    }

    writeTransaction(out, outputs, witness, txids, wtxids, index);
    remember(out, outputs);
    offerOutputs(txids, index, outputs);

    count(outputs, fee, witness);
    return true;
  }

  /**
   * Picks the shape of the next transaction and takes its inputs from the pools; returns the planned number of
   * outputs (before amounts are known) and sets {@link #fanOut} and {@link #opReturn}.
   */
  private int chooseShapeAndInputs(int available) {
    fanOut = false;
    opReturn = false;
    int shape = random.nextInt(1000);
    if (available < 64 ? random.nextInt(2) == 0 : shape >= 20 && shape < 30) {
      fanOut = true;
      selectLargest();
      return random.between(20, 200);
    }
    if (shape < 20 && available > 400) {
      select(random.between(10, Math.min(MAX_INPUTS, available / 4)));
      return 1;
    }
    int r = random.nextInt(100);
    select(Math.min(available, r < 65 ? 1 : r < 90 ? 2 : random.between(3, 5)));
    r = random.nextInt(100);
    int outputs = r < 8 ? 1 : r < 95 ? 2 : random.between(3, 6);
    opReturn = random.nextInt(100) < 3;
    return outputs;
  }

  private void count(int outputs, long fee, boolean witness) {
    tally.transactions++;
    if (witness) {
      tally.segwitTransactions++;
    }
    for (int i = 0; i < selected.count; i++) {
      tally.input(selected.values[i]);
    }
    for (int i = 0; i < outputs; i++) {
      tally.output(outKinds[i], outValues[i]);
    }
    tally.totalFees += fee;
    blockFees += fee;
    lastHadWitness = witness;
  }

  private long feeRate() {
    int r = random.nextInt(100);
    return r < 60 ? random.between(1, 5) : r < 90 ? random.between(5, 30) : random.between(30, 200);
  }

  private void select(int count) {
    selected.count = count;
    for (int slot = 0; slot < count; slot++) {
      if (slot == 0 && chainRemaining > 0 && currentBlock.size() > 0) {
        chainRemaining--;
        currentBlock.take(currentBlock.size() - 1, selected, 0);
        continue;
      }
      int r = random.nextInt(100);
      SpendableOutputPool pool = r < 8 ? currentBlock : r < 20 ? previousBlock : older;
      if (pool.size() == 0) {
        pool = nonEmptyPool();
      }
      pool.take(random.nextInt(pool.size()), selected, slot);
    }
  }

  /** Takes the largest of up to eight sampled outputs: what an exchange would pay a batch of withdrawals from. */
  private void selectLargest() {
    SpendableOutputPool pool = nonEmptyPool();
    int best = random.nextInt(pool.size());
    for (int i = 1; i < 8 && i < pool.size(); i++) {
      int candidate = random.nextInt(pool.size());
      if (pool.value(candidate) > pool.value(best)) {
        best = candidate;
      }
    }
    selected.count = 1;
    pool.take(best, selected, 0);
  }

  private SpendableOutputPool nonEmptyPool() {
    return older.size() > 0 ? older : previousBlock.size() > 0 ? previousBlock : currentBlock;
  }

  /**
   * Fills the values of a payment: up to {@code outputs - 1} payments of typical amounts, then the change at a random
   * position (its index goes to {@link #lastChangeAt}, -1 if none). Payments that do not fit are dropped; if not even
   * the first fits, it takes 5–95% of what there is. Change below the dust threshold is left to the fee, as wallets do.
   * Returns the number of outputs.
   */
  private int payments(long spendable, int outputs) {
    long remaining = spendable;
    int paid = 0;
    while (paid < outputs - 1) {
      long pay = paymentAmount();
      if (pay > remaining - DUST) {
        if (paid == 0) {
          pay = remaining / 100 * random.between(5, 95);
          outValues[paid++] = pay;
          remaining -= pay;
        }
        break;
      }
      outValues[paid++] = pay;
      remaining -= pay;
    }
    if (remaining < DUST) {
      lastChangeAt = -1;
      return paid;
    }
    lastChangeAt = random.nextInt(paid + 1);
    System.arraycopy(outValues, lastChangeAt, outValues, lastChangeAt + 1, paid - lastChangeAt);
    outValues[lastChangeAt] = remaining;
    return paid + 1;
  }

  /**
   * A payment amount: three significant digits at a decade from 10,000 to 999,000,000 base units (0.0001 to 9.99 coins),
   * evenly over the decades; 30% get further random digits, like amounts converted from another currency.
   */
  private long paymentAmount() {
    long unit = POWERS_OF_TEN[random.between(2, 6)];
    long amount = random.between(100, 999) * unit;
    if (random.nextInt(10) < 3) {
      amount += random.nextLong(unit);
    }
    return amount;
  }

  /** Splits {@code spendable} exactly: each output gets half to all of an equal share, the last what is left. */
  private void split(long spendable, int outputs) {
    long share = spendable / outputs;
    long sum = 0;
    for (int i = 0; i < outputs - 1; i++) {
      long v = Math.max(1, share / 2 + random.nextLong(share / 2 + 1));
      outValues[i] = v;
      sum += v;
    }
    outValues[outputs - 1] = spendable - sum;
  }

  private void assignKinds(int outputs, int changeAt) {
    OutputKind inputKind = selected.kind(0);
    for (int i = 0; i < outputs; i++) {
      outReuseSlot[i] = -1;
      if (i == changeAt && inputKind.walletKind()) {
        outKinds[i] = inputKind;
      } else if (hotPercent > 0 && hotScript != null && random.nextInt(100) < hotPercent) {
        outReuseSlot[i] = HOT_SLOT;
        outKinds[i] = hotKind;
      } else if (reuseCount > 0 && random.nextInt(10) == 0) {
        int slot = random.nextInt(reuseCount);
        outReuseSlot[i] = slot;
        outKinds[i] = reuseKinds[slot];
      } else {
        outKinds[i] = drawTable[random.nextInt(drawTable.length)];
      }
    }
  }

  private void writeTransaction(ByteSink out, int outputs, boolean witness, byte[] txids, byte[] wtxids, int index) {
    int start = out.size();
    out.writeUint32(random.nextInt(5) == 0 ? 1 : 2);
    if (witness) {
      out.writeByte(0); // BIP144 marker
      out.writeByte(1); // flag
    }
    int bodyStart = out.size();
    // a third of wallets lock to the current tip against fee sniping, as Bitcoin Core does
    long lockTime = random.nextInt(3) == 0 ? height - 1 : 0;
    long sequence =
        lockTime != 0
            ? (random.nextInt(2) == 0 ? SEQUENCE_RBF : SEQUENCE_NO_RBF)
            : (random.nextInt(10) < 7 ? SEQUENCE_FINAL : SEQUENCE_RBF);
    out.writeVarInt(selected.count);
    for (int i = 0; i < selected.count; i++) {
      int at = out.reserve(32);
      System.arraycopy(selected.txids, i * 32, out.array(), at, 32);
      out.writeUint32(selected.vouts[i] & 0xffffffffL);
      scripts.scriptSig(selected.kind(i), out);
      out.writeUint32(sequence);
    }
    out.writeVarInt(outputs);
    for (int i = 0; i < outputs; i++) {
      out.writeInt64(outValues[i]);
      outScriptAt[i] = out.size();
      int slot = outReuseSlot[i];
      if (slot == HOT_SLOT) {
        out.writeBytes(hotScript, 0, hotScript.length);
      } else if (slot >= 0) {
        int base = slot * REUSE_SLOT_BYTES;
        out.writeBytes(reuseScripts, base, 1 + (reuseScripts[base] & 0xff));
      } else {
        scripts.outputScript(outKinds[i], out);
      }
    }
    int bodyEnd = out.size();
    if (witness) {
      for (int i = 0; i < selected.count; i++) {
        scripts.witness(selected.kind(i), out);
      }
    }
    int lockTimeAt = out.size();
    out.writeUint32(lockTime);
    serializer.txid(out.array(), start, bodyStart, bodyEnd, lockTimeAt, txids, index * 32);
    if (witness) {
      serializer.hash(out.array(), start, out.size() - start, wtxids, index * 32);
    } else {
      System.arraycopy(txids, index * 32, wtxids, index * 32, 32);
    }
  }

  /** Keeps some fresh scripts (length prefix included; all are under 128 bytes) for later address reuse. */
  private void remember(ByteSink out, int outputs) {
    for (int i = 0; i < outputs; i++) {
      if (outReuseSlot[i] != -1 || outKinds[i] == OutputKind.OP_RETURN || random.nextInt(16) != 0) {
        continue;
      }
      if (hotPercent > 0 && hotScript == null && outKinds[i].walletKind()) {
        int length = 1 + (out.array()[outScriptAt[i]] & 0xff);
        hotScript = java.util.Arrays.copyOfRange(out.array(), outScriptAt[i], outScriptAt[i] + length);
        hotKind = outKinds[i];
      }
      int slot = reuseCount < REUSE_SLOTS ? reuseCount++ : random.nextInt(REUSE_SLOTS);
      int length = 1 + (out.array()[outScriptAt[i]] & 0xff);
      System.arraycopy(out.array(), outScriptAt[i], reuseScripts, slot * REUSE_SLOT_BYTES, length);
      reuseKinds[slot] = outKinds[i];
    }
  }

  private void offerOutputs(byte[] txids, int index, int outputs) {
    for (int i = 0; i < outputs; i++) {
      if (outKinds[i] == OutputKind.OP_RETURN || outValues[i] < MIN_SPENDABLE_VALUE) {
        continue;
      }
      if (currentBlock.isFull()) {
        older.offer(txids, index * 32, i, outValues[i], outKinds[i].ordinal(), random);
      } else {
        currentBlock.offer(txids, index * 32, i, outValues[i], outKinds[i].ordinal(), random);
      }
    }
  }
}
