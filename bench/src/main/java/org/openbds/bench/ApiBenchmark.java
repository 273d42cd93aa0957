package org.openbds.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.openbds.api.ChainId;
import org.openbds.bitcoin.blockfile.BlockFileSource;
import org.openbds.bitcoin.generate.GeneratorConfig;
import org.openbds.bitcoin.generate.GeneratorTally;
import org.openbds.bitcoin.generate.SyntheticChainGenerator;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.split.BitcoinSplitter;
import org.openbds.core.BlockImporter;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ImportConfig;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;
import org.openbds.metrics.MetricEngine;
import org.openbds.server.ApiKeys;
import org.openbds.server.ApiServer;
import org.openbds.server.ChainStatus;
import org.openbds.server.ServerConfig;

/**
 * The API over a generated warehouse: a chain of {@code transactions} with one exchange-like address taking
 * {@code hotPercent}% of the payment outputs (a million transactions and more at 10M), imported and its metrics
 * computed (kept in {@code work} and reused). Then, against {@code ApiServer} on loopback in this JVM: latency of one
 * client at a time over random samples — a transaction by txid (first touches right after start, and the steady state
 * after a hundred times as many other transactions were served), an address (summary and first history page; the hot
 * address among them, and its deeper pages), a metric series — and a load of {@code clients} concurrent clients for
 * {@code seconds} mixing those reads, counting every answer that is not a 200.
 */
public final class ApiBenchmark {
  /** Warm-up requests before the steady-state transaction sample, in multiples of the sample size. */
  private static final int WARM_UP = 100;

  /** Latency of one kind of read: samples, median, p99 and maximum in milliseconds. */
  public record Latency(String what, int samples, double medianMs, double p99Ms, double maxMs) {}

  /** Everything measured. */
  public record Result(long transactions, long hotAddressTransactions, List<Latency> latencies, long loadRequests, long loadErrors,
      double loadSeconds, Latency loadLatency) {}

  private static final String CHAIN = "btc";
  private final long transactions;
  private final int hotPercent;
  private final int samples;
  private final int clients;
  private final int seconds;
  private final Path work;

  public ApiBenchmark(long transactions, int hotPercent, int samples, int clients, int seconds, Path work) {
    this.transactions = transactions;
    this.hotPercent = hotPercent;
    this.samples = samples;
    this.clients = clients;
    this.seconds = seconds;
    this.work = requireNonNull(work, "work is null");
  }

