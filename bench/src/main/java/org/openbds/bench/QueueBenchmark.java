package org.openbds.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.openbds.api.BlockQueue;
import org.openbds.api.ChainId;
import org.openbds.api.QueueMessage;
import org.openbds.api.SourceBlock;
import org.openbds.api.Warehouse;
import org.openbds.bitcoin.blockfile.BlockFileSource;
import org.openbds.bitcoin.generate.GeneratorTally;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.split.BitcoinSplitter;
import org.openbds.core.ConsumeConfig;
import org.openbds.core.ImportConfig;
import org.openbds.core.ImportProgress;
import org.openbds.core.QueueConsumer;
import org.openbds.core.queue.BlockMessageCodec;

/**
 * Blocks through a block queue: a generated chain is published to a fresh topic as fast as the queue takes it, then
 * split from the topic into each target warehouse (every input resolved, checked against the generator's tally), then
 * published again at a steady rate while a consumer follows, sampling its lag behind the publisher.
 */
public final class QueueBenchmark {
  /** A warehouse to split into: {@code fresh} opens an empty one. */
  public record Target(String name, Supplier<Warehouse> fresh) {}

  /** One timed phase. */
  public record Phase(String what, long blocks, long transactions, long bytes, double seconds) {
    public double transactionsPerSecond() {
      return transactions / seconds;
    }

    public double blocksPerSecond() {
      return blocks / seconds;
    }
  }

  /** The steady-load run: the publisher's rate, the consumer's lag (in blocks) sampled every 250 ms. */
  public record Lag(String target, double rate, double seconds, List<Long> samples, double drainSeconds) {
    public long percentile(double p) {
      List<Long> sorted = new ArrayList<>(samples);
      Collections.sort(sorted);
      return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }
  }

  public record Result(GeneratorTally tally, Phase publish, List<Phase> splits, Optional<Lag> lag) {}

  private final String chain;
  private final long transactions;
  private final long seed;
  private final Path work;
  private final BlockQueue queue;
  private final List<Target> targets;
  private final ImportConfig config;
  private final double lagRateShare;

  /**
   * @param lagRateShare the steady publishing rate as a share of the first target's split rate (0: no lag run)
   */
  public QueueBenchmark(String chain, long transactions, long seed, Path work, BlockQueue queue, List<Target> targets, ImportConfig config,
      double lagRateShare) {
    this.chain = requireNonNull(chain, "chain is null");
    this.transactions = transactions;
    this.seed = seed;
    this.work = requireNonNull(work, "work is null");
    this.queue = requireNonNull(queue, "queue is null");
    this.targets = List.copyOf(targets);
    this.config = requireNonNull(config, "config is null");
    this.lagRateShare = lagRateShare;
  }

  public Result run(PrintWriter log) throws Exception {
    ChainProfile profile = ChainProfiles.load(chain);
    Path blocks = work.resolve("blocks");
    GeneratorTally tally = ImportBenchmark.generated(profile, transactions, seed, blocks, log);
    ChainId id = new ChainId(chain);
    String network = ChainProfiles.SYNTHETIC;
    String topic = "bench." + chain + "." + System.currentTimeMillis();
    queue.ensureTopic(topic, 1);

    long t0 = System.nanoTime();
    long[] counted = publish(profile, blocks, id, network, topic, 0);
    Phase publish = new Phase("publish to " + queue.endpoint(), counted[0], tally.transactions(), counted[1], (System.nanoTime() - t0) / 1e9);
    log.printf("published %,d blocks (%,d bytes of blocks) in %.2f s: %,.0f blocks/s, %,.0f tx/s%n", publish.blocks(), publish.bytes(),
        publish.seconds(), publish.blocksPerSecond(), publish.transactionsPerSecond());
    log.flush();

    List<Phase> splits = new ArrayList<>();
    for (Target target : targets) {
      BitcoinSplitter splitter = new BitcoinSplitter(profile, profile.network(network), false);
      try (Warehouse w = target.fresh().get()) {
        long s0 = System.nanoTime();
        QueueConsumer.Result r = new QueueConsumer(queue, w, id, network, splitter, ConsumeConfig.defaults(topic).withExitAtTip(true)
            .withImportConfig(config), new QueueConsumer.Listener() {}).run();
        Phase p = new Phase("split into " + target.name(), r.blocks(), r.transactions(), counted[1], (System.nanoTime() - s0) / 1e9);
        ImportBenchmark.check(w, chain, tally, splitter);
        splits.add(p);
        log.printf("split into %s: %,d blocks, %,d transactions in %.2f s: %,.0f blocks/s, %,.0f tx/s (checked against the generator's tally)%n",
            target.name(), p.blocks(), p.transactions(), p.seconds(), p.blocksPerSecond(), p.transactionsPerSecond());
        log.flush();
      }
    }

    Optional<Lag> lag = Optional.empty();
    if (lagRateShare > 0 && !targets.isEmpty()) {
      double rate = splits.get(0).transactionsPerSecond() * lagRateShare;
      lag = Optional.of(lag(profile, blocks, id, network, targets.get(0), rate, counted[0], log));
    }
    return new Result(tally, publish, splits, lag);
  }

