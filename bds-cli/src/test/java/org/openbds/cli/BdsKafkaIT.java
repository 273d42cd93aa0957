package org.openbds.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsMessages;
import org.openbds.api.BlockQueue;
import org.openbds.api.ChainId;
import org.openbds.api.SplitOptions;
import org.openbds.api.Warehouse;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ConsumeConfig;
import org.openbds.core.FileTrees;
import org.openbds.core.QueueConsumer;
import org.openbds.kafka.KafkaBlockQueue;
import org.openbds.kafka.LocalKafka;
import org.openbds.postgres.LocalPostgres;
import org.openbds.postgres.PostgresWarehouse;

/**
 * The original BDS product's messages through the real path: the sample chain's documents (records without keys, one
 * block re-sent, a foreign record among them) on a Kafka topic, split with {@code --format bds} into PostgreSQL, give
 * exactly the sample's ground truth; the foreign record is in the dead-letter topic.
 */
class BdsKafkaIT {
  private static final ChainId BTC = new ChainId("btc");
  private static final String TOPIC = "btc-blocks";

  @TempDir Path dir;

  @Test
  void theSampleThroughKafkaIntoPostgresGivesItsGroundTruth() throws Exception {
    Path sample = sample();
    List<byte[]> documents = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(sample.resolve("blocks.jsonl.gz"))), UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        documents.add(line.getBytes(UTF_8));
      }
    }
    Path pgDir = Files.createTempDirectory("bds-postgres-bds");
    LocalPostgres postgres = LocalPostgres.start(pgDir, 0, "openbds");
    LocalKafka broker = LocalKafka.start(dir.resolve("kafka"), 0);
    try (BlockQueue queue = KafkaBlockQueue.open(broker.url())) {
      queue.ensureTopic(TOPIC, 1);
      try (BlockQueue.Publisher out = queue.publisher(TOPIC)) {
        for (int i = 0; i < documents.size(); i++) {
          out.send("", documents.get(i), Map.of());
          if (i == 5) {
            out.send("", documents.get(4), Map.of());
            out.send("", documents.get(5), Map.of());
            out.send("", "not json at all".getBytes(UTF_8), Map.of());
          }
        }
      }
      BdsMessages bds = ChainFamilies.load().forChain("btc").open(BTC, "mainnet", SplitOptions.defaults()).bdsMessages().orElseThrow();
      String url = postgres.url().withPassword();
      try (Warehouse pg = PostgresWarehouse.open(url)) {
        QueueConsumer.Result r = QueueConsumer.ofBdsDocuments(queue, pg, BTC, "mainnet", bds, bds.splitter(),
            ConsumeConfig.defaults(TOPIC).withExitAtTip(true).withOnPoison(ConsumeConfig.OnPoison.CONTINUE), new QueueConsumer.Listener() {}).run();
        assertThat(r.blocks()).isEqualTo(12);
        assertThat(r.duplicates()).isEqualTo(2);
        assertThat(r.deadLetters()).isEqualTo(1);
        JsonNode totals = new ObjectMapper().readTree(sample.resolve("summary.json").toFile()).get("totals");
        assertThat(scalar(pg, "SELECT COUNT(*) FROM btc.outputs WHERE spent_txid IS NULL AND script_type <> 'op_return'")).isEqualTo(totals.get("utxo_count").asLong());
        assertThat(scalar(pg, "SELECT SUM(value) FROM btc.outputs WHERE spent_txid IS NULL AND script_type <> 'op_return'"))
            .isEqualTo(totals.get("utxo_value_sat").asLong()).isEqualTo(2_106_875_000_000L);
        assertThat(scalar(pg, "SELECT COUNT(*) FROM btc.transactions")).isEqualTo(totals.get("txs").asLong());
        assertThat(scalar(pg, "SELECT COUNT(*) FROM btc.tx_inputs WHERE NOT is_coinbase AND spent_tx_id IS NULL")).isZero();
        // every final balance of the sample
        for (String line : Files.readAllLines(sample.resolve("final_balances.tsv"))) {
          String[] f = line.split("\t");
          if (f[0].equals("address")) {
            continue;
          }
          assertThat(scalar(pg, "SELECT COALESCE(SUM(o.value), 0) FROM btc.outputs o WHERE o.address = '" + f[0] + "' AND o.spent_txid IS NULL"))
              .as(f[0]).isEqualTo(Long.parseLong(f[1]));
        }
        // every fee of the sample
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(sample.resolve("fees.tsv.gz"))), UTF_8))) {
          Map<String, Long> fees = new java.util.HashMap<>();
          for (List<Object> row : pg.query("SELECT txid, fee FROM btc.transactions").rows()) {
            fees.put((String) row.get(0), row.get(1) == null ? 0L : ((Number) row.get(1)).longValue());
          }
          int checked = 0;
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] f = line.split("\t");
            if (f[0].equals("tx_id")) {
              continue;
            }
            assertThat(fees.get(f[0])).as("fee of %s", f[0]).isEqualTo(Long.parseLong(f[7]));
            checked++;
          }
          assertThat(checked).isEqualTo(totals.get("txs").asLong());
        }
      }
      List<org.openbds.api.QueueRecord> dead = new ArrayList<>();
      try (BlockQueue.Subscription s = queue.subscribe(TOPIC + ".dead", Map.of())) {
        while (dead.isEmpty() || !s.atEnd()) {
          dead.addAll(s.poll(java.time.Duration.ofSeconds(2)));
        }
      }
      assertThat(dead).hasSize(1);
      assertThat(new String(dead.get(0).value(), UTF_8)).isEqualTo("not json at all");
      assertThat(dead.get(0).headers().get("bds.reason")).isNotBlank();
    } finally {
      broker.stop();
      LocalPostgres.stop(pgDir);
      FileTrees.delete(pgDir);
    }
  }

  private static long scalar(Warehouse w, String sql) {
    Object v = w.query(sql).rows().get(0).get(0);
    return v == null ? 0 : ((Number) v).longValue();
  }

  private static Path sample() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/reference/bds-messages/sample-btc");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    System.out.println("NOTICE: shared/reference/bds-messages/sample-btc not found beside the repository; skipping");
    assumeTrue(false, "the BDS message sample is not available");
    return null;
  }
}
