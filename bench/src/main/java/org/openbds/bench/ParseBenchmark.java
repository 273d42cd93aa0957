package org.openbds.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.script.AddressEncoder;
import org.openbds.bitcoin.script.ScriptClassifier;

/**
 * Single-thread decoding speed: blocks parsed into transactions with every txid (and wtxid) hashed and the merkle root
 * and witness commitment verified, and the same plus output-script classification and address encoding. Runs on
 * whatever blocks it is given, repeated until {@code minSeconds} have passed, after a warm-up.
 */
public final class ParseBenchmark {
  /** One measured figure. */
  public record Result(String name, long transactions, long nanos) {
    public double perSecond() {
      return transactions * 1e9 / nanos;
    }
  }

  private final List<byte[]> blocks;
  private final ChainProfile profile;

  public ParseBenchmark(List<byte[]> blocks, ChainProfile profile) {
    this.blocks = List.copyOf(blocks);
    this.profile = profile;
  }

  /** Loads raw (unframed) block files, e.g. the shared mainnet blocks {@code block*.dat}. */
  public static List<byte[]> loadRawBlocks(Path dir) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files.sorted()::iterator) {
        String name = p.getFileName().toString();
        if (name.matches("block\\d+\\.dat")) {
          out.add(Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  public List<Result> run(double minSeconds, PrintWriter log) {
    List<Result> results = new ArrayList<>();
    for (boolean classify : new boolean[] {false, true}) {
      String name = classify ? "parse + txid hashing + script classification + addresses" : "parse + txid hashing";
      measure(classify, 1.0); // warm-up
      Result r = measure(classify, minSeconds);
      Result named = new Result(name, r.transactions(), r.nanos());
      log.printf("%s: %,.0f tx/s on one thread (%,d tx in %.1f s)%n", name, named.perSecond(), r.transactions(), r.nanos() / 1e9);
      log.flush();
      results.add(named);
    }
    return results;
  }

  private Result measure(boolean classify, double minSeconds) {
    ScriptClassifier classifier =
        new ScriptClassifier(new AddressEncoder(profile.network("mainnet")), profile.segwit());
    long txs = 0;
    long sink = 0;
    long start = System.nanoTime();
    long deadline = start + (long) (minSeconds * 1e9);
    while (System.nanoTime() < deadline) {
      for (byte[] raw : blocks) {
        BitcoinBlock block = new BitcoinBlockCodec(profile.mweb()).decodeBlock(raw, 0, "bench");
        txs += block.transactionCount();
        sink += block.hash().hashCode();
        if (classify) {
          for (var tx : block.transactions()) {
            sink += tx.txid().toHex().length();
            for (var out : tx.outputs()) {
              String address = classifier.classify(out.script()).address();
              sink += address == null ? 0 : address.length();
            }
          }
        }
      }
    }
    long nanos = System.nanoTime() - start;
    if (sink == 42) {
      System.out.print(""); // keeps the JIT from discarding the work
    }
    return new Result("", txs, nanos);
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/real/bitcoin-mainnet-raw");
    PrintWriter out = new PrintWriter(System.out, true);
    List<byte[]> blocks = loadRawBlocks(dir);
    out.printf("%d mainnet blocks from %s%n", blocks.size(), dir);
    new ParseBenchmark(blocks, ChainProfiles.load("btc")).run(10, out);
  }
}
