package org.openbds.xrp.rpc;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import org.openbds.xrp.rpc.CompleteLedgers.LedgerRange;

/**
 * The validated ledgers of a rippled server, one {@code ledger} request each (transactions expanded, with metadata),
 * up to {@link NodeSettings#concurrency()} in flight ahead of the reader. Only ledgers the network has validated are
 * ever delivered: the tip is the latest validated ledger, a stream stops there, and a ledger the server answers as not
 * validated is asked for again (a retryable {@link ErrorCode#NODE_LAGGING}) until it is. The payload of each
 * {@link SourceBlock} is the {@code result} object of the server's answer, exactly as it sent it (UTF-8 JSON).
 *
 * <p>A ledger the server does not hold is never skipped: when it lies above the server's complete history it is not
 * there yet ({@link ErrorCode#NODE_LAGGING}, retried); when it lies in a hole of that history the stream fails with a
 * {@link ErrorCode#NODE_ERROR} naming the missing ledgers. {@link #completeLedgers()} tells which ledgers a server
 * holds, to find another for a hole.
 *
 * <p>Validated ledgers are final, so there is no reorganization to follow; {@link #awaitNewTip} polls
 * {@code server_info}. Thread-safe.
 */
public final class RippledNodeSource implements NodeSource {
  private static final Duration POLL = Duration.ofMillis(100);
  /** The first ledger of mainnet's history: the ledgers before it were lost in 2013. */
  static final long MAINNET_HISTORY_START = 32_570;

  private final RippledClient rpc;
  private final RetryPolicy retry;
  private final int concurrency;
  private final ExecutorService fetchers;
  private final String endpoint;

