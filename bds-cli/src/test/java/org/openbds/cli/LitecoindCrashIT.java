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

/**
 * Crash safety: a {@code bds sync} process is killed with SIGKILL at random instants while it catches up with a chain
 * of tens of thousands of transactions, and started again each time. After every kill the warehouse must be
 * consistent (checkpoint and block rows agree); after the final run it must be identical to an uninterrupted sync and
 * reconcile with the node.
 */
class LitecoindCrashIT {
  private static final int BLOCKS = 80;
  private static final int TRANSACTIONS_PER_BLOCK = 2_500;
  private static final int KILLS = 12;
  private static final int EXTENSION_BLOCKS = 10;

  @TempDir Path dir;

  @Test
  void randomKillsDuringCatchUpLeaveTheSameWarehouseAsAnUninterruptedRun() throws Exception {
    Optional<Path> binary = RegtestNode.findBinary();
    if (binary.isEmpty()) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping");
      assumeTrue(false, "litecoind missing");
    }
    Path jar = Path.of("target/bds.jar").toAbsolutePath();
    assertThat(jar).as("the packaged CLI (failsafe runs after package)").exists();
    try (RegtestNode node = RegtestNode.start(binary.get(), dir.resolve("node"))) {
      BulkChainBuilder bulk = BulkChainBuilder.start(node, 99);
      for (int i = 0; i < BLOCKS; i++) {
        bulk.buildBlock(TRANSACTIONS_PER_BLOCK);
      }
      long nodeTip = node.call("getblockcount").asLong();
      assertThat(bulk.tally().transactions()).isGreaterThanOrEqualTo(20_000);

      Path data = dir.resolve("killed");
      Random random = new Random(20261123);
      int kills = 0;
      int killsWithProgress = 0;
      long lastTip = -1;
      List<String> history = new ArrayList<>();
      for (int run = 0; kills < KILLS; run++) {
        assertThat(run).as("runs so far: %s", history).isLessThan(80);
        Path log = dir.resolve("run-" + run + ".log");
        Process p = sync(jar, data, node.url(), log);
        boolean duringStartUp = random.nextInt(4) == 0;
        long delayMillis = duringStartUp ? 300 + random.nextInt(2200) : random.nextInt(1200);
        // a quarter of the kills come at a random instant after the start (warehouse recovery, the first fetch); the
        // others at a random instant after the run's first commit, so that a loaded machine still sees kills mid-catch-up
        boolean endedFirst = (!duringStartUp && !awaitFirstCommit(p, log)) || p.waitFor(delayMillis, TimeUnit.MILLISECONDS);
        if (endedFirst) {
          // the run caught up before the kill (a fast machine): lengthen the chain so that the next runs have work again
          assertThat(p.exitValue()).as(Files.readString(log)).isZero();
          assertThat(SyncHarness.consistentTip(data)).isEqualTo(nodeTip);
          for (int i = 0; i < EXTENSION_BLOCKS; i++) {
            bulk.buildBlock(TRANSACTIONS_PER_BLOCK);
          }
          nodeTip = node.call("getblockcount").asLong();
          history.add("caught up; chain lengthened to " + nodeTip);
          continue;
        }
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        kills++;
        long tip = SyncHarness.consistentTip(data);
        history.add((duringStartUp ? "start+" : "commit+") + delayMillis + "ms→" + tip);
        if (duringStartUp) {
          assertThat(tip).as("a kill lost committed blocks: %s", history).isGreaterThanOrEqualTo(lastTip);
        } else {
          // the run committed blocks before it was killed: they are all there
          assertThat(tip).as("a kill lost committed blocks: %s", history).isGreaterThan(lastTip);
          killsWithProgress++;
        }
        lastTip = tip;
      }
      System.out.println("crash test: " + kills + " SIGKILLs, " + killsWithProgress + " after progress: " + history);
      assertThat(killsWithProgress).as("kills that interrupted a catch-up in progress: %s", history).isGreaterThanOrEqualTo(KILLS / 2);

      Process last = sync(jar, data, node.url(), dir.resolve("final.log"));
      assertThat(last.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(last.exitValue()).as(Files.readString(dir.resolve("final.log"))).isZero();

      Path uninterrupted = dir.resolve("uninterrupted");
      SyncHarness.syncToTip(uninterrupted, node.url(), 500_000, new SyncListener() {});
      Map<String, List<Object>> expected = WarehouseFingerprint.of(uninterrupted, "ltc");
      assertThat(WarehouseFingerprint.of(data, "ltc")).isEqualTo(expected);
      assertThat(expected.get("checkpoint").get(0)).isEqualTo(nodeTip);
      SyncHarness.reconcile(data, node.url());
    }
  }

  /**
   * Waits until the run prints its first progress line, which it does at its first commit; false when the process
   * ends first.
   */
  private static boolean awaitFirstCommit(Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(log).contains("% height ")) {
      if (p.waitFor(20, TimeUnit.MILLISECONDS)) {
        return false;
      }
      assertThat(System.nanoTime()).as("the run's first commit within 60 s").isLessThan(deadline);
    }
    return true;
  }

  private static Process sync(Path jar, Path data, String url, Path log) throws Exception {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar.toString(),
            "--data", data.toString(), "sync", "--chain", "ltc", "--network", "regtest", "--rpc", url,
            "--exit-at-tip", "--batch-tx", "600", "--threads", "1")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

}