  /** Publishes every block; at most {@code rate} transactions a second when positive. Returns {blocks, bytes}. */
  private long[] publish(ChainProfile profile, Path blocks, ChainId id, String network, String topic, double rate) throws Exception {
    return publish(profile, blocks, id, network, topic, rate, new AtomicLong(-1));
  }

  private long[] publish(ChainProfile profile, Path blocks, ChainId id, String network, String topic, double rate, AtomicLong published)
      throws Exception {
    long count = 0;
    long bytes = 0;
    long sentTransactions = 0;
    long start = System.nanoTime();
    try (BlockFileSource source = BlockFileSource.open(blocks, profile.network(network), OptionalLong.empty());
        BlockQueue.Publisher out = queue.publisher(topic)) {
      Iterator<SourceBlock> it = source.blocksAfter(Optional.empty());
      while (it.hasNext()) {
        SourceBlock b = it.next();
        out.send(chain, BlockMessageCodec.encode(new QueueMessage.Block(id, network, b)), Map.of());
        count++;
        bytes += b.payload().length;
        if (rate > 0) {
          out.flush();
          published.set(b.height());
          sentTransactions += transactionCount(b);
          long due = start + (long) (sentTransactions / rate * 1e9);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
      }
      out.flush();
    }
    return new long[] {count, bytes};
  }

  /** The transaction count of a raw Bitcoin-family block: the compact size after the 80-byte header. */
  private static long transactionCount(SourceBlock b) {
    byte[] p = b.payload();
    int first = p[80] & 0xff;
    if (first < 0xfd) {
      return first;
    }
    long n = 0;
    int width = first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
    for (int i = 0; i < width; i++) {
      n |= (p[81 + i] & 0xffL) << (8 * i);
    }
    return n;
  }

  private Lag lag(ChainProfile profile, Path blocks, ChainId id, String network, Target target, double rate, long blockCount, PrintWriter log)
      throws Exception {
    String topic = "bench." + chain + ".steady." + System.currentTimeMillis();
    queue.ensureTopic(topic, 1);
    log.printf("steady load: publishing at %,.0f tx/s while a consumer splits into %s%n", rate, target.name());
    log.flush();
    AtomicLong published = new AtomicLong(-1);
    AtomicLong applied = new AtomicLong(-1);
    BitcoinSplitter splitter = new BitcoinSplitter(profile, profile.network(network), false);
    List<Long> samples = new ArrayList<>();
    try (Warehouse w = target.fresh().get()) {
      QueueConsumer consumer = new QueueConsumer(queue, w, id, network, splitter, ConsumeConfig.defaults(topic).withImportConfig(config),
          new QueueConsumer.Listener() {
            @Override
            public void progress(ImportProgress p) {
              applied.set(p.tip().height());
            }
          });
      CompletableFuture<QueueConsumer.Result> consuming = CompletableFuture.supplyAsync(consumer::run);
      long t0 = System.nanoTime();
      CompletableFuture<long[]> publishing = CompletableFuture.supplyAsync(() -> {
        try {
          return publish(profile, blocks, id, network, topic, rate, published);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      while (!publishing.isDone()) {
        Thread.sleep(250);
        if (published.get() >= 0) {
          samples.add(Math.max(0, published.get() - applied.get()));
        }
        if (consuming.isDone()) {
          consuming.join();
        }
      }
      publishing.join();
      double seconds = (System.nanoTime() - t0) / 1e9;
      long d0 = System.nanoTime();
      while (applied.get() < blockCount - 1) {
        if (consuming.isDone()) {
          consuming.join();
          throw new IllegalStateException("the consumer ended before applying every block");
        }
        Thread.sleep(10);
      }
      double drain = (System.nanoTime() - d0) / 1e9;
      consumer.stop();
      consuming.join();
      Lag lag = new Lag(target.name(), rate, seconds, samples, drain);
      log.printf("lag behind the publisher (blocks, every 250 ms over %.1f s): median %d, p99 %d, max %d; the last block applied %.2f s after it was"
          + " published%n", seconds, lag.percentile(0.5), lag.percentile(0.99), lag.percentile(1.0), drain);
      return lag;
    }
  }
}
