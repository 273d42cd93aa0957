package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path data;

  @Test
  void demoGeneratesImportsChecksAndReports() {
    Cli.Result r = Cli.run(data, "demo", "--no-serve", "--synthetic", "--txs", "20000", "--seed", "3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("== 3. checking the warehouse against the generator's own tally")
        .contains("unspent value")
        .contains("-- outputs by script type")
        .contains("p2wpkh")
        .doesNotContain("warehouse has");
    // a second run starts afresh and gives the same chain
    Cli.Result again = Cli.run(data, "demo", "--no-serve", "--synthetic", "--txs", "20000", "--seed", "3");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out().replaceAll("in [0-9.]+ s \\([0-9,]+ tx/s\\)", ""))
        .isEqualTo(r.out().replaceAll("in [0-9.]+ s \\([0-9,]+ tx/s\\)", ""));
  }
}
