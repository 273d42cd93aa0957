package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.bitcoin.generate.GeneratorTally;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * A generated chain with an exchange-like hot address: one address takes the requested share of the payments, its
 * outputs are spent like any other, and the chain is otherwise as valid as without it (every input resolved, fees
 * exact, the generator's tally met).
 */
class GeneratedHotAddressTest {
  @TempDir Path dir;

  @Test
  void oneAddressTakesItsShareOfThePaymentsAndTheChainStaysExact() {
    Path blocks = dir.resolve("blocks");
    Cli.Result g = Cli.run(dir.resolve("unused"), "generate", "--chain", "btc", "--txs", "20000", "--seed", "5", "--out", blocks.toString(),
        "--txs-per-block", "200", "--hot-address-percent", "20");
    assertThat(g.exitCode()).as(g.err()).isZero();
    GeneratorTally tally = GeneratorTally.read(blocks.resolve(GeneratorTally.FILE_NAME));
    Path data = dir.resolve("data");
    Cli.Result r = Cli.run(data, "import", "--chain", "btc", "--network", "synthetic", "--blocks", blocks.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("unresolved inputs: 0");
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      List<Object> hot = w.query("SELECT address_id, count(DISTINCT tx_id) FROM btc.tx_outputs WHERE address_id IS NOT NULL"
          + " GROUP BY 1 ORDER BY 2 DESC LIMIT 2").rows().get(0);
      long paying = ((Number) hot.get(1)).longValue();
      long nonCoinbase = tally.transactions() - tally.blocks();
      // a fifth of the payment outputs: most transactions have one payment, some a batch of up to five
      assertThat(paying).isBetween(nonCoinbase / 7, nonCoinbase / 3);
      long spending = ((Number) w.query("SELECT count(DISTINCT tx_id) FROM btc.tx_inputs WHERE address_id = ?", hot.get(0)).rows().get(0).get(0)).longValue();
      assertThat(spending).as("its outputs are spent too").isPositive();
      assertThat(((Number) w.query("SELECT count(*) FROM btc.transactions WHERE fee < 0").rows().get(0).get(0)).longValue()).isZero();
      assertThat(((Number) w.query("SELECT count(*) FROM btc.transactions").rows().get(0).get(0)).longValue()).isEqualTo(tally.transactions());
    }
  }
}
