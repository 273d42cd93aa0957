package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsException;
import org.openbds.api.BlockQueue;
import org.openbds.api.BlockRef;
import org.openbds.api.ErrorCode;
import org.openbds.api.QueueRecord;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.bitcoin.regtest.WalletActivity;
import org.openbds.core.ConsumeConfig;
import org.openbds.core.QueueConsumer;
import org.openbds.core.SyncListener;
import org.openbds.core.queue.BlockPublisher;

/**
 * A real {@code litecoind -regtest} published to a block queue and split from it into the warehouse: the result
 * reconciles with the node and equals a direct sync, through reorgs (published as rollback messages), replays and
 * records that cannot be applied. Subclasses give the queue: in-process here, Kafka in {@code KafkaQueueFlowIT}.
 */
abstract class BlockQueueFlowIT {
  @TempDir Path dir;

  /** A fresh, empty queue for one test. */
  protected abstract BlockQueue openQueue() throws Exception;

  /** Appends raw bytes to a topic as a foreign producer would. */
  protected abstract void appendRaw(BlockQueue queue, String topic, String key, byte[] value);

  /** Every record of a topic, in order. */
  protected List<QueueRecord> readAll(BlockQueue queue, String topic) {
    List<QueueRecord> out = new ArrayList<>();
    try (BlockQueue.Subscription s = queue.subscribe(topic, Map.of())) {
      while (true) {
        List<QueueRecord> got = s.poll(Duration.ofSeconds(2));
        out.addAll(got);
        if (got.isEmpty() && s.atEnd()) {
          return out;
        }
      }
    }
  }

  static Path binary() {
    Optional<Path> binary = RegtestNode.findBinary();
    if (binary.isEmpty()) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping");
      assumeTrue(false, "litecoind missing");
    }
    return binary.get();
  }

  @Test
  void theSplitWarehouseEqualsADirectSyncThroughReorgs() throws Exception {
    try (RegtestNode node = RegtestNode.start(binary(), dir.resolve("node"));
        BlockQueue queue = openQueue()) {
      WalletActivity activity = WalletActivity.start(node, 5);
      activity.rounds(25);
      Path data = dir.resolve("data");
      BlockPublisher.Result published = QueueHarness.publishToTip(queue, node.url());
      assertThat(published.tip().map(BlockRef::height)).contains(node.call("getblockcount").asLong());
      QueueConsumer.Result split = QueueHarness.splitToEnd(queue, data);
      assertThat(split.blocks()).isEqualTo(published.blocks());
      SyncHarness.reconcile(data, node.url());
      for (int depth : new int[] {1, 7}) {
        long before = node.call("getblockcount").asLong();
        activity.reorg(depth);
        BlockPublisher.Result again = QueueHarness.publishToTip(queue, node.url());
        assertThat(again.rollbacks()).as("depth %d", depth).isEqualTo(1);
        List<BlockRef[]> rolledBack = new ArrayList<>();
        QueueConsumer.Result r = QueueHarness.splitToEnd(queue, data, ConsumeConfig.defaults(QueueHarness.TOPIC), new QueueConsumer.Listener() {
          @Override
          public void rollback(BlockRef abandoned, BlockRef ancestor) {
            rolledBack.add(new BlockRef[] {abandoned, ancestor});
          }
        });
        assertThat(rolledBack).hasSize(1);
        assertThat(rolledBack.get(0)[1].height()).isEqualTo(before - depth);
        assertThat(r.duplicates() + r.stale()).as("nothing is read twice when resuming from the stored position").isZero();
        SyncHarness.reconcile(data, node.url());
      }
      Path direct = dir.resolve("direct");
      SyncHarness.syncToTip(direct, node.url(), 500_000, new SyncListener() {});
      assertThat(WarehouseFingerprint.of(data, "ltc")).isEqualTo(WarehouseFingerprint.of(direct, "ltc"));

      // a second warehouse reading the whole log from its start, old branches and rollbacks included, ends the same
      Path replay = dir.resolve("replay");
      QueueConsumer.Result whole = QueueHarness.splitToEnd(queue, replay);
      assertThat(whole.rollbacks()).isEqualTo(2);
      assertThat(WarehouseFingerprint.of(replay, "ltc")).isEqualTo(WarehouseFingerprint.of(direct, "ltc"));
      // and reading it again changes nothing
      QueueConsumer.Result nothing = QueueHarness.splitToEnd(queue, replay);
      assertThat(nothing.blocks()).isZero();
      assertThat(WarehouseFingerprint.of(replay, "ltc")).isEqualTo(WarehouseFingerprint.of(direct, "ltc"));
    }
  }

  @Test
  void recordsThatCannotBeAppliedGoToTheDeadLetterTopicWithTheirReason() throws Exception {
    try (RegtestNode node = RegtestNode.start(binary(), dir.resolve("node"));
        BlockQueue queue = openQueue()) {
      WalletActivity activity = WalletActivity.start(node, 6);
      activity.rounds(5);
      QueueHarness.publishToTip(queue, node.url());
      appendRaw(queue, QueueHarness.TOPIC, "ltc", "{\"not\": \"a block message\"}".getBytes(StandardCharsets.UTF_8));
      activity.rounds(2);
      QueueHarness.publishToTip(queue, node.url());
      Path data = dir.resolve("data");

      // stop (the default): the blocks before the bad record are applied and kept, the consumer stops naming it
      assertThatThrownBy(() -> QueueHarness.splitToEnd(queue, data))
          .isInstanceOf(BdsException.class)
          .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.MALFORMED_BLOCK))
          .hasMessageContaining("not a block message")
          .hasMessageContaining(QueueHarness.TOPIC + ".dead");
      List<QueueRecord> dead = readAll(queue, QueueHarness.TOPIC + ".dead");
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).headers().get("bds.reason")).contains("not a block message");
      assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("a block message");

      // continue: the consumer goes past it and applies the rest
      QueueConsumer.Result r = QueueHarness.splitToEnd(queue, data, ConsumeConfig.defaults(QueueHarness.TOPIC).withOnPoison(ConsumeConfig.OnPoison.CONTINUE),
          new QueueConsumer.Listener() {});
      assertThat(r.deadLetters()).isEqualTo(1);
      assertThat(r.tip().map(BlockRef::height)).contains(node.call("getblockcount").asLong());
      SyncHarness.reconcile(data, node.url());
      assertThat(readAll(queue, QueueHarness.TOPIC + ".dead")).hasSize(2);
    }
  }
}
