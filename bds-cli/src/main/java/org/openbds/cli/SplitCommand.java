package org.openbds.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openbds.api.BdsException;
import org.openbds.api.BdsMessages;
import org.openbds.api.ErrorCode;
import org.openbds.api.BlockQueue;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainFamily;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.QueueRecord;
import org.openbds.api.SplitOptions;
import org.openbds.api.Warehouse;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ConsumeConfig;
import org.openbds.core.ImportConfig;
import org.openbds.core.ImportProgress;
import org.openbds.core.QueueConsumer;
import org.openbds.core.queue.PublishConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bds split}: applies a chain's block messages from a block queue to the warehouse, exactly once (the queue
 * position is committed with the rows), following the topic until stopped.
 */
@Command(name = "split", description = "Apply a chain's blocks from a block queue (Kafka) to the warehouse.")
final class SplitCommand implements Callable<Integer> {
  @ParentCommand BdsCommand parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--chain",
      required = true,
      split = ",",
      description = "Chain id: btc, ltc, bch, doge, bsv (Bitcoin family), eth, etc (Ethereum family); several (repeated or comma-separated) for a topic"
          + " that holds several chains.")
  List<String> chainIds;

  @Option(
      names = "--group",
      description = "Join this consumer group: the topic's partitions are shared among the group's members, each applying the chains it is given"
          + " (into one shared warehouse, PostgreSQL).")
  String group;

  @Option(names = "--network", defaultValue = "mainnet", description = "The chain's network (default: ${DEFAULT-VALUE}); messages of another go to the dead letters.")
  String network;

  @Option(names = "--from", required = true, description = "The queue: kafka://host:port[,host:port…].")
  String from;

  @Option(names = "--topic", description = "The topic (default: bds.<chain>.blocks).")
  String topic;

  @Option(names = "--dead-letter-topic", description = "Where records that cannot be applied go (default: the topic's name + .dead).")
  String deadLetterTopic;

  @Option(names = "--on-poison", defaultValue = "stop", description = "After a record went to the dead letters: stop (default) or continue.")
  String onPoison;

  @Option(names = "--exit-at-tip", description = "Stop once everything stored in the topic is applied.")
  boolean exitAtTip;

  @Option(names = "--threads", description = "Decoding threads (default: available processors less two, at least one).")
  Integer threads;

  @Option(names = "--batch-tx", defaultValue = "500000", description = "Commit after this many transactions at most (default: ${DEFAULT-VALUE}).")
  int batchTransactions;

  @Option(
      names = "--format",
      defaultValue = "native",
      description = "The topic's records: native (bds source's block messages, the default) or bds (the original BDS product's per-block JSON documents).")
  String format;

  @Option(names = "--input-scripts", description = "Also store every input's script and witness bytes (Bitcoin family).")
  boolean inputScripts;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String chain = chainIds.get(0);
    ChainFamily family = ChainFamilies.load().forChain(chain);
    ChainId id = new ChainId(chain);
    if ((chainIds.size() > 1 || group != null) && topic == null) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "several chains or a consumer group read a shared topic: name it with --topic");
    }
    if ((chainIds.size() > 1 || group != null) && format.equals("bds")) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a topic of BDS documents holds one chain: --format bds takes one --chain and no --group");
    }
    String t = topic == null ? PublishConfig.defaultTopic(id) : topic;
    ImportConfig importConfig = ImportConfig.defaults().withBatchTransactions(batchTransactions);
    if (threads != null) {
      importConfig = importConfig.withDecodeThreads(threads);
    }
    ConsumeConfig config = ConsumeConfig.defaults(t).withOnPoison(onPoison(onPoison)).withExitAtTip(exitAtTip).withImportConfig(importConfig);
    if (deadLetterTopic != null) {
      config = config.withDeadLetterTopic(deadLetterTopic);
    }
    ChainSupport support = family.open(id, network, new SplitOptions(inputScripts));
    CountDownLatch done = new CountDownLatch(1);
    try (BlockQueue queue = Queues.open(from);
        Warehouse warehouse = Warehouses.open(parent)) {
      ProgressPrinter progress = new ProgressPrinter(err, System.console() != null);
      QueueConsumer.Listener listener = new QueueConsumer.Listener() {
        private Optional<BlockRef> reported = Optional.empty();

        @Override
        public void progress(ImportProgress p) {
          progress.accept(p);
        }

        @Override
        public void rollback(BlockRef abandoned, BlockRef ancestor) {
          out.printf("reorg: rolled back heights %,d..%,d to %s%n", ancestor.height() + 1, abandoned.height(), ancestor);
          out.flush();
        }

        @Override
        public void deadLetter(QueueRecord record, String reason, String deadTopic) {
          err.printf("bds: record %s set aside in %s: %s%n", record.where(), deadTopic, reason);
          err.flush();
        }

        @Override
        public void idle(Optional<BlockRef> tip) {
          if (!tip.equals(reported)) {
            progress.finish();
            reported = tip;
            out.printf("applied everything in %s: tip %s%n", queue.endpoint(), tip.map(Object::toString).orElse("(no blocks)"));
            out.flush();
          }
        }
      };
      List<QueueConsumer.Chain> chains = new ArrayList<>();
      for (String c : chainIds) {
        ChainId cid = new ChainId(c);
        chains.add(new QueueConsumer.Chain(cid, network, ChainFamilies.load().forChain(c).open(cid, network, new SplitOptions(inputScripts)).splitter()));
      }
      QueueConsumer consumer = switch (format) {
        case "native" -> group != null
            ? QueueConsumer.inGroup(queue, warehouse, chains, group, config, listener)
            : QueueConsumer.ofChains(queue, warehouse, chains, config, listener);
        case "bds" -> {
          BdsMessages bds = support.bdsMessages().orElseThrow(() -> new org.openbds.api.BdsException(
              org.openbds.api.ErrorCode.INVALID_ARGUMENT, "the " + family.name() + " family does not read BDS messages"));
          yield QueueConsumer.ofBdsDocuments(queue, warehouse, id, network, bds, bds.splitter(), config, listener);
        }
        default -> throw new org.openbds.api.BdsException(org.openbds.api.ErrorCode.INVALID_ARGUMENT, "--format is native or bds, not " + format);
      };
      Thread hook = new Thread(() -> {
        consumer.stop();
        try {
          done.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "split-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      out.printf("splitting %s (%s) from %s, topic %s, into %s%n", String.join(", ", chainIds), network, queue.endpoint(), t, parent.data);
      out.flush();
      QueueConsumer.Result r;
      try {
        r = consumer.run();
      } finally {
        progress.finish();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down (Ctrl-C): the hook waits for this run to end
        }
      }
      out.printf("stopped at %s: %,d blocks and %,d transactions applied, %d rollback(s), %d duplicate(s), %d stale, %d dead letter(s), %.1f s%n",
          r.tip().map(Object::toString).orElse("(no blocks)"), r.blocks(), r.transactions(), r.rollbacks(), r.duplicates(), r.stale(), r.deadLetters(),
          r.elapsedNanos() / 1e9);
    } finally {
      done.countDown();
    }
    return 0;
  }

  private static ConsumeConfig.OnPoison onPoison(String value) {
    return switch (value) {
      case "stop" -> ConsumeConfig.OnPoison.STOP;
      case "continue" -> ConsumeConfig.OnPoison.CONTINUE;
      default -> throw new org.openbds.api.BdsException(org.openbds.api.ErrorCode.INVALID_ARGUMENT, "--on-poison is stop or continue, not " + value);
    };
  }
}
