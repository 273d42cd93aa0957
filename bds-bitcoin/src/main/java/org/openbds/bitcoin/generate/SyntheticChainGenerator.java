package org.openbds.bitcoin.generate;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Writes a deterministic synthetic Bitcoin-family chain as a node's block files ({@code blk00000.dat}, …), for import
 * tests and benchmarks. The same {@link GeneratorConfig} gives byte-identical files; storage options (file size, XOR,
 * reorder window) change how blocks are stored, never the blocks themselves. Blocks are streamed to disk: memory stays
 * bounded by the spendable-output pool and one block, whatever the chain length.
 *
 * <p>Documented choices:
 *
 * <ul>
 *   <li>Genesis (height 0) has a zero previous hash and only its coinbase; its outputs are never spent (Bitcoin Core
 *       cannot spend them either) but count as unspent in the {@link GeneratorTally}.
 *   <li>Headers: version 0x20000000, bits 0x207fffff (regtest's minimum difficulty, not actually met: no proof of work is
 *       done), a random nonce, times from 2024-01-01T00:00:00Z rising 150–600 s per block.
 *   <li>Coinbase: BIP34 height push, extra nonce and the tag {@code /OpenBDS synthetic/}; one payout (two in 20% of
 *       blocks) to one of eight miner scripts, worth the subsidy plus the exact fees. The subsidy follows Bitcoin's
 *       regtest schedule for every chain: 50 coins (5,000,000,000 base units) halving every 150 blocks. Coinbase outputs
 *       are spent only after 100 blocks (consensus maturity), so heights 1–100 hold nothing but their coinbase.
 *   <li>Blocks with witness transactions carry the BIP141 commitment (last coinbase output) and the coinbase witness
 *       reserved value (32 zero bytes); other blocks are fully legacy.
 *   <li>Block sizes are drawn uniformly from half to one and a half times the configured average; a block may end
 *       early while few outputs are spendable. Block weight limits are not enforced.
 *   <li>Transaction shapes, script mix and amounts: see {@link TransactionGenerator} and {@link OutputKind}.
 *       Signatures and keys are random bytes of the real sizes and formats; scripts are not executable.
 *   <li>Litecoin chains get no MWEB extension data; chains without segwit get no witness outputs or spends at all.
 * </ul>
 *
 * <p>Not thread-safe. Each {@link #generate()} writes a whole chain and needs a directory without block files.
 */
public final class SyntheticChainGenerator {
  /** 2024-01-01T00:00:00Z, the genesis time. */
  public static final long GENESIS_TIME = 1_704_067_200L;
  public static final int BLOCK_VERSION = 0x20000000;
  public static final long BITS = 0x207fffffL;
  public static final long INITIAL_SUBSIDY = 5_000_000_000L;
  public static final int HALVING_INTERVAL = 150;
  public static final int COINBASE_MATURITY = 100;
  public static final String XOR_FILE = "xor.dat";

  private static final Pattern BLOCK_FILE = Pattern.compile("blk\\d{5}\\.dat");
  private static final byte[] TAG = "/OpenBDS synthetic/".getBytes(US_ASCII);
  private static final long SHUFFLE_STREAM = 0x73687566666c6531L;
  private static final long XOR_STREAM = 0x786f722e64617431L;

  private final GeneratorConfig config;

  public SyntheticChainGenerator(GeneratorConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  /** The new coins of the coinbase at {@code height}: 50 coins halving every 150 blocks, zero after 64 halvings. */
  public static long subsidy(long height) {
    long halvings = height / HALVING_INTERVAL;
    return halvings >= 64 ? 0 : INITIAL_SUBSIDY >> halvings;
  }

  /**
   * Writes the chain into the output directory (created if missing) and returns the tally, also written there as
   * {@value GeneratorTally#FILE_NAME}. On failure the directory may hold a partial chain.
   *
   * @throws BdsException {@link ErrorCode#INVALID_ARGUMENT} if the directory already holds block files, an XOR key or
   *     a tally; {@link ErrorCode#IO_FAILURE} if writing fails; {@link ErrorCode#INVALID_CONFIG} if the chain would
   *     outrun 32-bit block times
   */
  public GeneratorTally generate() {
    Path dir = config.outputDirectory();
    prepareDirectory(dir);
    byte[] xorKey = new byte[0];
    if (config.xorObfuscation()) {
      xorKey = new byte[8];
      new SeededRandom(config.seed() ^ XOR_STREAM).nextBytes(xorKey, 0, 8);
      write(dir.resolve(XOR_FILE), xorKey);
    }
    BlockFileWriter writer =
        new BlockFileWriter(
            dir,
            config.network().diskMagicBytes(),
            config.maxBlockFileBytes(),
            xorKey,
            config.reorderWindow(),
            new SeededRandom(config.seed() ^ SHUFFLE_STREAM));
    ChainBuilder chain = new ChainBuilder(config, writer, TAG);
    try (writer) {
      chain.run();
    }
    GeneratorTally tally = chain.tally(writer.files());
    tally.write(dir.resolve(GeneratorTally.FILE_NAME));
    return tally;
  }

  private static void prepareDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
      try (Stream<Path> entries = Files.list(dir)) {
        Path clash =
            entries
                .filter(p -> {
                  String name = p.getFileName().toString();
                  return BLOCK_FILE.matcher(name).matches() || name.equals(XOR_FILE) || name.equals(GeneratorTally.FILE_NAME);
                })
                .findFirst()
                .orElse(null);
        if (clash != null) {
          throw new BdsException(
              ErrorCode.INVALID_ARGUMENT, "output directory " + dir + " already holds " + clash.getFileName() + "; use an empty one");
        }
      }
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot prepare " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
