package org.openbds.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.QueueMessage;
import org.openbds.api.SourceBlock;

class BlockMessageCodecTest {
  private static final ChainId LTC = new ChainId("ltc");

  static Hash32 randomHash(Random r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    return Hash32.of(b);
  }

  @Test
  void blocksAndRollbacksRoundTripExactly() {
    Random r = new Random(3);
    for (int i = 0; i < 50; i++) {
      byte[] payload = new byte[r.nextInt(5000)];
      r.nextBytes(payload);
      SourceBlock b = new SourceBlock(r.nextInt(1_000_000), randomHash(r), randomHash(r), payload, "rpc http://127.0.0.1:9332 é");
      QueueMessage.Block m = (QueueMessage.Block) BlockMessageCodec.decode(BlockMessageCodec.encode(new QueueMessage.Block(LTC, "regtest", b)), "t/0/" + i);
      assertThat(m.chain()).isEqualTo(LTC);
      assertThat(m.network()).isEqualTo("regtest");
      assertThat(m.block().ref()).isEqualTo(b.ref());
      assertThat(m.block().parent()).isEqualTo(b.parent());
      assertThat(m.block().origin()).isEqualTo(b.origin());
      assertThat(m.block().payload()).isEqualTo(payload);
    }
    QueueMessage.Rollback rb = new QueueMessage.Rollback(LTC, "mainnet", new BlockRef(10, randomHash(r)), new BlockRef(17, randomHash(r)));
    assertThat(BlockMessageCodec.decode(BlockMessageCodec.encode(rb), "t/0/0")).isEqualTo(rb);
  }

  @Test
  void everyDamagedOrTruncatedMessageIsRefusedNamingTheRecord() {
    Random r = new Random(4);
    byte[] good = BlockMessageCodec.encode(new QueueMessage.Block(LTC, "regtest", new SourceBlock(5, randomHash(r), randomHash(r), new byte[300], "x")));
    for (int cut = 0; cut < good.length; cut += 7) {
      byte[] truncated = Arrays.copyOf(good, cut);
      assertThatThrownBy(() -> BlockMessageCodec.decode(truncated, "t/0/9"))
          .isInstanceOf(BdsException.class)
          .hasMessageContaining("t/0/9")
          .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.MALFORMED_BLOCK));
    }
    for (int at = 0; at < good.length; at += 11) {
      byte[] flipped = good.clone();
      flipped[at] ^= 0x20;
      assertThatThrownBy(() -> BlockMessageCodec.decode(flipped, "t/0/9")).isInstanceOf(BdsException.class).hasMessageContaining("t/0/9");
    }
    byte[] future = good.clone();
    future[4] = 2;
    assertThatThrownBy(() -> BlockMessageCodec.decode(future, "t/0/1")).hasMessageContaining("version 2");
  }
}
