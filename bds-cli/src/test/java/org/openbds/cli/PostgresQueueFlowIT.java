package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BlockQueue;
import org.openbds.api.BlockRef;
import org.openbds.api.ReconciliationCheck;
import org.openbds.api.RetryPolicy;
import org.openbds.api.Warehouse;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.bitcoin.regtest.WalletActivity;
import org.openbds.core.ConsumeConfig;
import org.openbds.core.QueueConsumer;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.kafka.KafkaBlockQueue;
import org.openbds.kafka.LocalKafka;
import org.openbds.postgres.LocalPostgres;
import org.openbds.postgres.PostgresWarehouse;

/**
 * End to end into PostgreSQL: a real {@code litecoind -regtest} → source → a real Kafka broker → split → a real
 * PostgreSQL server; the warehouse reconciles with the node ({@code getblockstats} for every block,
 * {@code gettxoutsetinfo}, the tip) and holds exactly the rows of a direct sync into the embedded warehouse, through
 * a reorg.
 */
class PostgresQueueFlowIT {
  private static final List<String> TABLES =
      List.of("blocks", "transactions", "tx_inputs", "input_scripts", "tx_outputs", "output_scripts", "address_dictionary");

  @TempDir Path dir;

  @Test
  void litecoindThroughKafkaIntoPostgresReconcilesAndEqualsADirectSync() throws Exception {
    Path binary = BlockQueueFlowIT.binary();
    // a directory of its own beside the test's, which PostgreSQL's system user can reach (the test's is closed to it)
    Path pgDir = java.nio.file.Files.createTempDirectory("bds-postgres-flow");
    LocalPostgres postgres = LocalPostgres.start(pgDir, 0, "openbds");
    LocalKafka broker = LocalKafka.start(dir.resolve("kafka"), 0);
    try (RegtestNode node = RegtestNode.start(binary, dir.resolve("node"));
        BlockQueue queue = KafkaBlockQueue.open(broker.url())) {
      String url = postgres.url().withPassword();
      WalletActivity activity = WalletActivity.start(node, 8);
      activity.rounds(20);
      QueueHarness.publishToTip(queue, node.url());
      try (Warehouse pg = PostgresWarehouse.open(url)) {
        split(queue, pg);
        reconcile(pg, node.url());
      }
      activity.reorg(3);
      activity.rounds(3);
      QueueHarness.publishToTip(queue, node.url());
      try (Warehouse pg = PostgresWarehouse.open(url)) {
        QueueConsumer.Result r = split(queue, pg);
        assertThat(r.rollbacks()).isEqualTo(1);
        assertThat(r.tip().map(BlockRef::height)).contains(node.call("getblockcount").asLong());
        reconcile(pg, node.url());
        Path direct = dir.resolve("direct");
        SyncHarness.syncToTip(direct, node.url(), 500_000, new SyncListener() {});
        Map<String, List<Object>> expected;
        try (Warehouse duck = DuckDbWarehouse.open(direct)) {
          expected = PortableFingerprint.of(duck, "ltc", TABLES);
        }
        assertThat(PortableFingerprint.of(pg, "ltc", TABLES)).isEqualTo(expected);
      }
    } finally {
      broker.stop();
      LocalPostgres.stop(pgDir);
      org.openbds.core.FileTrees.delete(pgDir);
    }
  }

  private static QueueConsumer.Result split(BlockQueue queue, Warehouse warehouse) {
    return new QueueConsumer(queue, warehouse, SyncHarness.LTC, "regtest", SyncHarness.support().splitter(),
        ConsumeConfig.defaults(QueueHarness.TOPIC).withExitAtTip(true), new QueueConsumer.Listener() {}).run();
  }

  private static void reconcile(Warehouse warehouse, String url) {
    List<ReconciliationCheck> checks = SyncHarness.support().reconciler(SyncHarness.settings(url, RetryPolicy.upTo(java.time.Duration.ofSeconds(10))))
        .reconcile(warehouse, SyncHarness.LTC, 0, Long.MAX_VALUE, note -> {});
    List<ReconciliationCheck> failed = new ArrayList<>();
    for (ReconciliationCheck c : checks) {
      if (!c.passed()) {
        failed.add(c);
      }
    }
    assertThat(failed).as("failed reconciliation checks").isEmpty();
    assertThat(checks).extracting(ReconciliationCheck::name).contains("tip.hash", "getblockstats.totalfee", "gettxoutsetinfo.txouts");
  }
}
