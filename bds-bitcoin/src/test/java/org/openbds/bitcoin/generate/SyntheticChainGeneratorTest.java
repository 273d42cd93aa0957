package org.openbds.bitcoin.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinTransaction;
import org.openbds.bitcoin.codec.TxOutput;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.script.ScriptType;

class SyntheticChainGeneratorTest {
  private static final ChainProfile BTC = ChainProfiles.load("btc");
  private static final ChainProfile BCH = ChainProfiles.load("bch");
  private static final long MAX_FILE = 256 * 1024;

  @TempDir static Path shared;
  private static GeneratorConfig btcConfig;
  private static GeneratorTally btcTally;
  private static BlockFiles btcFiles;

  /** One small segwit chain, shared by the tests that only read it. */
  @BeforeAll
  static void generateBitcoinChain() throws IOException {
    btcConfig = small(BTC, shared.resolve("btc"), 42);
    btcTally = new SyntheticChainGenerator(btcConfig).generate();
    btcFiles = BlockFiles.read(btcConfig.outputDirectory(), btcConfig.network().diskMagicBytes());
  }

  static GeneratorConfig small(ChainProfile profile, Path dir, long seed) {
    return GeneratorConfig.defaults(profile, dir)
        .withSeed(seed)
        .withTargetTransactions(6_000)
        .withAverageTransactionsPerBlock(150)
        .withMaxBlockFileBytes(MAX_FILE)
        .withSpendablePoolSize(20_000);
  }

  @Test
  void everyBlockDecodesAndTheRecountMatchesTheTally() {
    ChainRecount recount = ChainRecount.of(btcFiles.chain, BTC, btcFiles.files.size());

    assertThat(recount.tally()).isEqualTo(btcTally);
    assertThat(btcTally.transactions()).isEqualTo(6_000);
    assertThat(btcTally.coinbaseInputs()).isEqualTo(btcTally.blocks());
    assertThat(btcTally.totalOutputValue()).isEqualTo(btcTally.totalInputValue() + btcTally.totalSubsidy());
    assertThat(btcTally.unspentOutputs())
        .isEqualTo(btcTally.outputs() - btcTally.outputs(ScriptType.OP_RETURN) - btcTally.inputs());
    assertThat(GeneratorTally.read(btcConfig.outputDirectory().resolve(GeneratorTally.FILE_NAME))).isEqualTo(btcTally);
  }

  @Test
  void theChainLooksLikeRealTraffic() {
    ChainRecount recount = ChainRecount.of(btcFiles.chain, BTC, btcFiles.files.size());
    for (ScriptType type : ScriptType.values()) {
      if (type != ScriptType.WITNESS_UNKNOWN) {
        assertThat(btcTally.outputs(type)).as("outputs of type %s", type).isPositive();
      }
    }
    assertThat(btcTally.outputs(ScriptType.WITNESS_UNKNOWN)).isZero();
    assertThat(btcTally.segwitTransactions()).isPositive();
    assertThat(recount.sameBlockSpends).isPositive();
    assertThat(recount.previousBlockSpends).isPositive();
    assertThat(recount.consolidations).isPositive();
    assertThat(recount.fanOuts).isPositive();
    assertThat(recount.longestChain).isGreaterThanOrEqualTo(5);
    assertThat(btcTally.totalFees()).isPositive();
    // address reuse: some output scripts appear more than once (outside the miners' payouts)
    Map<String, Integer> seen = new HashMap<>();
    for (BitcoinBlock block : btcFiles.chain) {
      for (BitcoinTransaction tx : block.transactions().subList(1, block.transactionCount())) {
        for (TxOutput o : tx.outputs()) {
          seen.merge(java.util.HexFormat.of().formatHex(o.script()), 1, Integer::sum);
        }
      }
    }
    assertThat(seen.values().stream().filter(n -> n > 1).count()).isGreaterThan(10);
    // coinbase maturity: nothing but coinbases below height 101
    assertThat(btcFiles.chain.subList(0, 101)).allSatisfy(b -> assertThat(b.transactionCount()).isEqualTo(1));
  }