  RippledNodeSource(RippledClient rpc, RetryPolicy retry, int concurrency) {
    this.rpc = requireNonNull(rpc, "rpc is null");
    this.retry = requireNonNull(retry, "retry is null");
    this.concurrency = concurrency;
    this.endpoint = rpc.endpoint();
    AtomicInteger n = new AtomicInteger();
    this.fetchers =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "xrp-fetch-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Opens a source for the server at {@code settings.url()}; rippled has no cookie file and this family no options. */
  public static RippledNodeSource open(NodeSettings settings) {
    settings.requireOnlyOptions("xrp", Set.of());
    if (settings.cookieFile().isPresent()) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "rippled has no cookie file: give credentials, if any, in the URL");
    }
    return new RippledNodeSource(RippledClient.fromUrl(settings.url(), settings.timeout(), settings.concurrency()), settings.retry(), settings.concurrency());
  }

  public RippledClient client() {
    return rpc;
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  /** The index of the latest validated ledger. */
  @Override
  public long tipHeight() {
    return validatedTip(serverInfo());
  }

  /** The ledgers the server holds complete, for finding holes in its history. */
  public CompleteLedgers completeLedgers() {
    return serverInfo().completeLedgers();
  }

  private RippledServerInfo serverInfo() {
    return retry.call("server_info at " + endpoint, rpc::serverInfo);
  }

  private long validatedTip(RippledServerInfo info) {
    return info.validatedLedger().orElseThrow(() -> new BdsException(ErrorCode.NODE_LAGGING,
        endpoint + " has no validated ledger yet (server_state " + (info.serverState().isEmpty() ? "unknown" : info.serverState()) + ")"));
  }

  /** The hash of validated ledger {@code height}; empty above the latest validated ledger. */
  @Override
  public Optional<Hash32> hashAt(long height) {
    if (height < 1) {
      return Optional.empty();
    }
    return retry.call("ledger " + height + " at " + endpoint, () -> {
      Optional<RippledLedger> ledger = rpc.ledger(height, false);
      if (ledger.isPresent() && ledger.get().validated()) {
        return Optional.of(ledger.get().hash());
      }
      RippledServerInfo info = rpc.serverInfo();
      if (height > validatedTip(info)) {
        return Optional.<Hash32>empty();
      }
      throw ledger.isEmpty() ? missing(height, info) : notValidated(height);
    });
  }

  /**
   * The validated ledgers {@code from} through {@code to}; the stream ends at the latest validated ledger as of this
   * call. A ledger in a hole of the server's history fails the stream there, after the ledgers before it.
   */
  @Override
  public BlockStream blocks(long from, long to) {
    if (from < 1) {
      // an empty warehouse synced without a start height: say where the server's history is
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "XRP ledger indexes start at 1 (mainnet's history at " + MAINNET_HISTORY_START
          + "), asked for ledgers from " + from + ": give the first ledger to sync into an empty warehouse (bds sync --start-height)"
          + " within those " + endpoint + " holds (complete_ledgers " + completeLedgers() + ")");
    }
    long last = Math.min(to, tipHeight());
    return new PrefetchingBlockStream(fetchers, concurrency, from, last, () -> 1, this::fetchWithRetry, endpoint);
  }

  private List<SourceBlock> fetchWithRetry(long from, int count) {
    return retry.call("ledger " + from + " at " + endpoint, () -> fetch(from, count));
  }

  /** Ledgers {@code from} … {@code from + count - 1}; fewer where the validated ledgers end. */
  List<SourceBlock> fetch(long from, int count) {
    List<SourceBlock> out = new java.util.ArrayList<>(count);
    for (long index = from; index < from + count; index++) {
      Optional<RippledLedger> answer = rpc.ledger(index, true);
      if (answer.isEmpty()) {
        RippledServerInfo info = rpc.serverInfo();
        if (index > validatedTip(info)) {
          break;
        }
        throw missing(index, info);
      }
      RippledLedger ledger = answer.get();
      if (!ledger.validated()) {
        throw notValidated(index);
      }
      out.add(new SourceBlock(index, ledger.hash(), ledger.parent(), ledger.result(), endpoint + " ledger " + index));
    }
    return out;
  }

  private BdsException notValidated(long index) {
    return new BdsException(ErrorCode.NODE_LAGGING, endpoint + " has ledger " + index + " but not as validated yet");
  }

  /**
   * The server answered that it does not have a ledger at or below its latest validated one: not acquired yet above
   * its complete history (retryable), or a hole in it.
   */
  private BdsException missing(long index, RippledServerInfo info) {
    CompleteLedgers complete = info.completeLedgers();
    long tip = validatedTip(info);
    if (complete.contains(index)) {
      // it lists the ledger as complete and yet does not find it: it is changing its history right now
      return new BdsException(ErrorCode.NODE_LAGGING, endpoint + " answers lgrNotFound for ledger " + index + " although it lists it (complete_ledgers " + complete + ")");
    }
    LedgerRange hole = complete.holeAround(index, tip);
    if (complete.highest().map(h -> index > h).orElse(true)) {
      return new BdsException(ErrorCode.NODE_LAGGING, endpoint + " does not have ledgers " + hole + " yet (complete_ledgers " + complete + ", validated " + tip + ")");
    }
    return new BdsException(ErrorCode.NODE_ERROR,
        endpoint + " does not have ledgers " + hole + " (complete_ledgers " + complete + "): a hole in its history; fetch them from a server that has them (a full-history server)");
  }

  /** Polls {@code server_info} until the latest validated ledger is above {@code known} or {@code timeout} passed. */
  @Override
  public long awaitNewTip(BlockRef known, Duration timeout) {
    // validated ledgers are final: a new tip is a higher index, never another ledger at the same one
    long deadline = System.nanoTime() + timeout.toNanos();
    long knownHeight = known == null ? -1 : known.height();
    while (true) {
      long tip = tipHeight();
      if (tip > knownHeight || System.nanoTime() >= deadline) {
        return tip;
      }
      try {
        Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return tip;
      }
    }
  }

  @Override
  public void close() {
    fetchers.shutdownNow();
    rpc.close();
  }
}
