package org.openbds.bitcoin.rpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.PrefetchingBlockStream;
import org.openbds.api.RetryPolicy;
import org.openbds.api.SourceBlock;

/**
 * The best chain of a Bitcoin-Core-compatible node, block by block: hashes by height ({@code getblockhash}, batched)
 * and raw blocks ({@code getblock <hash> 0}, batched), decoded later by our codec. Up to
 * {@link NodeSettings#concurrency()} batches are in flight; each batch holds as many blocks as fit in about
 * {@value #TARGET_BATCH_BYTES} bytes, judged by the blocks fetched so far. Retryable failures are retried as the
 * settings' {@link RetryPolicy} says. New blocks are awaited with the node's {@code waitforblockheight} (falling back
 * to polling where a node lacks it).
 */
public final class BitcoinRpcBlockSource implements NodeSource {
  static final int TARGET_BATCH_BYTES = 8 << 20;
  static final int MAX_BATCH_BLOCKS = 500;
  /** JSON-RPC "method not found". */
  private static final int RPC_METHOD_NOT_FOUND = -32601;
  private static final long POLL_MILLIS = 100;

  private final BitcoinRpcClient rpc;
  private final RetryPolicy retry;
  private final int concurrency;
  private final ExecutorService fetchers;
  private final String endpoint;
  private volatile boolean waitSupported = true;
  /** Mean size of the blocks fetched so far, to size the next batches. */
  private volatile long meanBlockBytes = 1 << 20;

  BitcoinRpcBlockSource(BitcoinRpcClient rpc, RetryPolicy retry, int concurrency) {
    this.rpc = requireNonNull(rpc, "rpc is null");
    this.retry = requireNonNull(retry, "retry is null");
    this.concurrency = concurrency;
    this.endpoint = rpc.endpoint().toString();
    AtomicInteger n = new AtomicInteger();
    this.fetchers =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "rpc-fetch-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  public static BitcoinRpcBlockSource open(NodeSettings settings) {
    settings.requireOnlyOptions("bitcoin", java.util.Set.of());
    BitcoinRpcClient rpc = BitcoinRpcClient.fromUrl(settings.url(), settings.cookieFile(), settings.timeout());
    return new BitcoinRpcBlockSource(rpc, settings.retry(), settings.concurrency());
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  @Override
  public long tipHeight() {
    return retry.call("getblockcount at " + endpoint, rpc::blockCount);
  }

  @Override
  public Optional<Hash32> hashAt(long height) {
    return retry.call("getblockhash " + height + " at " + endpoint, () -> rpc.blockHash(height));
  }

  @Override
  public long awaitNewTip(BlockRef known, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long knownHeight = known == null ? -1 : known.height();
    if (waitSupported) {
      try {
        // returns at once when the node is already past the known height; never misses a block mined meanwhile
        JsonNode r = retry.call("waitforblockheight at " + endpoint, () -> rpc.call("waitforblockheight", knownHeight + 1, Math.max(1, timeout.toMillis())));
        if (r.path("height").canConvertToLong()) {
          return r.get("height").asLong();
        }
        throw new BdsException(ErrorCode.MALFORMED_RESPONSE, "waitforblockheight: malformed answer from the node: " + r);
      } catch (BitcoinRpcClient.RpcError e) {
        if (e.rpcCode() != RPC_METHOD_NOT_FOUND) {
          throw e;
        }
        waitSupported = false;
      }
    }
    while (true) {
      long tip = tipHeight();
      if (tip > knownHeight || System.nanoTime() >= deadline) {
        return tip;
      }
      if (known != null && !hashAt(known.height()).equals(Optional.of(known.hash()))) {
        return tip;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return tip;
      }
    }
  }

  @Override
  public BlockStream blocks(long from, long to) {
    return new PrefetchingBlockStream(fetchers, concurrency, from, to, this::batchBlocks, this::fetch, endpoint);
  }

  /** Fetches the blocks at {@code from}, {@code from + 1}, … ({@code count} of them); fewer when the node has fewer. */
  List<SourceBlock> fetch(long from, int count) {
    List<Hash32> hashes = retry.call("getblockhash from " + from + " at " + endpoint, () -> rpc.blockHashes(from, count));
    if (hashes.isEmpty()) {
      return List.of();
    }
    List<byte[]> raw = retry.call("getblock from " + from + " at " + endpoint, () -> rpc.rawBlocks(hashes));
    List<SourceBlock> blocks = new ArrayList<>(raw.size());
    long bytes = 0;
    for (int i = 0; i < raw.size(); i++) {
      byte[] payload = raw.get(i);
      long height = from + i;
      String origin = endpoint + " block " + height;
      if (payload.length < 80) {
        throw new BdsException(ErrorCode.MALFORMED_RESPONSE, origin + ": getblock answered " + payload.length + " bytes, less than a header");
      }
      Hash32 parent = Hash32.fromWireOrder(payload, 4);
      blocks.add(new SourceBlock(height, hashes.get(i), parent, payload, origin));
      bytes += payload.length;
    }
    meanBlockBytes = Math.max(1, (meanBlockBytes + bytes / raw.size()) / 2);
    return blocks;
  }

  private int batchBlocks() {
    return (int) Math.max(1, Math.min(MAX_BATCH_BLOCKS, TARGET_BATCH_BYTES / meanBlockBytes));
  }

  @Override
  public void close() {
    fetchers.shutdownNow();
  }
}
