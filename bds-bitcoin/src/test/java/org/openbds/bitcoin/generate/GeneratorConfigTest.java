package org.openbds.bitcoin.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;

class GeneratorConfigTest {
  private static final ChainProfile BTC = ChainProfiles.load("btc");
  private static final Path DIR = Path.of("out");

  @Test
  void defaults() {
    GeneratorConfig c = GeneratorConfig.defaults(BTC, DIR);
    assertThat(c.profile()).isEqualTo(BTC);
    assertThat(c.seed()).isEqualTo(1);
    assertThat(c.targetTransactions()).isEqualTo(100_000);
    assertThat(c.averageTransactionsPerBlock()).isEqualTo(2_000);
    assertThat(c.outputDirectory()).isEqualTo(DIR);
    assertThat(c.maxBlockFileBytes()).isEqualTo(128L * 1024 * 1024);
    assertThat(c.reorderWindow()).isEqualTo(1);
    assertThat(c.xorObfuscation()).isFalse();
    assertThat(c.segwit()).isTrue();
    assertThat(c.spendablePoolSize()).isEqualTo(500_000);
    assertThat(c.network().name()).isEqualTo(ChainProfiles.SYNTHETIC);
    assertThat(c.network().diskMagicBytes()).containsExactly(0xfa, 0xbf, 0xb5, 0xda);
  }

  @Test
  void segwitFollowsTheProfile() {
    for (String chain : ChainProfiles.CHAINS) {
      ChainProfile p = ChainProfiles.load(chain);
      assertThat(GeneratorConfig.defaults(p, DIR).segwit()).as(chain).isEqualTo(p.segwit());
    }
    assertThat(GeneratorConfig.defaults(BTC, DIR).withSegwit(false).segwit()).isFalse();
    assertInvalid(GeneratorConfig.defaults(ChainProfiles.load("doge"), DIR), c -> c.withSegwit(true), "segwit");
  }

  @Test
  void withersChangeOneField() {
    GeneratorConfig c =
        GeneratorConfig.defaults(BTC, DIR)
            .withSeed(9)
            .withTargetTransactions(10)
            .withAverageTransactionsPerBlock(3)
            .withOutputDirectory(Path.of("x"))
            .withMaxBlockFileBytes(5000)
            .withReorderWindow(8)
            .withXorObfuscation(true)
            .withSpendablePoolSize(2000);
    assertThat(c)
        .isEqualTo(new GeneratorConfig(BTC, 9, 10, 3, Path.of("x"), 5000, 8, true, true, 2000, 0));
  }

  @Test
  void rejectsOutOfRangeValues() {
    GeneratorConfig d = GeneratorConfig.defaults(BTC, DIR);
    assertInvalid(d, c -> c.withTargetTransactions(0), "targetTransactions");
    assertInvalid(d, c -> c.withAverageTransactionsPerBlock(0), "averageTransactionsPerBlock");
    assertInvalid(d, c -> c.withAverageTransactionsPerBlock(100_001), "averageTransactionsPerBlock");
    assertInvalid(d, c -> c.withMaxBlockFileBytes(4095), "maxBlockFileBytes");
    assertInvalid(d, c -> c.withReorderWindow(0), "reorderWindow");
    assertInvalid(d, c -> c.withReorderWindow(1025), "reorderWindow");
    assertInvalid(d, c -> c.withSpendablePoolSize(999), "spendablePoolSize");
    assertInvalid(d, c -> c.withSpendablePoolSize(40_000_001), "spendablePoolSize");
  }

  private static void assertInvalid(GeneratorConfig base, UnaryOperator<GeneratorConfig> change, String field) {
    assertThatThrownBy(() -> change.apply(base))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
        .hasMessageContaining(field);
  }
}
