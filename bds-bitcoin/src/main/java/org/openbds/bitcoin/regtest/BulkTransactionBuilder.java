package org.openbds.bitcoin.regtest;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.bitcoin.codec.DoubleSha256;
import org.openbds.bitcoin.codec.TxInput;
import org.openbds.bitcoin.codec.TxOutput;
import org.openbds.bitcoin.generate.BlockSerializer;
import org.openbds.bitcoin.generate.SerializedTransaction;

/**
 * Builds blocks' worth of valid transactions that spend {@link SpendableOutput}s without signatures. Every output it
 * creates is locked by a script of its own ({@code <nonce> OP_DROP OP_TRUE}), mostly as P2WSH and one in five as
 * P2SH, so every output has a different address. Shapes: 1 input to 2 outputs (55 %), 2 inputs to 1 (35 %), a payment
 * with an OP_RETURN output (8 %), and 1 input to 10–50 outputs (2 %); an input too small for its shape takes more
 * inputs. Each transaction pays a fee of 200–900 satoshis; amounts are exact longs.
 *
 * <p>Outputs are spent oldest first, and a transaction may spend an output of an earlier one in the same block. A
 * build does not change what is spendable until it is {@link #accept accepted}, so a block the node rejects leaves the
 * builder as it was. The same seed and the same spendable outputs give the same transactions, byte for byte. Not
 * thread-safe.
 */
final class BulkTransactionBuilder {
  /** Consensus limit on a block's weight. */
  static final long MAX_BLOCK_WEIGHT = 4_000_000;
  /** Weight the transactions may take: the rest is for the header, the transaction count and the coinbase. */
  static final long TRANSACTION_WEIGHT_BUDGET = MAX_BLOCK_WEIGHT - 8_000;
  static final long MIN_OUTPUT_VALUE = 1_000;
  static final long MIN_FEE = 200;
  static final long MAX_FEE = 900;
  static final int MIN_FAN_OUT = 10;
  static final int MAX_FAN_OUT = 50;

  private static final int VERSION = 2;
  private static final int P2SH_ONE_IN = 5;

  private enum Shape {
    SPLIT,
    MERGE,
    DATA,
    FAN_OUT
  }

  private final Random random;
  private final long nonceSalt;
  private long nonceCounter;
  private final BlockSerializer serializer = new BlockSerializer();
  private final DoubleSha256 sha = new DoubleSha256();
  private List<SpendableOutput> spendable = List.of();

  BulkTransactionBuilder(long seed) {
    this.random = new Random(seed);
    this.nonceSalt = mix(seed);
  }

  /** Makes an output (a matured coinbase, say) available to the next build. */
  void addSpendable(SpendableOutput output) {
    requireNonNull(output, "output is null");
    List<SpendableOutput> more = new ArrayList<>(spendable);
    more.add(output);
    spendable = List.copyOf(more);
  }

  int spendableCount() {
    return spendable.size();
  }

  long spendableValue() {
    return spendable.stream().mapToLong(SpendableOutput::value).sum();
  }

