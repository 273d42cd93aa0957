package org.openbds.bitcoin.regtest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;
import org.openbds.bitcoin.codec.BitcoinTransaction;
import org.openbds.bitcoin.codec.DoubleSha256;
import org.openbds.bitcoin.codec.TxOutput;
import org.openbds.bitcoin.generate.SerializedTransaction;
import org.openbds.bitcoin.profile.ChainProfiles;

/**
 * Fills a {@link RegtestNode}'s chain with large blocks fast, without a wallet, for crash tests and benchmarks. At the
 * start it mines {@value #SETUP_BLOCKS} blocks whose coinbases pay the P2WSH of {@code OP_TRUE}, so that the first
 * {@value #SPENDABLE_COINBASES} are mature; their 1,000 LTC pay the fees of millions of transactions. Each
 * {@link #buildBlock(int)} then builds transactions in Java ({@link BulkTransactionBuilder}: no signatures, every output
 * a different anyone-can-spend script) and has the node mine them with {@code generateblock}, which checks consensus
 * rules only, not mempool policy. Later coinbases pay the same address but are not spent.
 *
 * <p>Refuses to pass the {@link HeightLimit}. Not thread-safe.
 */
public final class BulkChainBuilder {
  /** Blocks after which a coinbase can be spent. */
  static final int COINBASE_MATURITY = 100;
  static final int SPENDABLE_COINBASES = 20;
  static final int SETUP_BLOCKS = COINBASE_MATURITY + SPENDABLE_COINBASES;

  private final RegtestNode node;
  private final HeightLimit limit;
  private final String coinbaseAddress;
  private final BulkTransactionBuilder builder;
  private int blocks;
  private long transactions;

  private BulkChainBuilder(RegtestNode node, HeightLimit limit, String coinbaseAddress, BulkTransactionBuilder builder) {
    this.node = node;
    this.limit = limit;
    this.coinbaseAddress = coinbaseAddress;
    this.builder = builder;
  }

  /** {@link #start(RegtestNode, long, HeightLimit)} with the default height limit. */
  public static BulkChainBuilder start(RegtestNode node, long seed) {
    return start(node, seed, HeightLimit.DEFAULT);
  }

  /**
   * Mines the {@value #SETUP_BLOCKS} set-up blocks and takes their first {@value #SPENDABLE_COINBASES} coinbases as
   * spendable. The node's chain may already have blocks. {@code seed} fixes every choice of the transactions built.
   */
  public static BulkChainBuilder start(RegtestNode node, long seed, HeightLimit limit) {
    requireNonNull(node, "node is null");
    requireNonNull(limit, "limit is null");
    long tip = node.rpc().blockCount();
    limit.checkRoom(tip, SETUP_BLOCKS, "setting up the bulk chain builder");
    String address = AnyoneCanSpend.trueAddress(ChainProfiles.load("ltc").network("regtest"));
    byte[] coinbaseScript = AnyoneCanSpend.p2wsh(AnyoneCanSpend.TRUE_SCRIPT, new DoubleSha256());
    List<Hash32> hashes = new ArrayList<>();
    for (JsonNode hash : node.call("generatetoaddress", SETUP_BLOCKS, address)) {
      hashes.add(Hash32.parse(hash.asText()));
    }
    // the first coinbases are mature for the next block: one at height h can be spent from height h + 100 on
    List<byte[]> raw = node.rpc().rawBlocks(hashes.subList(0, SPENDABLE_COINBASES));
    BulkTransactionBuilder builder = new BulkTransactionBuilder(seed);
    BitcoinBlockCodec codec = new BitcoinBlockCodec(true);
    for (int i = 0; i < raw.size(); i++) {
      BitcoinBlock block = codec.decodeBlock(raw.get(i), tip + 1 + i, "generatetoaddress");
      BitcoinTransaction coinbase = block.transactions().get(0);
      builder.addSpendable(coinbaseOutput(coinbase, coinbaseScript));
    }
    return new BulkChainBuilder(node, limit, address, builder);
  }

  /** The address the coinbases pay to: the P2WSH of {@code OP_TRUE}. */
  public String coinbaseAddress() {
    return coinbaseAddress;
  }

  /**
   * Builds {@code transactionCount} transactions and has the node mine them as the next block. Fails with
   * {@link ErrorCode#INVALID_ARGUMENT} past the height limit or when they would not fit in a block (about 5,500 do),
   * and with {@link ErrorCode#NODE_ERROR} when the node rejects the block; the builder is unchanged by a failure.
   */
  public BulkBlock buildBlock(int transactionCount) {
    long tip = node.rpc().blockCount();
    limit.checkRoom(tip, 1, "a bulk block");
    BulkTransactions built = builder.build(transactionCount);
    HexFormat hex = HexFormat.of();
    List<String> rawTransactions = new ArrayList<>(built.transactions().size());
    for (SerializedTransaction tx : built.transactions()) {
      rawTransactions.add(hex.formatHex(tx.bytes()));
    }
    JsonNode mined = node.call("generateblock", coinbaseAddress, rawTransactions);
    builder.accept(built);
    blocks++;
    transactions += transactionCount;
    return new BulkBlock(Hash32.parse(mined.get("hash").asText()), tip + 1, transactionCount, built.weight());
  }

  public BulkTally tally() {
    return new BulkTally(blocks, transactions);
  }

  /** How many outputs the next block can spend, and their value in satoshis: for a benchmark's report. */
  public int spendableOutputs() {
    return builder.spendableCount();
  }

  public long spendableValue() {
    return builder.spendableValue();
  }

  private static SpendableOutput coinbaseOutput(BitcoinTransaction coinbase, byte[] script) {
    List<TxOutput> outputs = coinbase.outputs();
    for (int vout = 0; vout < outputs.size(); vout++) {
      if (Arrays.equals(outputs.get(vout).script(), script)) {
        return new SpendableOutput(coinbase.txid(), vout, outputs.get(vout).value(), SpendableOutput.Lock.P2WSH, AnyoneCanSpend.TRUE_SCRIPT);
      }
    }
    throw new BdsException(ErrorCode.MALFORMED_BLOCK, "coinbase " + coinbase.txid() + " does not pay the OP_TRUE address");
  }
}
