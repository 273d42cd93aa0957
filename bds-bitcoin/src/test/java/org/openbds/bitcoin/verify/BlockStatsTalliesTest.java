package org.openbds.bitcoin.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.openbds.api.Hash32;
import org.openbds.api.ReconciliationCheck;

class BlockStatsTalliesTest {
  private static NodeBlockStats agreeingWith(BlockFigures b) {
    Map<BlockStatField, Long> values = new EnumMap<>(BlockStatField.class);
    for (BlockStatField f : BlockStatField.values()) {
      values.put(f, f.ours(b).orElse(-1));
    }
    return new NodeBlockStats(b.height(), b.hash(), values);
  }

  private static BlockFigures at(long height, BlockFigures b) {
    return new BlockFigures(height, b.hash(), b.txs(), b.ins(), b.outs(), b.totalOut(), b.fee(), b.coinbaseValue(), b.transactions());
  }

  private static ReconciliationCheck check(List<ReconciliationCheck> checks, String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void oneCheckPerFieldBlockHashFirst() {
    BlockStatsTallies tallies = new BlockStatsTallies();
    BlockFigures b = BlockStatFieldTest.payments();
    tallies.compare(105, Optional.of(agreeingWith(b)), Optional.of(b), 200);
    List<ReconciliationCheck> checks = tallies.results(new HeightRange(105, 105));
    assertThat(checks).hasSize(BlockStatField.values().length + 1);
    assertThat(checks.get(0).name()).isEqualTo("getblockstats.blockhash");
    assertThat(checks.get(1).name()).isEqualTo("getblockstats.txs");
    assertThat(checks).allSatisfy(c -> {
      assertThat(c.passed()).as(c.name()).isTrue();
      assertThat(c.scope()).isEqualTo("blocks 105..105");
      assertThat(c.detail()).isEqualTo("all 1 blocks agree");
    });
  }

  @Test
  void aMismatchNamesTheFirstHeightWithBothValues() {
    BlockStatsTallies tallies = new BlockStatsTallies();
    BlockFigures good = BlockStatFieldTest.payments();
    tallies.compare(104, Optional.of(agreeingWith(at(104, good))), Optional.of(at(104, good)), 200);
    for (long h = 105; h <= 107; h++) {
      BlockFigures ours = at(h, good);
      BlockFigures doctored = new BlockFigures(h, good.hash(), 3, 4, 7, 1_000, OptionalLong.of(301), 5_000_000_300L, good.transactions());
      tallies.compare(h, Optional.of(agreeingWith(ours)), Optional.of(doctored), 200);
    }
    List<ReconciliationCheck> checks = tallies.results(new HeightRange(104, 107));
    ReconciliationCheck fee = check(checks, "getblockstats.totalfee");
    assertThat(fee.passed()).isFalse();
    assertThat(fee.checked()).isEqualTo(4);
    assertThat(fee.mismatches()).isEqualTo(3);
    assertThat(fee.detail()).isEqualTo("height 105: node 300, warehouse 301 (first of 3)");
    assertThat(check(checks, "getblockstats.subsidy").detail()).startsWith("height 105: node 5000000000, warehouse 4999999999");
    assertThat(check(checks, "getblockstats.txs").passed()).isTrue();
  }

  @Test
  void heightsTheNodeOrTheWarehouseLacksAreMismatches() {
    BlockStatsTallies tallies = new BlockStatsTallies();
    BlockFigures b = BlockStatFieldTest.payments();
    tallies.compare(105, Optional.of(agreeingWith(b)), Optional.empty(), 200);
    tallies.compare(201, Optional.empty(), Optional.of(at(201, b)), 200);
    List<ReconciliationCheck> checks = tallies.results(new HeightRange(105, 201));
    assertThat(check(checks, "getblockstats.blockhash").detail())
        .isEqualTo("height 105: node " + b.hash() + ", the warehouse has no block there (first of 2)");
    assertThat(check(checks, "getblockstats.outs").detail()).startsWith("height 105: node 7, the warehouse has no block there");
  }

  @Test
  void anUnknownFeeFailsTheFeeChecksWithAClearDetail() {
    BlockStatsTallies tallies = new BlockStatsTallies();
    BlockFigures b = BlockStatFieldTest.payments();
    BlockFigures unknown = new BlockFigures(105, b.hash(), 3, 4, 7, 1_000, OptionalLong.empty(), 5_000_000_300L, b.transactions());
    tallies.compare(105, Optional.of(agreeingWith(b)), Optional.of(unknown), 200);
    List<ReconciliationCheck> checks = tallies.results(new HeightRange(105, 105));
    assertThat(check(checks, "getblockstats.totalfee").detail())
        .isEqualTo("height 105: node 300, warehouse unknown (a fee is NULL: the block spends outputs the warehouse does not hold)");
    assertThat(check(checks, "getblockstats.total_size").passed()).isTrue();
  }

  @Test
  void aDifferentBlockHashIsNamed() {
    BlockStatsTallies tallies = new BlockStatsTallies();
    BlockFigures b = BlockStatFieldTest.payments();
    Hash32 other = Hash32.parse("530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9");
    NodeBlockStats node = agreeingWith(b);
    tallies.compare(105, Optional.of(new NodeBlockStats(105, other, node.values())), Optional.of(b), 200);
    assertThat(tallies.results(new HeightRange(105, 105)).get(0).detail())
        .isEqualTo("height 105: node " + other + ", warehouse " + b.hash());
  }
}