  /**
   * {@code count} transactions in block order. Fails with {@link ErrorCode#INVALID_ARGUMENT} when they would not fit
   * in a block or the spendable outputs run out.
   */
  BulkTransactions build(int count) {
    if (count < 0) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a block cannot have " + count + " transactions");
    }
    ArrayDeque<SpendableOutput> pool = new ArrayDeque<>(spendable);
    List<SerializedTransaction> transactions = new ArrayList<>(count);
    long weight = 0;
    for (int i = 0; i < count; i++) {
      WeighedTransaction tx = buildOne(pickShape(), pool);
      weight += tx.weight();
      if (weight > TRANSACTION_WEIGHT_BUDGET) {
        throw new BdsException(
            ErrorCode.INVALID_ARGUMENT,
            count + " transactions do not fit in a block: the first " + (i + 1) + " already weigh " + weight + " of " + MAX_BLOCK_WEIGHT);
      }
      transactions.add(tx.transaction());
    }
    return new BulkTransactions(transactions, weight, List.copyOf(pool));
  }

  /** Takes a build's outputs as the spendable ones (its block is on the chain). */
  void accept(BulkTransactions built) {
    spendable = built.spendableAfter();
  }

  private Shape pickShape() {
    int p = random.nextInt(100);
    if (p < 55) {
      return Shape.SPLIT;
    }
    if (p < 90) {
      return Shape.MERGE;
    }
    return p < 98 ? Shape.DATA : Shape.FAN_OUT;
  }

  private WeighedTransaction buildOne(Shape shape, ArrayDeque<SpendableOutput> pool) {
    int payments =
        switch (shape) {
          case SPLIT -> 2;
          case MERGE, DATA -> 1;
          case FAN_OUT -> random.nextInt(MIN_FAN_OUT, MAX_FAN_OUT + 1);
        };
    int wantedInputs = shape == Shape.MERGE ? 2 : 1;
    long fee = random.nextLong(MIN_FEE, MAX_FEE + 1);
    List<TxInput> inputs = new ArrayList<>();
    long in = 0;
    // a merge with a single output left in the pool spends just that one
    while (in - fee < payments * MIN_OUTPUT_VALUE || (inputs.size() < wantedInputs && !pool.isEmpty())) {
      SpendableOutput next = pool.pollFirst();
      if (next == null) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no spendable outputs left to build transactions from");
      }
      inputs.add(next.spendingInput());
      in += next.value();
    }
    long[] values = split(in - fee, payments);
    List<TxOutput> outputs = new ArrayList<>(payments + 1);
    if (shape == Shape.DATA) {
      byte[] data = new byte[random.nextInt(4, 41)];
      random.nextBytes(data);
      outputs.add(new TxOutput(0, AnyoneCanSpend.opReturn(data)));
    }
    List<SpendableOutput.Lock> locks = new ArrayList<>(payments);
    List<byte[]> scripts = new ArrayList<>(payments);
    for (long value : values) {
      SpendableOutput.Lock lock = random.nextInt(P2SH_ONE_IN) == 0 ? SpendableOutput.Lock.P2SH : SpendableOutput.Lock.P2WSH;
      byte[] script = AnyoneCanSpend.nonceScript(nextNonce());
      byte[] locking = lock == SpendableOutput.Lock.P2WSH ? AnyoneCanSpend.p2wsh(script, sha) : AnyoneCanSpend.p2sh(script);
      outputs.add(new TxOutput(value, locking));
      locks.add(lock);
      scripts.add(script);
    }
    SerializedTransaction tx = serializer.serializeTransaction(VERSION, inputs, outputs, 0);
    int first = outputs.size() - payments;
    for (int i = 0; i < payments; i++) {
      pool.addLast(new SpendableOutput(tx.txid(), first + i, values[i], locks.get(i), scripts.get(i)));
    }
    return new WeighedTransaction(tx, weight(tx, inputs));
  }

  private record WeighedTransaction(SerializedTransaction transaction, long weight) {}

  /** {@code total} split into {@code parts} values of at least {@link #MIN_OUTPUT_VALUE}; two parts at random. */
  private long[] split(long total, int parts) {
    long[] values = new long[parts];
    if (parts == 2) {
      values[0] = random.nextLong(MIN_OUTPUT_VALUE, total - MIN_OUTPUT_VALUE + 1);
      values[1] = total - values[0];
      return values;
    }
    long each = total / parts;
    for (int i = 0; i < parts; i++) {
      values[i] = each;
    }
    values[parts - 1] += total - each * parts;
    return values;
  }

  /**
   * BIP141 weight of a transaction with these inputs: the size without marker, flag and witness stacks counts four
   * times, witness data once.
   */
  static long weight(SerializedTransaction tx, List<TxInput> inputs) {
    int witnessBytes = 0;
    if (tx.hasWitness()) {
      witnessBytes = 2;
      for (TxInput in : inputs) {
        witnessBytes += in.witness() == null ? 1 : in.witness().length;
      }
    }
    return 3L * (tx.bytes().length - witnessBytes) + tx.bytes().length;
  }

  /** A different nonce each call: SplitMix64's finalizer is a bijection, so distinct counters give distinct nonces. */
  private long nextNonce() {
    return mix(nonceSalt + nonceCounter++);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
