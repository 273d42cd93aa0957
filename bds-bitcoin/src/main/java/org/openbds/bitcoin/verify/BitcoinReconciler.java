package org.openbds.bitcoin.verify;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.NodeSettings;
import org.openbds.api.Reconciler;
import org.openbds.api.ReconciliationCheck;
import org.openbds.api.RetryPolicy;
import org.openbds.api.Warehouse;
import org.openbds.bitcoin.profile.SubsidySchedule;
import org.openbds.bitcoin.rpc.BitcoinRpcClient;

/**
 * Reconciles a Bitcoin-family chain in the warehouse with a Bitcoin-Core-compatible node. The checks, in this order:
 *
 * <ol>
 *   <li>{@code tip.hash}: the warehouse's checkpoint is the node's block at that height;
 *   <li>{@code getblockstats.<field>}: every block of the range, the node's statistics against figures derived from
 *       the {@code blocks} and {@code transactions} tables (the genesis block is left out: the node has no undo data
 *       for it and refuses);
 *   <li>{@code gettxoutsetinfo.txouts} and {@code .total_amount}: the node's UTXO set against the warehouse's
 *       unspent outputs, when both are at the same block;
 *   <li>{@code rows.transactions}, {@code rows.tx_inputs}, {@code rows.tx_outputs}, {@code rows.heights}: the
 *       warehouse's own row counts and keys.
 * </ol>
 *
 * Reads the warehouse only through {@link Warehouse#query}, on the calling thread; node calls run on up to
 * {@link NodeSettings#concurrency()} threads of its own, retried as the settings' {@link RetryPolicy} says.
 */
public final class BitcoinReconciler implements Reconciler {
  public static final int DEFAULT_BLOCKS_PER_BATCH = 50;
  public static final int DEFAULT_BLOCKS_PER_CHUNK = 5_000;

  private final BitcoinRpcClient client;
  private final RetryPolicy retry;
  private final int concurrency;
  private final int blocksPerBatch;
  private final int blocksPerChunk;
  private final Optional<SubsidySchedule> subsidy;

  /**
   * @param blocksPerBatch {@code getblockstats} calls per JSON-RPC batch
   * @param blocksPerChunk heights compared per round (one set of warehouse queries, one progress note)
   */
  public BitcoinReconciler(BitcoinRpcClient client, RetryPolicy retry, int concurrency, int blocksPerBatch, int blocksPerChunk) {
    this(client, retry, concurrency, blocksPerBatch, blocksPerChunk, Optional.empty());
  }

  /** @param subsidy the network's subsidy schedule, which getblockstats' subsidy is checked against when known */
  public BitcoinReconciler(
      BitcoinRpcClient client, RetryPolicy retry, int concurrency, int blocksPerBatch, int blocksPerChunk, Optional<SubsidySchedule> subsidy) {
    this.subsidy = requireNonNull(subsidy, "subsidy is null");
    this.client = requireNonNull(client, "client is null");
    this.retry = requireNonNull(retry, "retry is null");
    if (concurrency < 1 || blocksPerBatch < 1 || blocksPerChunk < 1) {
      throw new IllegalArgumentException(
          "concurrency, batch and chunk sizes must be positive, got " + concurrency + ", " + blocksPerBatch + ", "
              + blocksPerChunk);
    }
    this.concurrency = concurrency;
    this.blocksPerBatch = blocksPerBatch;
    this.blocksPerChunk = blocksPerChunk;
  }

  /**
   * A reconciler for the node {@code settings} name, with the default batch and chunk sizes.
   *
   * @throws BdsException {@link ErrorCode#INVALID_ARGUMENT} for a malformed URL, {@link ErrorCode#INVALID_CONFIG} for
   *     unreadable credentials
   */
  public static BitcoinReconciler open(NodeSettings settings, Optional<SubsidySchedule> subsidy) {
    BitcoinRpcClient client = BitcoinRpcClient.fromUrl(settings.url(), settings.cookieFile(), settings.timeout());
    return new BitcoinReconciler(
        client, settings.retry(), settings.concurrency(), DEFAULT_BLOCKS_PER_BATCH, DEFAULT_BLOCKS_PER_CHUNK, subsidy);
  }

