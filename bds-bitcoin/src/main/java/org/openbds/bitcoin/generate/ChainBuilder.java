package org.openbds.bitcoin.generate;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/**
 * One run of the {@link SyntheticChainGenerator}: builds block after block (transactions, coinbase, header) in
 * reusable buffers and hands each to the {@link BlockFileWriter}. Not thread-safe; use once.
 */
final class ChainBuilder {
  private static final int MINER_SCRIPTS = 8;
  private static final OutputKind[] SEGWIT_MINERS = {
    OutputKind.P2WPKH, OutputKind.P2WPKH, OutputKind.P2PKH, OutputKind.P2SH_P2WPKH,
    OutputKind.P2WPKH, OutputKind.P2PKH, OutputKind.P2TR, OutputKind.P2WPKH
  };
  private static final OutputKind[] LEGACY_MINERS = {
    OutputKind.P2PKH, OutputKind.P2PKH, OutputKind.P2PKH, OutputKind.P2SH_MULTISIG,
    OutputKind.P2PKH, OutputKind.P2PKH, OutputKind.P2PKH, OutputKind.P2PKH
  };
  private static final byte[] WITNESS_RESERVED_VALUE = new byte[32];
  private static final int MAX_PAYOUTS = 2;

  private final GeneratorConfig config;
  private final BlockFileWriter writer;
  private final byte[] tag;
  private final SeededRandom random;
  private final BlockSerializer serializer = new BlockSerializer();
  private final RunningTally tally = new RunningTally();
  private final TransactionGenerator transactions;
  private final ScriptWriter scripts;

  private final ByteSink body = new ByteSink(1 << 20);
  private final ByteSink coinbase = new ByteSink(512);
  private final ByteSink block = new ByteSink(1 << 20);
  private byte[] txids = new byte[0];
  private byte[] wtxids = new byte[0];
  private final byte[] previousHash = new byte[32];
  private final byte[] merkleRoot = new byte[32];
  private final byte[] witnessRoot = new byte[32];
  private final byte[][] minerScripts = new byte[MINER_SCRIPTS][];
  private final OutputKind[] minerKinds;

  /** Coinbase payouts waiting for maturity, by height modulo the maturity. */
  private final byte[] immatureTxids = new byte[SyntheticChainGenerator.COINBASE_MATURITY * 32];
  private final long[] immatureValues = new long[SyntheticChainGenerator.COINBASE_MATURITY * MAX_PAYOUTS];
  private final OutputKind[] immatureKinds = new OutputKind[SyntheticChainGenerator.COINBASE_MATURITY * MAX_PAYOUTS];
  private final int[] immatureCounts = new int[SyntheticChainGenerator.COINBASE_MATURITY];

  private long time;
  private Hash32 genesisHash;
  private Hash32 tipHash;

  ChainBuilder(GeneratorConfig config, BlockFileWriter writer, byte[] tag) {
    this.config = requireNonNull(config, "config is null");
    this.writer = requireNonNull(writer, "writer is null");
    this.tag = requireNonNull(tag, "tag is null").clone();
    this.random = new SeededRandom(config.seed());
    this.scripts = new ScriptWriter(random);
    this.transactions = new TransactionGenerator(random, serializer, tally, config.segwit(), config.spendablePoolSize(), config.hotAddressPercent());
    this.minerKinds = config.segwit() ? SEGWIT_MINERS : LEGACY_MINERS;
    ByteSink s = new ByteSink(128);
    for (int i = 0; i < MINER_SCRIPTS; i++) {
      s.reset();
      scripts.outputScript(minerKinds[i], s);
      minerScripts[i] = s.toByteArray();
    }
  }

  void run() {
    long written = 0;
    int average = config.averageTransactionsPerBlock();
    for (long height = 0; written < config.targetTransactions(); height++) {
      long remaining = config.targetTransactions() - written;
      int size = height == 0 ? 1 : random.between(Math.max(1, average / 2), Math.max(1, average * 3 / 2));
      written += buildBlock(height, (int) Math.min(size, remaining));
    }
  }

  GeneratorTally tally(int blockFiles) {
    return tally.toTally(genesisHash, tipHash, blockFiles);
  }

