package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * {@code bds import --chain xrp --ledgers} on the recorded mainnet ledgers: two runs of consecutive ledgers go into
 * the embedded warehouse with their transactions, balance changes and checkpoint; importing again adds nothing; a
 * directory with a gap, a ledger whose coins do not add up and an altered transaction are refused with a message
 * naming the file, leaving the warehouse as it was.
 */
class XrpImportTest {
  private static final List<Long> RUN = List.of(11119612L, 11119613L, 11119614L, 11119615L, 11119616L, 11119617L, 11119618L);

  @TempDir Path dir;

  private static Path recorded(long index) {
    return RealData.dir("xrp").resolve("ledgers/ripple+rippled-historical-database/test/mock/ledgers/" + index + ".json");
  }

  /** A directory of links to recorded ledgers (the shared data stays where it is). */
  private Path ledgers(String name, List<Long> indexes) throws IOException {
    Path d = Files.createDirectories(dir.resolve(name));
    for (long i : indexes) {
      Files.createSymbolicLink(d.resolve(i + ".json"), recorded(i));
    }
    return d;
  }

  private String snapshot(Path data) {
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      return w.query("SELECT (SELECT tip_height FROM main.bds_chains WHERE chain = 'xrp'), (SELECT COUNT(*) FROM xrp.ledgers),"
          + " (SELECT COUNT(*) FROM xrp.transactions), (SELECT COUNT(*) FROM xrp.balance_changes)").rows().toString();
    }
  }

  @Test
  void consecutiveLedgersImportOnceWithEveryTransaction() throws IOException {
    Path data = dir.resolve("data");
    Cli.Result r = Cli.run(data, "import", "--chain", "xrp", "--ledgers", ledgers("run", RUN).toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("7 blocks, 92 transactions");
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      // the manifest's counts: 13 + 23 + 8 + 17 + 9 + 10 + 12
      assertThat(w.query("SELECT COUNT(*), SUM(fee) FROM xrp.transactions").rows().get(0).get(0)).isEqualTo(92L);
      assertThat(w.query("SELECT SUM(tx_count) FROM xrp.ledgers").rows().get(0).get(0).toString()).isEqualTo("92");
      // total coins fall by exactly the fees burnt from one ledger to the next
      assertThat(w.query("SELECT COUNT(*) FROM xrp.ledgers l JOIN xrp.ledgers p ON p.ledger_index = l.ledger_index - 1"
          + " WHERE p.total_coins - l.fees_burnt <> l.total_coins").rows().get(0).get(0)).isEqualTo(0L);
      assertThat(w.query("SELECT COUNT(*) FROM xrp.ledgers l JOIN xrp.ledgers p ON p.ledger_index = l.ledger_index - 1"
          + " WHERE l.parent_hash = p.ledger_hash").rows().get(0).get(0)).isEqualTo(6L);
      // XRP is conserved over the run: every drop that left an account was burnt as a fee or landed elsewhere
      assertThat(w.query("SELECT (SELECT SUM(drops) FROM xrp.balance_changes) + (SELECT SUM(fee) FROM xrp.transactions)")
          .rows().get(0).get(0).toString()).isEqualTo("0");
      assertThat(w.query("SELECT COUNT(*) FROM xrp.transactions t LEFT JOIN xrp.offers o USING (ledger_index, position)"
          + " WHERE t.family = 'offer' AND o.hash IS NULL").rows().get(0).get(0)).isEqualTo(0L);
    }
    String before = snapshot(data);
    Cli.Result again = Cli.run(data, "import", "--chain", "xrp", "--ledgers", dir.resolve("run").toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(snapshot(data)).isEqualTo(before).startsWith("[[11119618, 7, 92,");
  }

  @Test
  void aGapIsRefusedBeforeAnythingIsWritten() throws IOException {
    Path data = dir.resolve("data");
    Cli.Result r = Cli.run(data, "import", "--chain", "xrp", "--ledgers",
        ledgers("gap", List.of(11119612L, 11119613L, 11119615L)).toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("ledgers 11119614–11119614 are missing");
  }

  @Test
  void alteredLedgersAreRefusedAndLeaveTheWarehouseAsItWas() throws IOException {
    Path data = dir.resolve("data");
    assertThat(Cli.run(data, "import", "--chain", "xrp", "--ledgers", ledgers("first", RUN.subList(0, 3)).toString()).exitCode()).isZero();
    String before = snapshot(data);

    // ledger 11119615 claiming one drop more than its parent less its fees
    Path coins = Files.createDirectories(dir.resolve("coins"));
    String text = Files.readString(recorded(11119615L), StandardCharsets.UTF_8);
    String altered = text.replace("\"total_coins\": \"99999578386699031\"", "\"total_coins\": \"99999578386699032\"")
        .replace("\"totalCoins\": \"99999578386699031\"", "\"totalCoins\": \"99999578386699032\"");
    assertThat(altered).isNotEqualTo(text);
    Files.writeString(coins.resolve("11119615.json"), altered);
    Cli.Result r = Cli.run(data, "import", "--chain", "xrp", "--ledgers", coins.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("11119615.json").contains("total_coins");
    assertThat(snapshot(data)).isEqualTo(before);

    // a transaction's amount edited: its hash no longer matches, nor the ledger's transaction tree
    Path edited = Files.createDirectories(dir.resolve("edited"));
    String tampered = text.replaceFirst("\"Fee\": \"10000\"", "\"Fee\": \"10001\"");
    assertThat(tampered).isNotEqualTo(text);
    Files.writeString(edited.resolve("11119615.json"), tampered);
    Cli.Result e = Cli.run(data, "import", "--chain", "xrp", "--ledgers", edited.toString());
    assertThat(e.exitCode()).isNotZero();
    assertThat(e.err()).contains("11119615.json").contains("altered");
    assertThat(snapshot(data)).isEqualTo(before);
  }
}