  @Override
  public List<ReconciliationCheck> reconcile(
      Warehouse warehouse, ChainId chain, long fromHeight, long toHeight, Consumer<String> progress) {
    requireNonNull(warehouse, "warehouse is null");
    requireNonNull(chain, "chain is null");
    requireNonNull(progress, "progress is null");
    if (warehouse.network(chain).isEmpty()) {
      throw new BdsException(ErrorCode.UNKNOWN_CHAIN, "the warehouse holds no chain " + chain);
    }
    BlockRef tip =
        warehouse
            .checkpoint(chain)
            .orElseThrow(() -> new BdsException(ErrorCode.INVALID_ARGUMENT, "the warehouse holds no " + chain + " blocks yet"));
    long firstHeight = firstHeight(warehouse, chain).orElse(tip.height());
    long from = Math.max(fromHeight, firstHeight);
    long to = Math.min(toHeight, tip.height());
    if (from > to) {
      throw new BdsException(
          ErrorCode.INVALID_ARGUMENT,
          "no blocks to verify in " + fromHeight + ".." + toHeight + ": the warehouse holds " + chain + " " + firstHeight
              + ".." + tip.height());
    }
    HeightRange range = new HeightRange(from, to);
    long nodeTip = retry.call("getblockcount", client::blockCount);
    List<ReconciliationCheck> checks = new ArrayList<>();
    checks.add(tipCheck(tip, nodeTip));
    ExecutorService nodeCalls = Executors.newFixedThreadPool(concurrency, BitcoinReconciler::daemon);
    try {
      BlockStatsChecks stats = new BlockStatsChecks(client, retry, nodeCalls, blocksPerBatch, blocksPerChunk);
      BlockFigureReader figures = new BlockFigureReader(warehouse, chain, subsidy);
      // the node keeps no undo data for the genesis block, so it has no statistics for it
      if (to >= 1) {
        checks.addAll(stats.run(figures, new HeightRange(Math.max(from, 1), to), nodeTip, progress));
      } else {
        checks.addAll(new BlockStatsTallies().results(range));
      }
    } finally {
      nodeCalls.shutdownNow();
    }
    checks.addAll(new UnspentSetChecks(client, retry).run(new WarehouseUnspentSet(warehouse, chain), tip, firstHeight, progress));
    checks.addAll(new RowChecks(warehouse, chain, blocksPerChunk).run(range, progress));
    return List.copyOf(checks);
  }

  private ReconciliationCheck tipCheck(BlockRef tip, long nodeTip) {
    String name = "tip.hash";
    String scope = "tip " + tip.height();
    Optional<Hash32> node = retry.call("getblockhash " + tip.height(), () -> client.blockHash(tip.height()));
    String where = "height " + tip.height() + ": ";
    String nodeTipNote = " (node tip " + nodeTip + ")";
    if (node.isEmpty()) {
      return new ReconciliationCheck(name, scope, 1, 1, where + "the node has no block there" + nodeTipNote);
    }
    if (!node.get().equals(tip.hash())) {
      return new ReconciliationCheck(name, scope, 1, 1, where + "node " + node.get() + ", warehouse " + tip.hash() + nodeTipNote);
    }
    return new ReconciliationCheck(name, scope, 1, 0, where + "both " + tip.hash() + nodeTipNote);
  }

  private static OptionalLong firstHeight(Warehouse warehouse, ChainId chain) {
    return SqlValues.optionalNumber(warehouse.query("SELECT MIN(height) FROM " + chain.value() + ".blocks").rows().get(0).get(0));
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "bds-verify-node");
    t.setDaemon(true);
    return t;
  }
}
