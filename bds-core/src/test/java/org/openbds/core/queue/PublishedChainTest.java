package org.openbds.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainId;
import org.openbds.api.Hash32;
import org.openbds.api.QueueMessage;
import org.openbds.api.SourceBlock;

class PublishedChainTest {
  private static final ChainId LTC = new ChainId("ltc");

  /** Replays a random log of blocks and rollbacks forwards, and checks the backward reading gives the same chain. */
  @Test
  void readingBackwardsGivesTheChainAReplayGives() {
    Random r = new Random(9);
    for (int round = 0; round < 200; round++) {
      InMemoryBlockQueue q = new InMemoryBlockQueue();
      q.ensureTopic("t", 3);
      List<Hash32> chain = new ArrayList<>();
      var out = q.publisher("t");
      int messages = 1 + r.nextInt(60);
      for (int i = 0; i < messages; i++) {
        if (chain.size() > 2 && r.nextInt(6) == 0) {
          int ancestor = r.nextInt(chain.size() - 1);
          BlockRef abandoned = new BlockRef(chain.size() - 1, chain.get(chain.size() - 1));
          while (chain.size() > ancestor + 1) {
            chain.remove(chain.size() - 1);
          }
          out.send("ltc", BlockMessageCodec.encode(new QueueMessage.Rollback(LTC, "regtest", new BlockRef(ancestor, chain.get(ancestor)), abandoned)), Map.of());
        } else {
          Hash32 h = BlockMessageCodecTest.randomHash(r);
          Hash32 parent = chain.isEmpty() ? Hash32.ZERO : chain.get(chain.size() - 1);
          out.send("ltc", BlockMessageCodec.encode(new QueueMessage.Block(LTC, "regtest", new SourceBlock(chain.size(), h, parent, new byte[1], "x"))), Map.of());
          chain.add(h);
        }
        if (r.nextInt(4) == 0) {
          out.send("doge", BlockMessageCodec.encode(new QueueMessage.Block(new ChainId("doge"), "regtest",
              new SourceBlock(0, BlockMessageCodecTest.randomHash(r), Hash32.ZERO, new byte[1], "x"))), Map.of());
        }
        if (r.nextInt(10) == 0) {
          q.append("t", "ltc", new byte[] {1, 2, 3});
        }
      }
      PublishedChain published = new PublishedChain(q.newestFirst("t", "ltc"), LTC, "regtest");
      assertThat(published.tip()).contains(new BlockRef(chain.size() - 1, chain.get(chain.size() - 1)));
      for (int h = chain.size() - 1; h >= 0; h--) {
        assertThat(published.hashAt(h)).as("round %d height %d", round, h).contains(chain.get(h));
      }
    }
  }

}
