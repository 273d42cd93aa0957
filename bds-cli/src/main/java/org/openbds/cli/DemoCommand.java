package org.openbds.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Warehouse;
import org.openbds.bitcoin.blockfile.BlockFileSource;
import org.openbds.bitcoin.generate.GeneratorConfig;
import org.openbds.bitcoin.generate.GeneratorTally;
import org.openbds.bitcoin.generate.SyntheticChainGenerator;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.split.BitcoinSplitter;
import org.openbds.core.FileTrees;
import org.openbds.core.BlockImporter;
import org.openbds.core.ImportConfig;
import org.openbds.core.ImportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import org.openbds.server.ServerConfig;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bds demo}: by default starts a private {@code litecoind -regtest}, makes wallet activity (and a reorg) while
 * sync follows the node live into {@code <data>/demo/warehouse}, reconciles the warehouse with the node and prints a
 * report ({@link LiveDemo}); then does the same for the Ethereum family with a private anvil devnet and contract and
 * token activity into the {@code eth} schema of the same warehouse ({@link EvmLiveDemo}). With {@code --synthetic} it instead generates a large chain as node block files (stored
 * out of order and xor-obfuscated, as a node stores them), imports it, checks it against the generator's own tally
 * and prints the same report.
 */
@Command(
    name = "demo",
    description = "Run a private litecoind -regtest and a private anvil devnet with wallet, contract and token activity, sync both live"
        + " into <data>/demo, verify and report (--synthetic: generate and import a large chain instead).")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand BdsCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--synthetic", description = "Generate a synthetic chain as block files and import it instead of running a node.")
  boolean synthetic;

  @Option(names = "--rounds", defaultValue = "60", description = "Live demo: rounds of wallet payments, 1-3 blocks each (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--evm-rounds", defaultValue = "10", description = "Live demo: rounds of contract and token activity on the anvil devnet (default: ${DEFAULT-VALUE}).")
  int evmRounds;

  @Option(names = "--keep-node", description = "Live demo: leave the node's temporary directory in place (its path is printed).")
  boolean keepNode;

  @Option(names = "--chain", defaultValue = "btc", description = "Synthetic demo: chain profile (default: ${DEFAULT-VALUE}).")
  String chain;

  @Option(names = "--txs", defaultValue = "200000", description = "Synthetic demo: transactions to generate (default: ${DEFAULT-VALUE}).")
  long transactions;

  @Option(names = "--seed", defaultValue = "2026", description = "Seed of the wallet activity or the generator (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-serve", description = "End after the report instead of serving the web app and API over the demo's warehouse.")
  boolean noServe;

  @Option(names = "--port", defaultValue = "8080", description = "Port of the web app and API served at the end (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws IOException, InterruptedException {
    int status = demo();
    if (status == 0 && !noServe) {
      PrintWriter out = spec.commandLine().getOut();
      out.println();
      out.println("== the web app and the API over the demo's warehouse (overview, metrics, explorer, SQL, builder, dashboards)");
      ServeCommand.serveUntilStopped(
          parent.data.resolve("demo").resolve("warehouse"), ServerConfig.fromSettings(java.util.Map.of("server.port", Integer.toString(port))), out);
    }
    return status;
  }

  private int demo() throws IOException {
    if (!synthetic) {
      int bitcoinFamily = new LiveDemo(spec.commandLine().getOut(), spec.commandLine().getErr(), parent.data.resolve("demo"), seed, rounds, keepNode).run();
      int ethereumFamily = new EvmLiveDemo(spec.commandLine().getOut(), parent.data.resolve("demo").resolve("warehouse"), seed, evmRounds, keepNode).run();
      return bitcoinFamily != 0 ? bitcoinFamily : ethereumFamily;
    }
    PrintWriter out = spec.commandLine().getOut();
    Path root = parent.data.resolve("demo");
    Path blocks = root.resolve("blocks");
    Path data = root.resolve("warehouse");
    FileTrees.delete(root);
    ChainProfile profile = ChainProfiles.load(chain);

    out.printf("== 1. generating a %s chain of %,d transactions (seed %d) as node block files%n", chain, transactions, seed);
    GeneratorTally tally =
        new SyntheticChainGenerator(
                GeneratorConfig.defaults(profile, blocks)
                    .withSeed(seed)
                    .withTargetTransactions(transactions)
                    .withAverageTransactionsPerBlock(500)
                    .withReorderWindow(8)
                    .withXorObfuscation(true)
                    .withMaxBlockFileBytes(16L << 20))
            .generate();
    out.printf("   %,d blocks in %d blk*.dat file(s), stored out of height order, xor-obfuscated: %s%n", tally.blocks(), tally.blockFiles(), blocks);

    out.printf("== 2. importing into %s%n", data);
    BitcoinSplitter splitter = new BitcoinSplitter(profile, profile.network(ChainProfiles.SYNTHETIC), false);
    ImportResult result;
    try (Warehouse warehouse = Warehouses.open(data);
        BlockFileSource source = BlockFileSource.open(blocks, profile.network(ChainProfiles.SYNTHETIC), OptionalLong.empty())) {
      ProgressPrinter progress = new ProgressPrinter(spec.commandLine().getErr(), System.console() != null);
      result =
          new BlockImporter<>(warehouse, new ChainId(chain), ChainProfiles.SYNTHETIC, splitter, ImportConfig.defaults(), progress)
              .run(source);
      progress.finish();
      out.printf("   %,d blocks, %,d transactions in %.1f s (%,.0f tx/s); tip %s%n",
          result.blocks(), result.transactions(), result.elapsedNanos() / 1e9, result.transactionsPerSecond(),
          result.tip().map(Object::toString).orElse("-"));

      out.println("== 3. checking the warehouse against the generator's own tally");
      check(out, "transactions", tally.transactions(), scalar(warehouse, "SELECT COUNT(*) FROM " + chain + ".transactions"));
      check(out, "inputs resolved", tally.inputs(), scalar(warehouse, "SELECT COUNT(value) FROM " + chain + ".tx_inputs WHERE NOT is_coinbase"));
      check(out, "outputs", tally.outputs(), scalar(warehouse, "SELECT COUNT(*) FROM " + chain + ".tx_outputs"));
      check(out, "fees", tally.totalFees(), scalar(warehouse, "SELECT CAST(SUM(fee) AS BIGINT) FROM " + chain + ".blocks"));
      check(out, "unspent outputs", tally.unspentOutputs(),
          scalar(warehouse, "SELECT COUNT(*) FROM " + chain + ".outputs WHERE spent_txid IS NULL AND script_type <> 'op_return'"));
      check(out, "unspent value", tally.unspentValue(),
          scalar(warehouse, "SELECT CAST(SUM(value) AS BIGINT) FROM " + chain + ".outputs WHERE spent_txid IS NULL AND script_type <> 'op_return'"));

      out.println("== 4. report");
      ChainReport.print(out, warehouse, chain);
    }
    out.printf("%nthe warehouse stays in %s; query it with:%n  ./bds --data %s sql \"select * from %s.blocks order by height desc limit 5\"%n",
        data, data, chain);
    return 0;
  }

  private static long scalar(Warehouse w, String sql) {
    Object v = w.query(sql).rows().get(0).get(0);
    return v == null ? 0 : ((Number) v).longValue();
  }

  private static void check(PrintWriter out, String what, long expected, long actual) {
    if (expected != actual) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, what + ": warehouse has " + actual + ", the generator wrote " + expected);
    }
    out.printf("   %-16s %,18d  ok%n", what, actual);
  }

}
