package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.cli.XrpSyncHarness.FIRST;
import static org.openbds.cli.XrpSyncHarness.TRANSACTIONS_PER_LEDGER;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.core.SyncListener;
import org.openbds.xrp.rpc.FakeRippled;

/**
 * Crash safety of XRP sync: a {@code bds sync --chain xrp} process is killed with SIGKILL at random instants while it
 * catches up with a fake rippled serving 300 replayed mainnet ledgers of 83 transactions (24,900 transactions), and
 * started again each time: a quarter of the kills at a random instant after the start, the others at a random
 * instant after the run's first commit. Should a run catch up before its kill, the node validates more ledgers and the
 * runs go on. After every kill the warehouse must be consistent — the checkpoint is the ledger table's top, every
 * ledger below it there once with all its transactions, no table holding a row above it; after the final run it must
 * be identical to an uninterrupted sync (every table) and pass {@code bds verify}.
 */
class XrpCrashIT {
  private static final int LEDGERS = 300;
  private static final int EXTENSION = 40;
  private static final int KILLS = 12;
  private static final String BATCH_TRANSACTIONS = "400";

  @TempDir Path dir;

  @Test
  void randomKillsDuringCatchUpLeaveTheSameWarehouseAsAnUninterruptedRun() throws Exception {
    Path jar = Path.of("target/bds.jar").toAbsolutePath();
    assertThat(jar).as("the packaged CLI (failsafe runs after package)").exists();
    XrpSyncHarness.ReplayedChain chain = new XrpSyncHarness.ReplayedChain(LEDGERS + 10 * EXTENSION);
    try (FakeRippled node = new FakeRippled()) {
      long nodeTip = FIRST + LEDGERS - 1;
      chain.serve(node, FIRST, nodeTip);
      Path data = dir.resolve("killed");
      long started = System.nanoTime();
      long[] tip = {nodeTip};
      CrashLoop.Outcome outcome = new CrashLoop(dir, 20261125, KILLS, 40, true).run(nodeTip, new CrashLoop.Target() {
        @Override
        public Process start(Path log) throws Exception {
          return sync(jar, data, node.httpUrl(), log);
        }

        @Override
        public long consistentTip() {
          return XrpSyncHarness.consistentTip(data);
        }

        @Override
        public long lengthen() {
          // the node validates more ledgers
          chain.serve(node, tip[0] + 1, tip[0] + EXTENSION);
          tip[0] += EXTENSION;
          return tip[0];
        }
      });
      nodeTip = outcome.nodeTip();

      Path finalLog = dir.resolve("final.log");
      Process last = sync(jar, data, node.httpUrl(), finalLog);
      assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();
      String output = Files.readString(finalLog);
      assertThat(last.exitValue()).as(output).isZero();
      assertThat(output).contains("at the node's tip").doesNotContain("repair:");
      System.out.printf("xrp crash test: %d ledgers, %d transactions, %.1f s with the kills%n",
          nodeTip - FIRST + 1, (nodeTip - FIRST + 1) * TRANSACTIONS_PER_LEDGER, (System.nanoTime() - started) / 1e9);

      Path uninterrupted = dir.resolve("uninterrupted");
      XrpSyncHarness.syncToTip(uninterrupted, node.httpUrl(), new SyncListener() {});
      Map<String, List<Object>> expected = XrpSyncHarness.fingerprint(uninterrupted);
      assertThat(XrpSyncHarness.fingerprint(data)).isEqualTo(expected);
      XrpSyncHarness.assertHoldsThrough(data, nodeTip);
      assertThat(((Number) expected.get("transactions").get(0)).longValue()).isGreaterThanOrEqualTo(20_000);
      XrpSyncHarness.verify(data, node.httpUrl());
    }
  }

  private static Process sync(Path jar, Path data, String url, Path log) throws Exception {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar.toString(),
            "--data", data.toString(), "sync", "--chain", "xrp", "--rpc", url, "--start-height", String.valueOf(FIRST),
            "--exit-at-tip", "--no-metrics", "--batch-tx", BATCH_TRANSACTIONS, "--threads", "1")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