  /** Builds and stores one block of at most {@code size} transactions; returns how many it got. */
  private int buildBlock(long height, int size) {
    releaseMatured(height);
    transactions.startBlock(height);
    body.reset();
    if (txids.length < size * 32) {
      txids = new byte[size * 32];
      wtxids = new byte[size * 32];
    }
    int count = 1;
    boolean witness = false;
    while (count < size && transactions.write(body, txids, wtxids, count)) {
      witness |= transactions.lastHadWitness();
      count++;
    }
    if (witness) {
      Arrays.fill(wtxids, 0, 32, (byte) 0); // the coinbase's wtxid counts as zero
      serializer.merkleRoot(wtxids, count, witnessRoot, 0);
    }
    writeCoinbase(height, witness);
    serializer.merkleRoot(txids, count, merkleRoot, 0);

    block.reset();
    int headerAt = block.reserve(BlockSerializer.HEADER_SIZE);
    block.writeVarInt(count);
    block.writeBytes(coinbase.array(), 0, coinbase.size());
    block.writeBytes(body.array(), 0, body.size());
    time = height == 0 ? SyntheticChainGenerator.GENESIS_TIME : time + random.between(150, 600);
    if (time > 0xffffffffL) {
      throw new BdsException(
          ErrorCode.INVALID_CONFIG, "the chain outruns 32-bit block times at height " + height + "; use bigger blocks");
    }
    BlockSerializer.writeHeader(
        block.array(), headerAt, SyntheticChainGenerator.BLOCK_VERSION, previousHash, merkleRoot, time,
        SyntheticChainGenerator.BITS, random.nextLong() & 0xffffffffL);
    serializer.hash(block.array(), headerAt, BlockSerializer.HEADER_SIZE, previousHash, 0);
    tipHash = Hash32.fromWireOrder(previousHash, 0);
    if (height == 0) {
      genesisHash = tipHash;
    }
    writer.write(block.array(), block.size());
    transactions.endBlock();
    tally.blocks++;
    return count;
  }

  /** Writes the coinbase into its buffer and its txid into slot 0; queues its payouts for maturity. */
  private void writeCoinbase(long height, boolean witness) {
    long subsidy = SyntheticChainGenerator.subsidy(height);
    long value = subsidy + transactions.blockFees();
    int payouts = height > 0 && value >= 2 * TransactionGenerator.MIN_SPENDABLE_VALUE && random.nextInt(5) == 0 ? 2 : 1;
    int miner = random.nextInt(MINER_SCRIPTS);
    long[] values = new long[payouts];
    values[0] = value;
    if (payouts == 2) {
      values[1] = value / 100 * random.between(1, 10); // a second party's share
      values[0] = value - values[1];
    }

    ByteSink out = coinbase;
    out.reset();
    out.writeUint32(2);
    if (witness) {
      out.writeByte(0);
      out.writeByte(1);
    }
    int bodyStart = out.size();
    out.writeVarInt(1);
    out.reserve(32); // zero previous txid (the buffer may hold stale bytes: clear them)
    Arrays.fill(out.array(), bodyStart + 1, bodyStart + 33, (byte) 0);
    out.writeUint32(0xffffffffL);
    scripts.coinbaseScriptSig(height, tag, out);
    out.writeUint32(0xffffffffL);
    out.writeVarInt(payouts + (witness ? 1 : 0));
    for (int i = 0; i < payouts; i++) {
      out.writeInt64(values[i]);
      out.writeBytes(minerScripts[(miner + i) % MINER_SCRIPTS]);
    }
    if (witness) {
      out.writeInt64(0);
      out.writeByte(BlockSerializer.WITNESS_COMMITMENT_SCRIPT_SIZE);
      int at = out.reserve(BlockSerializer.WITNESS_COMMITMENT_SCRIPT_SIZE);
      serializer.writeWitnessCommitmentScript(witnessRoot, 0, WITNESS_RESERVED_VALUE, out.array(), at);
    }
    int bodyEnd = out.size();
    if (witness) {
      out.writeByte(1);
      out.writeByte(32);
      out.writeBytes(WITNESS_RESERVED_VALUE);
    }
    int lockTimeAt = out.size();
    out.writeUint32(0);
    serializer.txid(out.array(), 0, bodyStart, bodyEnd, lockTimeAt, txids, 0);

    tally.transactions++;
    tally.coinbaseInputs++;
    tally.totalSubsidy += subsidy;
    if (witness) {
      tally.segwitTransactions++;
    }
    for (int i = 0; i < payouts; i++) {
      tally.output(minerKinds[(miner + i) % MINER_SCRIPTS], values[i]);
    }
    if (witness) {
      tally.output(OutputKind.OP_RETURN, 0);
    }
    if (height > 0) {
      int slot = (int) (height % SyntheticChainGenerator.COINBASE_MATURITY);
      System.arraycopy(txids, 0, immatureTxids, slot * 32, 32);
      immatureCounts[slot] = payouts;
      for (int i = 0; i < payouts; i++) {
        immatureValues[slot * MAX_PAYOUTS + i] = values[i];
        immatureKinds[slot * MAX_PAYOUTS + i] = minerKinds[(miner + i) % MINER_SCRIPTS];
      }
    }
  }

  /** Before building {@code height}, the coinbase of {@code height - 100} becomes spendable (genesis's never does). */
  private void releaseMatured(long height) {
    long from = height - SyntheticChainGenerator.COINBASE_MATURITY;
    if (from < 1) {
      return;
    }
    int slot = (int) (from % SyntheticChainGenerator.COINBASE_MATURITY);
    for (int i = 0; i < immatureCounts[slot]; i++) {
      transactions.offerMatured(
          immatureTxids, slot * 32, i, immatureValues[slot * MAX_PAYOUTS + i], immatureKinds[slot * MAX_PAYOUTS + i]);
    }
    immatureCounts[slot] = 0;
  }
}
