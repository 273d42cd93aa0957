package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BlockQueue;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainSupport;
import org.openbds.api.NodeSource;
import org.openbds.api.Warehouse;
import org.openbds.core.ConsumeConfig;
import org.openbds.core.QueueConsumer;
import org.openbds.core.queue.BlockPublisher;
import org.openbds.core.queue.PublishConfig;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.ethereum.devnet.AnvilNode;
import org.openbds.ethereum.devnet.EvmActivity;
import org.openbds.kafka.KafkaBlockQueue;
import org.openbds.kafka.LocalKafka;

/**
 * An Ethereum devnet (anvil, with token activity, failed transactions and reorgs) published to a real Kafka broker and
 * split from it: the warehouse reconciles with the node (balances, token holdings) and equals a direct sync.
 */
class KafkaAnvilFlowIT {
  private static final String TOPIC = PublishConfig.defaultTopic(AnvilHarness.ETH);

  @TempDir Path dir;

  @Test
  void anAnvilChainThroughKafkaEqualsADirectSyncThroughAReorg() throws Exception {
    Path binary = AnvilHarness.requireAnvil("KafkaAnvilFlowIT");
    LocalKafka broker = LocalKafka.start(dir.resolve("kafka"), 0);
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("node"));
        BlockQueue queue = KafkaBlockQueue.open(broker.url())) {
      EvmActivity activity = EvmActivity.start(node, 41);
      activity.rounds(6);
      Path data = dir.resolve("data");
      publish(queue, node.url());
      QueueConsumer.Result first = split(queue, data);
      assertThat(first.tip().map(BlockRef::height)).contains(node.rpc().blockNumber());
      AnvilHarness.reconcile(data, node.url());

      activity.reorg(3);
      activity.rounds(2);
      BlockPublisher.Result again = publish(queue, node.url());
      assertThat(again.rollbacks()).isEqualTo(1);
      QueueConsumer.Result second = split(queue, data);
      assertThat(second.rollbacks()).isEqualTo(1);
      AnvilHarness.reconcile(data, node.url());
      Path direct = dir.resolve("direct");
      AnvilHarness.syncToTip(direct, node.url());
      assertThat(AnvilHarness.fingerprint(data)).isEqualTo(AnvilHarness.fingerprint(direct));
    } finally {
      broker.stop();
    }
  }

  private static BlockPublisher.Result publish(BlockQueue queue, String url) {
    ChainSupport support = AnvilHarness.support();
    try (NodeSource node = support.node(AnvilHarness.settings(url))) {
      return new BlockPublisher(queue, AnvilHarness.ETH, "dev", node, PublishConfig.defaults(TOPIC).withExitAtTip(true), new BlockPublisher.Listener() {})
          .run();
    }
  }

  private static QueueConsumer.Result split(BlockQueue queue, Path data) {
    ChainSupport support = AnvilHarness.support();
    try (Warehouse warehouse = DuckDbWarehouse.open(data)) {
      return new QueueConsumer(queue, warehouse, AnvilHarness.ETH, "dev", support.splitter(), ConsumeConfig.defaults(TOPIC).withExitAtTip(true),
          new QueueConsumer.Listener() {}).run();
    }
  }
}