  public Result run(PrintWriter log) throws Exception {
    Path data = prepare(log);
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(data)) {
      Random random = new Random(7);
      // three disjoint sets of random transactions: first touches, warm-up, steady state
      List<String> sampled = column(warehouse, "SELECT txid FROM btc.transactions USING SAMPLE " + samples * (WARM_UP + 2) + " ROWS (reservoir, 7)");
      List<String> txids = sampled.subList(0, samples);
      List<String> warmUp = sampled.subList(samples, samples * (WARM_UP + 1));
      List<String> steady = sampled.subList(samples * (WARM_UP + 1), sampled.size());
      List<String> addresses = column(warehouse, "SELECT address FROM btc.address_dictionary USING SAMPLE " + samples + " ROWS (reservoir, 7)");
      List<Object> hot = warehouse.query(
          "SELECT d.address, count(DISTINCT o.tx_id) FROM btc.tx_outputs o JOIN btc.address_dictionary d USING (address_id)"
              + " WHERE o.address_id = (SELECT address_id FROM btc.tx_outputs WHERE address_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)"
              + " GROUP BY 1").rows().get(0);
      String hotAddress = (String) hot.get(0);
      long hotTransactions = ((Number) warehouse.query(
          "SELECT count(*) FROM (SELECT tx_id FROM btc.tx_outputs WHERE address_id = (SELECT address_id FROM btc.address_dictionary WHERE address = ?)"
              + " UNION SELECT tx_id FROM btc.tx_inputs WHERE address_id = (SELECT address_id FROM btc.address_dictionary WHERE address = ?))",
          hotAddress, hotAddress).rows().get(0).get(0)).longValue();
      log.printf("hot address %s: %,d transactions%n", hotAddress, hotTransactions);
      List<String> metrics = column(warehouse, "SELECT DISTINCT metric FROM btc.metrics ORDER BY metric");
      ServerConfig config = ServerConfig.fromSettings(Map.of(
          "server.port", "0", "server.access-log", "false", "rate-limit.anonymous-per-minute", "0", "warehouse.readers", "16"));
      long t0 = System.nanoTime();
      try (ApiServer server = new ApiServer(config, ApiKeys.load(work.resolve("keys")), warehouse, ChainFamilies.load(), MetricCatalog.load(),
          new ChainStatus(), new PrintStream(System.err, true))) {
        int port = server.start();
        log.printf("server ready in %.1f s (lookup indexes included)%n", (System.nanoTime() - t0) / 1e9);
        log.flush();
        awaitAddressTotals(warehouse, log);
        String base = "http://127.0.0.1:" + port + "/api/v1/chains/" + CHAIN;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Latency> latencies = new ArrayList<>();
        latencies.add(measure(http, "transaction by txid, first touches", txids.stream().map(t -> base + "/transactions/" + t).toList(), log));
        for (String t : warmUp) {
          String url = base + "/transactions/" + t;
          check(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()), url);
        }
        log.printf("warm-up: %,d other transactions by txid%n", warmUp.size());
        latencies.add(measure(http, "transaction by txid, steady state", steady.stream().map(t -> base + "/transactions/" + t).toList(), log));
        List<String> addressPages = new ArrayList<>();
        for (String a : addresses) {
          addressPages.add(base + "/addresses/" + a);
          addressPages.add(base + "/addresses/" + a + "/history?limit=50");
        }
        latencies.add(measure(http, "address page (summary, first history page)", addressPages, log));
        List<String> hotPages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          hotPages.add(base + "/addresses/" + hotAddress + "?n=" + i);
          hotPages.add(base + "/addresses/" + hotAddress + "/history?limit=50&n=" + i);
        }
        latencies.add(measure(http, "hot address page (summary, first history page)", hotPages, log));
        latencies.add(deepPages(http, base + "/addresses/" + hotAddress + "/history?limit=50", 50, log));
        List<String> series = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
          series.add(base + "/metrics/" + metrics.get(random.nextInt(metrics.size())) + "?n=" + i);
        }
        latencies.add(measure(http, "metric series (every day)", series, log));

        List<String> mix = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
          mix.add(base + "/transactions/" + txids.get(i % txids.size()));
          mix.add(base + "/addresses/" + addresses.get(i % addresses.size()));
          mix.add(base + "/addresses/" + addresses.get(i % addresses.size()) + "/history?limit=50");
          mix.add(base + "/metrics/" + metrics.get(i % metrics.size()));
          mix.add(base + "/blocks?limit=20");
        }
        mix.add(base + "/addresses/" + hotAddress);
        mix.add(base + "/addresses/" + hotAddress + "/history?limit=50");
        return load(http, mix, hotTransactions, latencies, log);
      }
    }
  }

  private Result load(HttpClient http, List<String> mix, long hotTransactions, List<Latency> latencies, PrintWriter log) throws InterruptedException {
    LongAdder requests = new LongAdder();
    LongAdder errors = new LongAdder();
    Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    long[] times = new long[4_000_000];
    AtomicLong recorded = new AtomicLong();
    CountDownLatch done = new CountDownLatch(clients);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long t0 = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread t = new Thread(() -> {
        Random r = new Random(client);
        try {
          while (System.nanoTime() < end) {
            String url = mix.get(r.nextInt(mix.size()));
            long s = System.nanoTime();
            try {
              HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                  HttpResponse.BodyHandlers.discarding());
              if (response.statusCode() != 200) {
                errors.increment();
                failures.computeIfAbsent("HTTP " + response.statusCode(), k -> new LongAdder()).increment();
              }
            } catch (java.io.IOException e) {
              errors.increment();
              failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
            }
            requests.increment();
            long i = recorded.getAndIncrement();
            if (i < times.length) {
              times[(int) i] = System.nanoTime() - s;
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      }, "load-" + c);
      t.setDaemon(true);
      t.start();
    }
    done.await();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    int n = (int) Math.min(recorded.get(), times.length);
    Latency loadLatency = stats("load: any read, " + clients + " clients", Arrays.copyOf(times, n));
    log.printf("load: %d clients for %.1f s: %,d requests (%,.0f/s), %,d errors %s; latency median %.1f ms, p99 %.1f ms, max %.1f ms%n", clients,
        elapsed, requests.sum(), requests.sum() / elapsed, errors.sum(), failures, loadLatency.medianMs(), loadLatency.p99Ms(), loadLatency.maxMs());
    log.flush();
    return new Result(transactions, hotTransactions, latencies, requests.sum(), errors.sum(), elapsed, loadLatency);
  }

  /** Waits until the server's address totals have reached the chain's tip (built in the background after start). */
  private static void awaitAddressTotals(DuckDbWarehouse warehouse, PrintWriter log) throws InterruptedException {
    long t0 = System.nanoTime();
    long tip = ((Number) warehouse.query("SELECT max(height) FROM btc.blocks").rows().get(0).get(0)).longValue();
    while (true) {
      boolean exists = !warehouse.query(
          "SELECT 1 FROM duckdb_tables() WHERE schema_name = 'btc' AND table_name = 'bds_address_totals_state'").rows().isEmpty();
      if (exists && ((Number) warehouse.query("SELECT coalesce(max(height), -1) FROM btc.bds_address_totals_state").rows().get(0).get(0)).longValue() == tip) {
        break;
      }
      if (System.nanoTime() - t0 > 600_000_000_000L) {
        throw new IllegalStateException("the address totals did not reach the tip within 10 minutes");
      }
      Thread.sleep(500);
    }
    log.printf("address totals at the tip after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    log.flush();
  }

  /** The hot address's history page after page, each by the cursor of the one before. */
  private Latency deepPages(HttpClient http, String first, int pages, PrintWriter log) throws Exception {
    long[] times = new long[pages];
    String url = first;
    for (int i = 0; i < pages; i++) {
      long s = System.nanoTime();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
      times[i] = System.nanoTime() - s;
      check(r, url);
      String cursor = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("next_cursor").asText();
      url = first + "&cursor=" + cursor;
    }
    Latency l = stats("hot address history, pages 1.." + pages + " by cursor", times);
    print(l, log);
    return l;
  }

  private Latency measure(HttpClient http, String what, List<String> urls, PrintWriter log) throws Exception {
    for (String u : urls.subList(0, Math.min(5, urls.size()))) {
      check(http.send(HttpRequest.newBuilder(URI.create(u + (u.contains("?") ? "&" : "?") + "warm=1")).build(), HttpResponse.BodyHandlers.ofString()), u);
    }
    long[] times = new long[urls.size()];
    for (int i = 0; i < urls.size(); i++) {
      long s = System.nanoTime();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(urls.get(i))).build(), HttpResponse.BodyHandlers.ofString());
      times[i] = System.nanoTime() - s;
      check(r, urls.get(i));
    }
    Latency l = stats(what, times);
    print(l, log);
    return l;
  }

  private static void check(HttpResponse<String> r, String url) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  private static void print(Latency l, PrintWriter log) {
    log.printf("%-48s %5d requests: median %7.2f ms, p99 %7.2f ms, max %7.2f ms%n", l.what(), l.samples(), l.medianMs(), l.p99Ms(), l.maxMs());
    log.flush();
  }

  static Latency stats(String what, long[] nanos) {
    long[] t = nanos.clone();
    Arrays.sort(t);
    int p99 = Math.min(t.length - 1, (int) Math.ceil(t.length * 0.99) - 1);
    return new Latency(what, t.length, t[t.length / 2] / 1e6, t[Math.max(0, p99)] / 1e6, t[t.length - 1] / 1e6);
  }

  private static List<String> column(DuckDbWarehouse w, String sql) {
    List<String> out = new ArrayList<>();
    for (List<Object> row : w.query(sql).rows()) {
      out.add(String.valueOf(row.get(0)));
    }
    return out;
  }

  /** The warehouse in {@code work/data}: generated, imported and its metrics computed unless an earlier run left it. */
  public Path prepare(PrintWriter log) throws Exception {
    Path blocks = work.resolve("blocks-" + transactions + "-hot" + hotPercent);
    Path data = work.resolve("data");
    Path done = data.resolve("api-benchmark-ready");
    if (Files.exists(done)) {
      log.printf("reusing the warehouse in %s%n", data);
      return data;
    }
    ChainProfile profile = ChainProfiles.load(CHAIN);
    if (!Files.exists(blocks.resolve(GeneratorTally.FILE_NAME))) {
      log.printf("generating %,d transactions with a hot address taking %d%% of the payments into %s%n", transactions, hotPercent, blocks);
      log.flush();
      new SyntheticChainGenerator(GeneratorConfig.defaults(profile, blocks).withSeed(1).withTargetTransactions(transactions)
          .withAverageTransactionsPerBlock(300).withHotAddressPercent(hotPercent)).generate();
    }
    log.printf("importing into %s and computing the metrics%n", data);
    log.flush();
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(data);
        BlockFileSource source = BlockFileSource.open(blocks, profile.network(ChainProfiles.SYNTHETIC), OptionalLong.empty())) {
      new BlockImporter<>(warehouse, new ChainId(CHAIN), ChainProfiles.SYNTHETIC,
          new BitcoinSplitter(profile, profile.network(ChainProfiles.SYNTHETIC), false), ImportConfig.defaults(), p -> {}).run(source);
      new MetricEngine(warehouse, MetricCatalog.load()).update(new ChainId(CHAIN), "bitcoin");
    }
    Files.writeString(done, "ready\n");
    return data;
  }
}
