package org.openbds.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openbds.api.BlockQueue;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainFamily;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.SplitOptions;
import org.openbds.core.ChainFamilies;
import org.openbds.core.queue.BlockPublisher;
import org.openbds.core.queue.PublishConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bds source}: publishes a chain from a node's JSON-RPC interface to a block queue (a topic of the chain's
 * blocks, with rollback messages for reorgs), catching up from what the topic holds and then following the node.
 */
@Command(name = "source", description = "Publish a chain from a node to a block queue (Kafka) for bds split to apply.")
final class SourceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--chain", required = true, description = "Chain id: btc, ltc, bch, doge, bsv (Bitcoin family), eth, etc (Ethereum family).")
  String chain;

  @Option(names = "--network", defaultValue = "mainnet", description = "The chain's network (default: ${DEFAULT-VALUE}); consumers refuse another.")
  String network;







  @Option(names = "--to", required = true, description = "The queue: kafka://host:port[,host:port…].")
  String to;

  @Option(names = "--topic", description = "The topic (default: bds.<chain>.blocks).")
  String topic;

  @Option(names = "--partitions", defaultValue = "1", description = "Partitions of the topic when it is created here (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--confirmations", defaultValue = "0", description = "Publish a block only when this many blocks are on top of it (default: ${DEFAULT-VALUE}).")
  int confirmations;

  @Option(names = "--start-height", defaultValue = "0", description = "First height to publish to a topic without the chain (default: ${DEFAULT-VALUE}).")
  long startHeight;

  @Mixin NodeOptions nodeOptions;

  @Option(names = "--exit-at-tip", description = "Stop once everything the node has is published and stored.")
  boolean exitAtTip;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ChainFamily family = ChainFamilies.load().forChain(chain);
    ChainId id = new ChainId(chain);
    PublishConfig config = PublishConfig.defaults(topic == null ? PublishConfig.defaultTopic(id) : topic)
        .withPartitions(partitions).withConfirmations(confirmations).withStartHeight(startHeight).withExitAtTip(exitAtTip);
    NodeSettings settings = nodeOptions.settings();
    ChainSupport support = family.open(id, network, SplitOptions.defaults());
    CountDownLatch done = new CountDownLatch(1);
    try (BlockQueue queue = Queues.open(to);
        NodeSource node = support.node(settings)) {
      BlockPublisher publisher = new BlockPublisher(queue, id, network, node, config, new BlockPublisher.Listener() {
        private boolean following;

        @Override
        public void published(BlockRef tip, long blocks, long nodeTip) {
          if (following) {
            out.printf("published block %,d %s%n", tip.height(), tip.hash());
          } else if (blocks > 0) {
            out.printf("published %,d blocks, at %,d of %,d%n", blocks, tip.height(), nodeTip);
          }
          out.flush();
        }

        @Override
        public void caughtUp(Optional<BlockRef> tip, long nodeTip) {
          following = true;
          out.printf("at the node's tip: %s (node height %,d)%s%n", tip.map(Object::toString).orElse("(nothing to publish)"), nodeTip,
              exitAtTip ? "" : "; following new blocks");
          out.flush();
        }

        @Override
        public void rollback(BlockRef abandoned, BlockRef ancestor) {
          out.printf("reorg: published a rollback of heights %,d..%,d to the common ancestor %s%n", ancestor.height() + 1, abandoned.height(), ancestor);
          out.flush();
        }
      });
      Thread hook = new Thread(() -> {
        publisher.stop();
        try {
          done.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "source-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      out.printf("publishing %s (%s) from %s to %s, topic %s%n", id, network, node.endpoint(), queue.endpoint(), config.topic());
      out.flush();
      BlockPublisher.Result r;
      try {
        r = publisher.run();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down (Ctrl-C): the hook waits for this run to end
        }
      }
      out.printf("stopped at %s: %,d blocks (%,d bytes) and %d rollback(s) published, %.1f s%n",
          r.tip().map(Object::toString).orElse("(nothing)"), r.blocks(), r.bytes(), r.rollbacks(), r.elapsedNanos() / 1e9);
    } finally {
      done.countDown();
    }
    return 0;
  }
}
