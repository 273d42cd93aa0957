package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.duckdb.DuckDbWarehouse;

/** The README's main command: a private node, live sync through a reorg, reconciliation, report, clean-up. */
class LiveDemoIT {
  @TempDir Path data;

  @Test
  void demoSyncsLiveVerifiesReportsAndCleansUp() throws Exception {
    if (RegtestNode.findBinary().isEmpty()) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping");
      assumeTrue(false, "litecoind missing");
    }
    Cli.Result r = Cli.run(data, "demo", "--rounds", "12", "--seed", "5");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("== 3. reconciling the warehouse with the node")
        .containsPattern("all \\d+ checks passed")
        .doesNotContain("FAIL")
        .contains("rolled back 1 reorg(s)")
        .contains("-- outputs by script type")
        .contains("op_return")
        .contains("p2sh")
        .contains("p2wpkh")
        .contains("p2pkh");
    Matcher nodeDir = Pattern.compile("starting a private litecoind -regtest in (\\S+)").matcher(r.out());
    assertThat(nodeDir.find()).isTrue();
    assertThat(Path.of(nodeDir.group(1))).doesNotExist();
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data.resolve("demo/warehouse"))) {
      assertThat(w.checkpoint(SyncHarness.LTC)).isPresent();
      assertThat(((Number) w.query("SELECT COUNT(*) FROM ltc.transactions WHERE NOT is_coinbase").rows().get(0).get(0)).longValue()).isGreaterThan(20);
    }
    assertThat(Files.list(data.resolve("demo")).map(p -> p.getFileName().toString())).containsExactly("warehouse");
  }
}
