package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
      CrashLoop.Outcome outcome = new CrashLoop(dir, 20261123, KILLS, 80, false).run(nodeTip, new CrashLoop.Target() {
        @Override
        public Process start(Path log) throws Exception {
          return sync(jar, data, node.url(), log);
        }

        @Override
        public long consistentTip() throws Exception {
          return SyncHarness.consistentTip(data);
        }

        @Override
        public long lengthen() throws Exception {
          for (int i = 0; i < EXTENSION_BLOCKS; i++) {
            bulk.buildBlock(TRANSACTIONS_PER_BLOCK);
          }
          return node.call("getblockcount").asLong();
        }
      });
      nodeTip = outcome.nodeTip();

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
