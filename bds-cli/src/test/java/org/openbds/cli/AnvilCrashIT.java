package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.ethereum.devnet.AnvilNode;
import org.openbds.ethereum.devnet.BulkResult;
import org.openbds.ethereum.devnet.EvmActivity;
import org.openbds.ethereum.split.EthTables;

/**
 * Crash safety of Ethereum sync: a {@code bds sync --chain eth} process is killed with SIGKILL at random instants
 * while it catches up with an anvil chain of more than twenty thousand transactions (contract and token activity, then
 * a bulk load of ether and token transfers), and started again each time: a quarter of the kills at a random instant
 * after the start, the others at a random instant after the run's first commit. Should a run catch up before its
 * kill (a fast machine), the chain is lengthened and the runs go on. After every kill the warehouse must be
 * consistent — the checkpoint is the block table's top, no table holds a row above it, every block's transactions and
 * logs are all there; after the final run it must be identical to an uninterrupted sync (every table) and reconcile
 * with the node.
 */
class AnvilCrashIT {
  private static final int ROUNDS = 8;
  private static final int BULK_TRANSACTIONS = 20_000;
  private static final int BULK_PER_BLOCK = 25;
  private static final int EXTENSION_TRANSACTIONS = 3_000;
  private static final int KILLS = 12;
  private static final String BATCH_TRANSACTIONS = "400";

  @TempDir Path dir;

  @Test
  void randomKillsDuringCatchUpLeaveTheSameWarehouseAsAnUninterruptedRun() throws Exception {
    Path binary = AnvilHarness.requireAnvil("AnvilCrashIT");
    Path jar = Path.of("target/bds.jar").toAbsolutePath();
    assertThat(jar).as("the packaged CLI (failsafe runs after package)").exists();
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("node"))) {
      long built = System.nanoTime();
      EvmActivity activity = EvmActivity.start(node, 31);
      activity.rounds(ROUNDS);
      BulkResult bulk = activity.bulk(BULK_TRANSACTIONS, BULK_PER_BLOCK);
      activity.rounds(2);
      long nodeTip = node.rpc().blockNumber();
      System.out.printf("crash test: %d blocks built in %.1f s%n", nodeTip, (System.nanoTime() - built) / 1e9);
      assertThat(bulk.transactions()).isEqualTo(BULK_TRANSACTIONS);

      Path data = dir.resolve("killed");
      CrashLoop.Outcome outcome = new CrashLoop(dir, 20261124, KILLS, 40, true).run(nodeTip, new CrashLoop.Target() {
        @Override
        public Process start(Path log) throws Exception {
          return sync(jar, data, node.url(), log);
        }

        @Override
        public long consistentTip() throws Exception {
          return AnvilHarness.consistentTip(data);
        }

        @Override
        public long lengthen() throws Exception {
          activity.bulk(EXTENSION_TRANSACTIONS, BULK_PER_BLOCK);
          return node.rpc().blockNumber();
        }
      });
      nodeTip = outcome.nodeTip();

      Path finalLog = dir.resolve("final.log");
      Process last = sync(jar, data, node.url(), finalLog);
      assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String output = Files.readString(finalLog);
      assertThat(last.exitValue()).as(output).isZero();
      assertThat(output).contains("at the node's tip").doesNotContain("repair:");

      Path uninterrupted = dir.resolve("uninterrupted");
      AnvilHarness.syncToTip(uninterrupted, node.url());
      Map<String, List<Object>> expected = AnvilHarness.fingerprint(uninterrupted);
      assertThat(AnvilHarness.fingerprint(data)).isEqualTo(expected);
      assertThat(expected.get("checkpoint").get(0)).isEqualTo(nodeTip);
      assertThat(((Number) expected.get(EthTables.TRANSACTIONS).get(0)).longValue()).isGreaterThan(BULK_TRANSACTIONS);
      assertThat(((Number) expected.get(EthTables.TOKEN_TRANSFERS).get(0)).longValue()).isGreaterThan(BULK_TRANSACTIONS / 3);
      AnvilHarness.reconcile(data, node.url());
    }
  }

  private static Process sync(Path jar, Path data, String url, Path log) throws Exception {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar", jar.toString(),
            "--data", data.toString(), "sync", "--chain", "eth", "--network", "dev", "--rpc", url,
            "--exit-at-tip", "--batch-tx", BATCH_TRANSACTIONS, "--threads", "1")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
