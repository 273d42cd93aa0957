package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.bitcoin.regtest.BulkChainBuilder;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.kafka.LocalKafka;

/**
 * Exactly once through Kafka, with the real processes: {@code bds source} (litecoind regtest → Kafka) and {@code bds
 * split} (Kafka → the warehouse) are killed with SIGKILL at random instants and started again, and the broker is
 * restarted while the consumer runs. The final warehouse equals an uninterrupted direct sync and reconciles with the
 * node: no block lost, none applied twice.
 */
class KafkaCrashIT {
  private static final int BLOCKS = 40;
  private static final int TRANSACTIONS_PER_BLOCK = 1_000;
  private static final int SOURCE_KILLS = 3;
  private static final int SPLIT_KILLS = 10;

  @TempDir Path dir;

  @Test
  void killedSourcesAndSplittersAndARestartedBrokerLeaveTheWarehouseOfAnUninterruptedSync() throws Exception {
    Optional<Path> binary = RegtestNode.findBinary();
    if (binary.isEmpty()) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping");
      assumeTrue(false, "litecoind missing");
    }
    Path jar = Path.of("target/bds.jar").toAbsolutePath();
    assertThat(jar).as("the packaged CLI (failsafe runs after package)").exists();
    Path kafkaDir = dir.resolve("kafka");
    LocalKafka broker = LocalKafka.start(kafkaDir, 0);
    try (RegtestNode node = RegtestNode.start(binary.get(), dir.resolve("node"))) {
      BulkChainBuilder bulk = BulkChainBuilder.start(node, 7);
      for (int i = 0; i < BLOCKS; i++) {
        bulk.buildBlock(TRANSACTIONS_PER_BLOCK);
      }
      long nodeTip = node.call("getblockcount").asLong();
      Random random = new Random(20261125);
      List<String> history = new ArrayList<>();

      // the source, killed a few times at random instants after it starts publishing
      for (int kill = 0; kill < SOURCE_KILLS; kill++) {
        Path log = dir.resolve("source-" + kill + ".log");
        Process p = run(jar, log, "source", "--chain", "ltc", "--network", "regtest", "--rpc", node.url(), "--to", broker.url(), "--exit-at-tip");
        awaitLine(p, log, "publishing ltc");
        if (p.waitFor(random.nextInt(1500), TimeUnit.MILLISECONDS)) {
          history.add("source ended before its kill");
          continue;
        }
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        history.add("source killed");
      }
      Process source = run(jar, dir.resolve("source-final.log"), "source", "--chain", "ltc", "--network", "regtest", "--rpc", node.url(), "--to",
          broker.url(), "--exit-at-tip");
      assertThat(source.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(source.exitValue()).as(Files.readString(dir.resolve("source-final.log"))).isZero();

      // the splitter, killed at random instants after its first commit; the broker restarted once on the way
      Path data = dir.resolve("data");
      int kills = 0;
      long lastTip = -1;
      boolean restarted = false;
      for (int run = 0; kills < SPLIT_KILLS; run++) {
        assertThat(run).as("runs so far: %s", history).isLessThan(60);
        Path log = dir.resolve("split-" + run + ".log");
        Process p = split(jar, data, broker.url(), log);
        if (!awaitLine(p, log, " blocks  ") || p.waitFor(random.nextInt(300), TimeUnit.MILLISECONDS)) {
          // it applied everything before the kill: start over on a fresh warehouse so that the next runs have work
          assertThat(p.exitValue()).as(Files.readString(log)).isZero();
          assertThat(SyncHarness.consistentTip(data)).isEqualTo(nodeTip);
          history.add("split reached the end; starting over");
          deleteTree(data);
          lastTip = -1;
          continue;
        }
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        kills++;
        long tip = SyncHarness.consistentTip(data);
        assertThat(tip < 0 || queuePositionStored(data)).as("the position is committed with the rows").isTrue();
        assertThat(tip).as("a kill lost committed blocks: %s", history).isGreaterThan(lastTip);
        lastTip = tip;
        history.add("split killed at " + tip);
        if (!restarted && kills == SPLIT_KILLS / 2) {
          broker.stop();
          broker = LocalKafka.start(kafkaDir, broker.port());
          restarted = true;
          history.add("broker restarted");
        }
      }
      System.out.println("kafka crash test: " + history);
      Path finalLog = dir.resolve("split-final.log");
      Process last = split(jar, data, broker.url(), finalLog);
      assertThat(last.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(last.exitValue()).as(Files.readString(finalLog)).isZero();

      Path uninterrupted = dir.resolve("uninterrupted");
      SyncHarness.syncToTip(uninterrupted, node.url(), 500_000, new SyncListener() {});
      Map<String, List<Object>> expected = WarehouseFingerprint.of(uninterrupted, "ltc");
      assertThat(WarehouseFingerprint.of(data, "ltc")).isEqualTo(expected);
      assertThat(expected.get("checkpoint").get(0)).isEqualTo(nodeTip);
      SyncHarness.reconcile(data, node.url());
    } finally {
      broker.stop();
    }
  }

  private static Process split(Path jar, Path data, String url, Path log) throws Exception {
    return run(jar, log, "--data", data.toString(), "split", "--chain", "ltc", "--network", "regtest", "--from", url, "--exit-at-tip",
        "--batch-tx", "1500", "--threads", "1");
  }

  private static Process run(Path jar, Path log, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Waits until the log shows {@code text}; false when the process ends first. */
  private static boolean awaitLine(Process p, Path log, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!Files.readString(log).contains(text)) {
      if (p.waitFor(20, TimeUnit.MILLISECONDS)) {
        return Files.readString(log).contains(text);
      }
      assertThat(System.nanoTime()).as("'%s' within 90 s: %s", text, Files.readString(log)).isLessThan(deadline);
    }
    return true;
  }


  private static void deleteTree(Path p) throws Exception {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  /** Whether the warehouse holds the queue position, which the consumer commits with every batch of rows. */
  private static boolean queuePositionStored(Path data) {
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      return w.queuePosition(SyncHarness.LTC).isPresent();
    }
  }
}
