package org.openbds.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;

/**
 * A {@link NodeSource.BlockStream} that fetches batches of consecutive heights ahead on an executor, at most
 * {@code concurrency} batches in flight, and delivers them in height order. The stream ends at {@code to} or at the
 * first batch that comes back shorter than asked (the node's chain ends there, for now). A failed batch cancels the
 * rest and its exception reaches the caller of {@link #hasNext()}; blocks delivered before it stay delivered.
 *
 * <p>Used by one thread, like every block stream.
 */
public final class PrefetchingBlockStream implements NodeSource.BlockStream {
  /** Fetches {@code count} blocks from height {@code from}; fewer (or none) where the node's chain ends. */
  @FunctionalInterface
  public interface BatchFetcher {
    List<SourceBlock> fetch(long from, int count);
  }

  private final ExecutorService fetchers;
  private final int concurrency;
  private final long to;
  private final IntSupplier batchSize;
  private final BatchFetcher fetcher;
  private final String endpoint;
  private final ArrayDeque<Future<List<SourceBlock>>> inFlight = new ArrayDeque<>();
  private final ArrayDeque<Integer> requested = new ArrayDeque<>();
  private long nextHeight;
  private Iterator<SourceBlock> current = Collections.emptyIterator();
  private boolean ended;

  /**
   * @param batchSize how many blocks the next batch should ask for (at least one), asked again before each batch
   * @param endpoint the node, for messages
   */
  public PrefetchingBlockStream(
      ExecutorService fetchers, int concurrency, long from, long to, IntSupplier batchSize, BatchFetcher fetcher, String endpoint) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    this.fetchers = requireNonNull(fetchers, "fetchers is null");
    this.concurrency = concurrency;
    this.nextHeight = from;
    this.to = to;
    this.batchSize = requireNonNull(batchSize, "batchSize is null");
    this.fetcher = requireNonNull(fetcher, "fetcher is null");
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext()) {
      if (ended) {
        return false;
      }
      schedule();
      Future<List<SourceBlock>> head = inFlight.poll();
      if (head == null) {
        ended = true;
        return false;
      }
      int asked = requested.poll();
      List<SourceBlock> batch = await(head);
      if (batch.size() < asked) {
        // the node's chain ends here (for now): what was asked beyond it is not there
        ended = true;
        cancelAll();
      }
      current = batch.iterator();
    }
    return true;
  }

  @Override
  public SourceBlock next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SourceBlock b = current.next();
    if (!current.hasNext() && !ended) {
      schedule();
    }
    return b;
  }

  private void schedule() {
    while (!ended && inFlight.size() < concurrency && nextHeight <= to) {
      long from = nextHeight;
      int count = (int) Math.min(Math.max(1, batchSize.getAsInt()), to - from + 1);
      nextHeight += count;
      requested.add(count);
      inFlight.add(fetchers.submit(() -> fetcher.fetch(from, count)));
    }
  }

  private List<SourceBlock> await(Future<List<SourceBlock>> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelAll();
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, "interrupted while fetching blocks from " + endpoint, e);
    } catch (ExecutionException e) {
      cancelAll();
      ended = true;
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new BdsException(ErrorCode.IO_FAILURE, "fetching blocks from " + endpoint + ": " + e.getCause(), e.getCause());
    }
  }

  private void cancelAll() {
    for (Future<List<SourceBlock>> f : inFlight) {
      f.cancel(true);
    }
    inFlight.clear();
    requested.clear();
  }

  @Override
  public void close() {
    ended = true;
    cancelAll();
  }
}
