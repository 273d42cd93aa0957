package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BlockQueue;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainSupport;
import org.openbds.api.NodeSource;
import org.openbds.api.ReconciliationCheck;
import org.openbds.api.RetryPolicy;
import org.openbds.api.Warehouse;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.bitcoin.regtest.WalletActivity;
import org.openbds.core.ConsumeConfig;
import org.openbds.core.FileTrees;
import org.openbds.core.QueueConsumer;
import org.openbds.core.queue.BlockPublisher;
import org.openbds.core.queue.PublishConfig;
import org.openbds.ethereum.devnet.AnvilNode;
import org.openbds.ethereum.devnet.EvmActivity;
import org.openbds.kafka.KafkaBlockQueue;
import org.openbds.kafka.LocalKafka;
import org.openbds.postgres.LocalPostgres;
import org.openbds.postgres.PostgresWarehouse;

/**
 * Two consumers in one group on a multi-partition topic of two chains (litecoind regtest and an anvil devnet), both
 * writing into one PostgreSQL warehouse: the partitions are shared between them, each applies the chain it is given,
 * and when one leaves, the other takes its partition over from the position committed in the warehouse. Both chains
 * end reconciled with their nodes.
 */
class GroupConsumersIT {
  private static final String TOPIC = "bds.shared.blocks";

  @TempDir Path dir;

  @Test
  void twoConsumersInAGroupShareTheChainsOfATopic() throws Exception {
    Path litecoind = BlockQueueFlowIT.binary();
    Path anvil = AnvilHarness.requireAnvil("GroupConsumersIT");
    Path pgDir = Files.createTempDirectory("bds-postgres-group");
    LocalPostgres postgres = LocalPostgres.start(pgDir, 0, "openbds");
    LocalKafka broker = LocalKafka.start(dir.resolve("kafka"), 0);
    List<QueueConsumer> members = new ArrayList<>();
    try (RegtestNode ltcNode = RegtestNode.start(litecoind, dir.resolve("ltc"));
        AnvilNode ethNode = AnvilNode.start(anvil, dir.resolve("eth"));
        BlockQueue queue = KafkaBlockQueue.open(broker.url())) {
      String url = postgres.url().withPassword();
      // a partition count that puts the two chains on different partitions
      int partitions = 2;
      while (partitionOf(partitions, "ltc") == partitionOf(partitions, "eth")) {
        partitions++;
      }
      queue.ensureTopic(TOPIC, partitions);
      assertThat(queue.partitionOf(TOPIC, "ltc")).isNotEqualTo(queue.partitionOf(TOPIC, "eth"));
      WalletActivity ltcActivity = WalletActivity.start(ltcNode, 12);
      EvmActivity ethActivity = EvmActivity.start(ethNode, 12);
      ltcActivity.rounds(10);
      ethActivity.rounds(4);


      List<CompletableFuture<QueueConsumer.Result>> running = new ArrayList<>();
      List<Warehouse> warehouses = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Warehouse w = PostgresWarehouse.open(url);
        warehouses.add(w);
        QueueConsumer c = QueueConsumer.inGroup(queue, w, chains(), "splitters", ConsumeConfig.defaults(TOPIC), new QueueConsumer.Listener() {});
        members.add(c);
        running.add(CompletableFuture.supplyAsync(c::run));
      }
      publish(queue, ltcNode.url(), ethNode.url());
      awaitTips(url, ltcNode.call("getblockcount").asLong(), ethNode.rpc().blockNumber());

      // one member leaves; the other takes its partition over where the warehouse says it stopped
      members.get(0).stop();
      QueueConsumer.Result first = running.get(0).get(60, TimeUnit.SECONDS);
      ltcActivity.rounds(3);
      ethActivity.rounds(2);
      publish(queue, ltcNode.url(), ethNode.url());
      awaitTips(url, ltcNode.call("getblockcount").asLong(), ethNode.rpc().blockNumber());
      members.get(1).stop();
      QueueConsumer.Result second = running.get(1).get(60, TimeUnit.SECONDS);
      warehouses.forEach(Warehouse::close);

      assertThat(first.blocks()).as("the first member applied a chain").isPositive();
      assertThat(second.blocks()).as("the second member applied a chain").isPositive();
      assertThat(first.blocks() + second.blocks()).as("no block applied twice")
          .isEqualTo(ltcNode.call("getblockcount").asLong() + 1 + ethNode.rpc().blockNumber() + 1);
      try (Warehouse w = PostgresWarehouse.open(url)) {
        assertPassed(SyncHarness.support().reconciler(SyncHarness.settings(ltcNode.url(), RetryPolicy.upTo(Duration.ofSeconds(10))))
            .reconcile(w, SyncHarness.LTC, 0, Long.MAX_VALUE, note -> {}));
        assertPassed(AnvilHarness.support().reconciler(AnvilHarness.settings(ethNode.url())).reconcile(w, AnvilHarness.ETH, 0, Long.MAX_VALUE, note -> {}));
      }
    } finally {
      members.forEach(QueueConsumer::stop);
      broker.stop();
      LocalPostgres.stop(pgDir);
      FileTrees.delete(pgDir);
    }
  }

  private static int partitionOf(int partitions, String key) {
    return org.apache.kafka.common.utils.Utils.toPositive(
        org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
  }

  private static List<QueueConsumer.Chain> chains() {
    return List.of(
        new QueueConsumer.Chain(SyncHarness.LTC, "regtest", SyncHarness.support().splitter()),
        new QueueConsumer.Chain(AnvilHarness.ETH, "dev", AnvilHarness.support().splitter()));
  }

  private static void publish(BlockQueue queue, String ltcUrl, String ethUrl) {
    ChainSupport ltc = SyncHarness.support();
    try (NodeSource node = ltc.node(SyncHarness.settings(ltcUrl, RetryPolicy.forever()))) {
      new BlockPublisher(queue, SyncHarness.LTC, "regtest", node, PublishConfig.defaults(TOPIC).withExitAtTip(true), new BlockPublisher.Listener() {}).run();
    }
    ChainSupport eth = AnvilHarness.support();
    try (NodeSource node = eth.node(AnvilHarness.settings(ethUrl))) {
      new BlockPublisher(queue, AnvilHarness.ETH, "dev", node, PublishConfig.defaults(TOPIC).withExitAtTip(true), new BlockPublisher.Listener() {}).run();
    }
  }

  private static void awaitTips(String url, long ltcTip, long ethTip) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    try (Warehouse w = PostgresWarehouse.open(url)) {
      while (true) {
        Optional<BlockRef> ltc = w.checkpoint(SyncHarness.LTC);
        Optional<BlockRef> eth = w.checkpoint(AnvilHarness.ETH);
        if (ltc.map(BlockRef::height).equals(Optional.of(ltcTip)) && eth.map(BlockRef::height).equals(Optional.of(ethTip))) {
          return;
        }
        assertThat(System.nanoTime()).as("both chains applied within 180 s: ltc %s of %d, eth %s of %d", ltc, ltcTip, eth, ethTip).isLessThan(deadline);
        Thread.sleep(200);
      }
    }
  }

  private static void assertPassed(List<ReconciliationCheck> checks) {
    assertThat(checks).filteredOn(c -> !c.passed()).as("failed reconciliation checks").isEmpty();
    assertThat(checks).extracting(ReconciliationCheck::name).contains("tip.hash");
  }
}