  @Test
  void filesRollOverBelowTheMaximumSize() throws IOException {
    assertThat(btcFiles.files).hasSizeGreaterThan(2).hasSize(btcTally.blockFiles());
    for (Path f : btcFiles.files) {
      assertThat(Files.size(f)).isLessThan(MAX_FILE);
    }
    assertThat(btcFiles.files.get(0).getFileName().toString()).isEqualTo("blk00000.dat");
    assertThat(btcFiles.inFileOrder).extracting(s -> s.block().hash())
        .containsExactlyElementsOf(btcFiles.chain.stream().map(BitcoinBlock::hash).toList());
  }

  @Test
  void sameSeedGivesIdenticalFilesAndAnotherSeedDifferentOnes(@TempDir Path dir) throws IOException {
    GeneratorConfig again = btcConfig.withOutputDirectory(dir.resolve("again"));
    assertThat(new SyntheticChainGenerator(again).generate()).isEqualTo(btcTally);
    assertSameFiles(btcConfig.outputDirectory(), again.outputDirectory());

    GeneratorConfig other = btcConfig.withOutputDirectory(dir.resolve("other")).withSeed(43);
    GeneratorTally otherTally = new SyntheticChainGenerator(other).generate();
    assertThat(otherTally.tipHash()).isNotEqualTo(btcTally.tipHash());
    assertThat(Files.readAllBytes(other.outputDirectory().resolve("blk00000.dat")))
        .isNotEqualTo(Files.readAllBytes(btcConfig.outputDirectory().resolve("blk00000.dat")));
  }

  /**
   * The chain for a seed is fixed across runs, machines and Java versions. A deliberate change to what the generator
   * writes changes these hashes: update them, and expect benchmark chains of earlier versions to differ.
   */
  @Test
  void theChainOfASeedIsPinned() {
    assertThat(btcTally.genesisHash())
        .isEqualTo(Hash32.parse("9db9bb0f795c9d9161b1b05221e712ccee10f5dde7291310fb780f6e855c21d3"));
    assertThat(btcTally.tipHash())
        .isEqualTo(Hash32.parse("7f713699a6ff29f26cc14e76ff7ee2204ad2b094da65632a96cae8476252cbaf"));
  }

