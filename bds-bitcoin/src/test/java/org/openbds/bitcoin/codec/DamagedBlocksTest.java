package org.openbds.bitcoin.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.RealData;

/**
 * Real blocks damaged at random (a fixed seed, so a failure reproduces): flipped, inserted and deleted bytes, cuts. The
 * codec either decodes a block with the same transactions (damage confined to unchecked header fields) or fails as
 * {@link ErrorCode#MALFORMED_BLOCK} naming the origin and an offset; never any other way.
 */
class DamagedBlocksTest {
  private static final int ROUNDS = 400;

  @ParameterizedTest
  @ValueSource(strings = {"block169482.dat", "block481829.dat"})
  void randomDamage(String file) throws IOException {
    byte[] original = Files.readAllBytes(RealData.dir("bitcoin-mainnet-raw").resolve(file));
    BitcoinBlockCodec codec = new BitcoinBlockCodec(false);
    int transactions = codec.decodeBlock(original, 0, file).transactionCount();
    Random random = new Random(file.hashCode());
    int rejected = 0;
    for (int round = 0; round < ROUNDS; round++) {
      byte[] damaged = damage(original, random);
      String origin = file + "#" + round;
      Throwable t = catchThrowable(() -> {
        BitcoinBlock block = codec.decodeBlock(damaged, 0, origin);
        assertThat(block.transactionCount()).as(origin).isEqualTo(transactions);
      });
      if (t == null) {
        continue;
      }
      rejected++;
      assertThat(t).as(origin).isExactlyInstanceOf(BdsException.class);
      assertThat(((BdsException) t).code()).isEqualTo(ErrorCode.MALFORMED_BLOCK);
      assertThat(t.getMessage()).startsWith(origin + ": ").containsPattern("\\(at byte \\d+\\)");
    }
    assertThat(rejected).isGreaterThan(ROUNDS * 9 / 10);
  }

  private static byte[] damage(byte[] data, Random random) {
    int p = random.nextInt(data.length);
    switch (random.nextInt(4)) {
      case 0 -> {
        byte[] d = data.clone();
        d[p] ^= (byte) (1 + random.nextInt(255));
        return d;
      }
      case 1 -> {
        byte[] d = new byte[data.length + 1];
        System.arraycopy(data, 0, d, 0, p);
        d[p] = (byte) random.nextInt(256);
        System.arraycopy(data, p, d, p + 1, data.length - p);
        return d;
      }
      case 2 -> {
        byte[] d = new byte[data.length - 1];
        System.arraycopy(data, 0, d, 0, p);
        System.arraycopy(data, p + 1, d, p, data.length - p - 1);
        return d;
      }
      default -> {
        return Arrays.copyOf(data, p);
      }
    }
  }
}
