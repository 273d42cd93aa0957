package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    if (RegtestNode.findBinary().isEmpty() || org.openbds.ethereum.devnet.AnvilNode.findBinary().isEmpty()) {
      System.out.println("NOTICE: litecoind or anvil is not installed (./bds test installs both); skipping");
      assumeTrue(false, "litecoind or anvil missing");
    }
    Cli.Result r = Cli.run(data, "demo", "--no-serve", "--rounds", "12", "--evm-rounds", "6", "--seed", "5");
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
        .contains("p2pkh")
        .contains("== 7. reconciling the eth schema with the devnet")
        .contains("PASS eth_getBalance")
        .contains("PASS balanceOf.erc20")
        .contains("PASS ownerOf.erc721")
        .contains("PASS balanceOf.erc1155")
        .contains("-- token transfers by standard");
    // both halves compute their metrics and write the month's report
    assertThat(r.out()).containsPattern("TxCnt +\\d+").containsPattern("SplyCur +\\d+");
    for (String report : List.of("ltc-report.html", "eth-report.html")) {
      Path file = data.resolve("demo").resolve(report);
      assertThat(r.out()).contains("wrote " + file);
      assertThat(Files.readString(file)).contains("<svg").contains("</html>");
    }
    String evm = r.out().substring(r.out().indexOf("== 5."));
    assertThat(evm).containsPattern("all \\d+ checks passed").contains("rolled back 1 reorg(s)");
    Matcher devnetDir = Pattern.compile("starting a private anvil devnet in (\\S+)").matcher(r.out());
    assertThat(devnetDir.find()).isTrue();
    assertThat(Path.of(devnetDir.group(1))).doesNotExist();
    Matcher nodeDir = Pattern.compile("starting a private litecoind -regtest in (\\S+)").matcher(r.out());
    assertThat(nodeDir.find()).isTrue();
    assertThat(Path.of(nodeDir.group(1))).doesNotExist();
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data.resolve("demo/warehouse"))) {
      assertThat(w.checkpoint(SyncHarness.LTC)).isPresent();
      assertThat(((Number) w.query("SELECT COUNT(*) FROM ltc.transactions WHERE NOT is_coinbase").rows().get(0).get(0)).longValue()).isGreaterThan(20);
      assertThat(w.checkpoint(AnvilHarness.ETH)).isPresent();
      assertThat(((Number) w.query("SELECT COUNT(*) FROM eth.token_transfers").rows().get(0).get(0)).longValue()).isGreaterThan(50);
    }
    assertThat(Files.list(data.resolve("demo")).map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrder("warehouse", "ltc-report.html", "eth-report.html");
  }
}
