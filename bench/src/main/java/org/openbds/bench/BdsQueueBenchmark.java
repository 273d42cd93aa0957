package org.openbds.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.openbds.api.BdsException;
import org.openbds.api.BdsMessages;
import org.openbds.api.BlockQueue;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.SourceBlock;
import org.openbds.api.SplitOptions;
import org.openbds.api.Warehouse;
import org.openbds.bitcoin.blockfile.BlockFileSource;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;
import org.openbds.bitcoin.generate.GeneratorTally;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.script.AddressEncoder;
import org.openbds.bitcoin.script.ScriptClassifier;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ConsumeConfig;
import org.openbds.core.ImportConfig;
import org.openbds.core.ImportProgress;
import org.openbds.core.QueueConsumer;

/**
 * The original BDS product's message path, end to end: a generated chain written as its per-block JSON documents (coin
 * values as floats, no input values), published to a Kafka topic while a {@code bds split --format bds} consumer
 * applies them to the warehouse, every input resolved. Timed from the first document sent until the last block is
 * committed and the consumer has made the lookup indexes it put off while loading; the warehouse is then checked
 * against the generator's tally.
 */
public final class BdsQueueBenchmark {
  public record Result(GeneratorTally tally, long documents, long documentBytes, double seconds, double publishSeconds) {
    public double transactionsPerSecond() {
      return tally.transactions() / seconds;
    }
  }

  private final String chain;
  private final long transactions;
  private final int perBlock;
  private final long seed;
  private final Path work;
  private final BlockQueue queue;
  private final Supplier<Warehouse> fresh;
  private final ImportConfig config;

  public BdsQueueBenchmark(String chain, long transactions, int perBlock, long seed, Path work, BlockQueue queue, Supplier<Warehouse> fresh,
      ImportConfig config) {
    this.chain = requireNonNull(chain, "chain is null");
    this.transactions = transactions;
    this.perBlock = perBlock;
    this.seed = seed;
    this.work = requireNonNull(work, "work is null");
    this.queue = requireNonNull(queue, "queue is null");
    this.fresh = requireNonNull(fresh, "fresh is null");
    this.config = requireNonNull(config, "config is null");
  }

  public Result run(PrintWriter log) throws Exception {
    ChainProfile profile = ChainProfiles.load(chain);
    String network = ChainProfiles.SYNTHETIC;
    Path blocks = work.resolve("blocks-" + perBlock + "-per-block");
    GeneratorTally tally = ImportBenchmark.generated(profile, transactions, perBlock, seed, blocks, log);
    ChainId id = new ChainId(chain);
    BdsMessages bds = ChainFamilies.load().forChain(chain).open(id, network, SplitOptions.defaults()).bdsMessages()
        .orElseThrow(() -> new BdsException(ErrorCode.INVALID_ARGUMENT, chain + " has no BDS message reader"));

    // the documents, written before the clock starts (in a deployment the nodes write them)
    List<byte[]> documents = new ArrayList<>();
    long documentBytes = 0;
    BitcoinBlockCodec codec = new BitcoinBlockCodec(profile.mweb());
    BdsDocumentWriter writer = new BdsDocumentWriter(new ScriptClassifier(new AddressEncoder(profile.network(network)), profile.segwit()));
    try (BlockFileSource source = BlockFileSource.open(blocks, profile.network(network), OptionalLong.empty())) {
      Iterator<SourceBlock> it = source.blocksAfter(Optional.empty());
      while (it.hasNext()) {
        SourceBlock b = it.next();
        BitcoinBlock block = codec.decodeBlock(b.payload(), b.height(), b.origin());
        byte[] doc = writer.write(block);
        documents.add(doc);
        documentBytes += doc.length;
      }
    }
    log.printf("%,d BDS documents, %,d bytes (%,.0f transactions a block)%n", documents.size(), documentBytes, (double) tally.transactions() / documents.size());
    log.flush();

    String topic = "bench.bds." + chain + "." + System.currentTimeMillis();
    queue.ensureTopic(topic, 1);
    AtomicLong applied = new AtomicLong(-1);
    try (Warehouse w = fresh.get()) {
      QueueConsumer consumer = QueueConsumer.ofBdsDocuments(queue, w, id, network, bds, bds.splitter(), ConsumeConfig.defaults(topic)
          .withImportConfig(config), new QueueConsumer.Listener() {
            @Override
            public void progress(ImportProgress p) {
              applied.set(p.tip().height());
            }
          });
      CompletableFuture<QueueConsumer.Result> consuming = CompletableFuture.supplyAsync(consumer::run);
      long t0 = System.nanoTime();
      try (BlockQueue.Publisher out = queue.publisher(topic)) {
        for (byte[] doc : documents) {
          // the original product's records carry no key
          out.send("", doc, Map.of());
        }
      }
      double publishSeconds = (System.nanoTime() - t0) / 1e9;
      long last = documents.size() - 1;
      while (applied.get() < last) {
        if (consuming.isDone()) {
          consuming.join();
          throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "the consumer ended at " + applied.get() + " of " + last);
        }
        Thread.sleep(5);
      }
      // the run ends once the consumer has made the lookup indexes it put off while loading (it does when idle)
      consumer.stop();
      consuming.join();
      double seconds = (System.nanoTime() - t0) / 1e9;
      ImportBenchmark.check(w, chain, tally, null);
      Result r = new Result(tally, documents.size(), documentBytes, seconds, publishSeconds);
      log.printf("end to end (first document sent → last block committed and the lookup indexes made): %,d transactions in %.2f s = %,.0f tx/s (publishing took %.2f s);"
          + " checked against the generator's tally, every input resolved%n", tally.transactions(), seconds, r.transactionsPerSecond(), publishSeconds);
      return r;
    }
  }
}
