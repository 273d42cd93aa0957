package org.openbds.cli;

import java.nio.file.Path;
import org.openbds.api.BlockQueue;
import org.openbds.api.ChainSupport;
import org.openbds.api.NodeSource;
import org.openbds.api.RetryPolicy;
import org.openbds.api.Warehouse;
import org.openbds.core.ConsumeConfig;
import org.openbds.core.QueueConsumer;
import org.openbds.core.queue.BlockPublisher;
import org.openbds.core.queue.PublishConfig;
import org.openbds.duckdb.DuckDbWarehouse;

/** Publishes ltc regtest from a node to a block queue and splits it from there into a warehouse, in-process. */
final class QueueHarness {
  static final String TOPIC = PublishConfig.defaultTopic(SyncHarness.LTC);

  private QueueHarness() {}

  /** Publishes everything the node has that the topic does not. */
  static BlockPublisher.Result publishToTip(BlockQueue queue, String url) {
    ChainSupport support = SyncHarness.support();
    try (NodeSource node = support.node(SyncHarness.settings(url, RetryPolicy.forever()))) {
      return new BlockPublisher(queue, SyncHarness.LTC, "regtest", node, PublishConfig.defaults(TOPIC).withExitAtTip(true), new BlockPublisher.Listener() {})
          .run();
    }
  }

  /** Applies everything stored in the topic to the warehouse in {@code data}. */
  static QueueConsumer.Result splitToEnd(BlockQueue queue, Path data, ConsumeConfig config, QueueConsumer.Listener listener) {
    ChainSupport support = SyncHarness.support();
    try (Warehouse warehouse = DuckDbWarehouse.open(data)) {
      return new QueueConsumer(queue, warehouse, SyncHarness.LTC, "regtest", support.splitter(), config.withExitAtTip(true), listener).run();
    }
  }

  static QueueConsumer.Result splitToEnd(BlockQueue queue, Path data) {
    return splitToEnd(queue, data, ConsumeConfig.defaults(TOPIC), new QueueConsumer.Listener() {});
  }
}
