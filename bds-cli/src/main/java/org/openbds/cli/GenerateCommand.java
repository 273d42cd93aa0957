package org.openbds.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openbds.bitcoin.generate.GeneratorConfig;
import org.openbds.bitcoin.generate.GeneratorTally;
import org.openbds.bitcoin.generate.SyntheticChainGenerator;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bds generate}: writes a deterministic synthetic chain as block files (network {@code synthetic}). */
@Command(name = "generate", description = "Write a deterministic synthetic chain as blk*.dat files (import it with --network synthetic).")
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--chain", defaultValue = "btc", description = "btc, ltc, bch, doge or bsv (default: ${DEFAULT-VALUE}).")
  String chain;

  @Option(names = "--txs", required = true, description = "Transactions to generate, coinbases included.")
  long transactions;

  @Option(names = "--out", required = true, description = "Directory to write (must not hold block files yet).")
  Path out;

  @Option(names = "--seed", defaultValue = "1", description = "Seed; the same seed gives the same bytes (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--txs-per-block", defaultValue = "2000", description = "Average transactions per block (default: ${DEFAULT-VALUE}).")
  int perBlock;

  @Option(names = "--reorder-window", defaultValue = "1", description = "Store blocks shuffled within windows of this many blocks, as nodes store them (1 = in order).")
  int reorderWindow;

  @Option(names = "--hot-address-percent", defaultValue = "0",
      description = "Pay this percentage of payment outputs to one address, an exchange-like address with a large share of all transactions (0-50; default: ${DEFAULT-VALUE}).")
  int hotAddressPercent;

  @Option(names = "--xor", description = "Obfuscate the files with a key in xor.dat, as Bitcoin Core 28+ does.")
  boolean xor;

  @Option(names = "--max-file-bytes", defaultValue = "134217728", description = "Start a new blk file past this size (default 128 MiB).")
  long maxFileBytes;

  @Override
  public Integer call() {
    ChainProfile profile = ChainProfiles.load(chain);
    GeneratorConfig config =
        GeneratorConfig.defaults(profile, out)
            .withSeed(seed)
            .withTargetTransactions(transactions)
            .withAverageTransactionsPerBlock(perBlock)
            .withReorderWindow(reorderWindow)
            .withXorObfuscation(xor)
            .withMaxBlockFileBytes(maxFileBytes)
            .withHotAddressPercent(hotAddressPercent);
    long t0 = System.nanoTime();
    GeneratorTally tally = new SyntheticChainGenerator(config).generate();
    PrintWriter w = spec.commandLine().getOut();
    w.printf("generated %s chain in %s (%.1f s)%n", chain, out, (System.nanoTime() - t0) / 1e9);
    w.printf("  %,d blocks, %,d transactions, %,d inputs, %,d outputs, %,d file(s)%n",
        tally.blocks(), tally.transactions(), tally.inputs(), tally.outputs(), tally.blockFiles());
    w.printf("  tip %s; tally in %s%n", tally.tipHash(), out.resolve(GeneratorTally.FILE_NAME));
    w.printf("  import it with: bds import --chain %s --network synthetic --blocks %s%n", chain, out);
    return 0;
  }
}