  @Test
  void reorderingAndObfuscationStoreTheSameBlocks(@TempDir Path dir) throws IOException {
    GeneratorConfig stored =
        btcConfig.withOutputDirectory(dir).withReorderWindow(16).withXorObfuscation(true).withMaxBlockFileBytes(100_000);
    GeneratorTally tally = new SyntheticChainGenerator(stored).generate();
    BlockFiles files = BlockFiles.read(dir, stored.network().diskMagicBytes());

    assertThat(tally).isEqualTo(ChainRecount.of(files.chain, BTC, files.files.size()).tally());
    assertThat(tally).usingRecursiveComparison().ignoringFields("blockFiles").isEqualTo(btcTally);
    assertThat(files.chain).extracting(BitcoinBlock::hash)
        .containsExactlyElementsOf(btcFiles.chain.stream().map(BitcoinBlock::hash).toList());
    Map<Hash32, byte[]> plain = new HashMap<>();
    btcFiles.inFileOrder.forEach(s -> plain.put(s.block().hash(), s.bytes()));
    assertThat(files.inFileOrder).allSatisfy(s -> assertThat(s.bytes()).isEqualTo(plain.get(s.block().hash())));

    // stored out of height order, children before parents, and some across a file boundary
    List<BlockFiles.StoredBlock> order = files.inFileOrder;
    assertThat(order.get(0).block().parent()).isEqualTo(Hash32.ZERO);
    Map<Hash32, Integer> position = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      position.put(order.get(i).block().hash(), i);
    }
    long childFirst = order.stream().filter(s -> position.getOrDefault(s.block().parent(), -1) > position.get(s.block().hash())).count();
    assertThat(childFirst).isPositive();
    assertThat(order.stream().filter(s -> {
      Integer p = position.get(s.block().parent());
      return p != null && order.get(p).file() > s.file();
    })).isNotEmpty();
    // obfuscated: the raw files do not start with the magic
    byte[] raw = Files.readAllBytes(dir.resolve("blk00000.dat"));
    assertThat(java.util.Arrays.copyOf(raw, 4)).isNotEqualTo(stored.network().diskMagicBytes());
    assertThat(Files.readAllBytes(dir.resolve(SyntheticChainGenerator.XOR_FILE))).hasSize(8);
  }

  @Test
  void chainsWithoutSegwitCarryNoWitnessData(@TempDir Path dir) throws IOException {
    GeneratorConfig config = small(BCH, dir, 7);
    assertThat(config.segwit()).isFalse();
    GeneratorTally tally = new SyntheticChainGenerator(config).generate();
    BlockFiles files = BlockFiles.read(dir, config.network().diskMagicBytes());

    assertThat(ChainRecount.of(files.chain, BCH, files.files.size()).tally()).isEqualTo(tally);
    assertThat(tally.segwitTransactions()).isZero();
    assertThat(files.chain).allSatisfy(b -> assertThat(b.transactions()).noneMatch(BitcoinTransaction::hasWitness));
    assertThat(files.chain).allSatisfy(b -> assertThat(b.size()).isEqualTo(b.strippedSize()));
    for (ScriptType t : List.of(ScriptType.P2WPKH, ScriptType.P2WSH, ScriptType.P2TR, ScriptType.WITNESS_UNKNOWN)) {
      assertThat(tally.outputs(t)).isZero();
    }
    assertThat(tally.outputs(ScriptType.P2PKH)).isPositive();
    assertThat(tally.outputs(ScriptType.OP_RETURN)).isPositive(); // data carriers, no witness commitments
  }

  @ParameterizedTest
  @ValueSource(strings = {"ltc", "doge", "bsv"})
  void everyChainProfileGetsAValidChain(String chain, @TempDir Path dir) throws IOException {
    ChainProfile profile = ChainProfiles.load(chain);
    GeneratorConfig config = small(profile, dir, 3).withTargetTransactions(1_500).withAverageTransactionsPerBlock(100);
    GeneratorTally tally = new SyntheticChainGenerator(config).generate();
    BlockFiles files = BlockFiles.read(dir, config.network().diskMagicBytes());

    assertThat(ChainRecount.of(files.chain, profile, files.files.size()).tally()).isEqualTo(tally);
    assertThat(tally.segwitTransactions() > 0).isEqualTo(profile.segwit());
  }

  @Test
  void refusesADirectoryThatAlreadyHoldsBlockFiles(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("blk00000.dat"), new byte[] {1});
    assertThatThrownBy(() -> new SyntheticChainGenerator(small(BTC, dir, 1)).generate())
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("blk00000.dat");
  }

  @Test
  void subsidyHalvesEvery150Blocks() {
    assertThat(SyntheticChainGenerator.subsidy(0)).isEqualTo(5_000_000_000L);
    assertThat(SyntheticChainGenerator.subsidy(149)).isEqualTo(5_000_000_000L);
    assertThat(SyntheticChainGenerator.subsidy(150)).isEqualTo(2_500_000_000L);
    assertThat(SyntheticChainGenerator.subsidy(150L * 64)).isZero();
  }

  private static void assertSameFiles(Path a, Path b) throws IOException {
    List<String> names;
    try (var s = Files.list(a)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    try (var s = Files.list(b)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(names);
    }
    for (String name : names) {
      assertThat(Files.readAllBytes(b.resolve(name))).as(name).isEqualTo(Files.readAllBytes(a.resolve(name)));
    }
  }
}
