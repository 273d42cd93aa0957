package org.openbds.bitcoin.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openbds.api.Hash32;

/** Our side of every getblockstats field, by Bitcoin Core's definitions. */
class BlockStatFieldTest {
  static final Hash32 HASH = Hash32.parse("fd4d72569827b6902513549e108a8d93be2be8e5b4715bf3c92debb403198988");

  /** Height 105: a coinbase and two payments, one with a witness. */
  static BlockFigures payments() {
    TransactionFigures t =
        new TransactionFigures(
            500, 1_400, 1, 222, 561, 222, 278, OptionalLong.of(100), OptionalLong.of(200), OptionalLong.of(1), OptionalLong.of(2));
    return new BlockFigures(105, HASH, 3, 4, 7, 1_000, OptionalLong.of(300), 5_000_000_300L, t);
  }

  @Test
  void derivesEachFieldFromTheWarehouseFigures() {
    BlockFigures b = payments();
    assertThat(BlockStatField.TXS.ours(b)).hasValue(3);
    assertThat(BlockStatField.INS.ours(b)).hasValue(4);
    assertThat(BlockStatField.OUTS.ours(b)).hasValue(7);
    assertThat(BlockStatField.TOTAL_OUT.ours(b)).hasValue(1_000);
    assertThat(BlockStatField.TOTALFEE.ours(b)).hasValue(300);
    assertThat(BlockStatField.SUBSIDY.ours(b)).hasValue(5_000_000_000L);
    assertThat(BlockStatField.UTXO_INCREASE.ours(b)).hasValue(3);
    assertThat(BlockStatField.TOTAL_SIZE.ours(b)).hasValue(500);
    assertThat(BlockStatField.TOTAL_WEIGHT.ours(b)).hasValue(1_400);
    assertThat(BlockStatField.SWTXS.ours(b)).hasValue(1);
    assertThat(BlockStatField.SWTOTAL_SIZE.ours(b)).hasValue(222);
    assertThat(BlockStatField.SWTOTAL_WEIGHT.ours(b)).hasValue(561);
    assertThat(BlockStatField.MINTXSIZE.ours(b)).hasValue(222);
    assertThat(BlockStatField.MAXTXSIZE.ours(b)).hasValue(278);
    assertThat(BlockStatField.MINFEE.ours(b)).hasValue(100);
    assertThat(BlockStatField.MAXFEE.ours(b)).hasValue(200);
    assertThat(BlockStatField.MINFEERATE.ours(b)).hasValue(1);
    assertThat(BlockStatField.MAXFEERATE.ours(b)).hasValue(2);
    // integer division, as the node does: 300 / 2 and 300 * 4 / 1400
    assertThat(BlockStatField.AVGFEE.ours(b)).hasValue(150);
    assertThat(BlockStatField.AVGFEERATE.ours(b)).hasValue(0);
  }

  @Test
  void aBlockWithOnlyItsCoinbaseIsZeroEverywhereButItsCounts() {
    BlockFigures b = new BlockFigures(5, HASH, 1, 0, 2, 0, OptionalLong.of(0), 5_000_000_000L, TransactionFigures.NONE);
    for (BlockStatField f : BlockStatField.values()) {
      long expected =
          switch (f) {
            case TXS -> 1;
            case OUTS, UTXO_INCREASE -> 2;
            case SUBSIDY -> 5_000_000_000L;
            default -> 0;
          };
      assertThat(f.ours(b)).as(f.key()).hasValue(expected);
    }
  }

  @Test
  void feeFiguresAreUnknownWhenAFeeIsNull() {
    TransactionFigures t =
        new TransactionFigures(500, 1_400, 1, 222, 561, 222, 278, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    BlockFigures b = new BlockFigures(105, HASH, 3, 4, 7, 1_000, OptionalLong.empty(), 5_000_000_300L, t);
    Set<BlockStatField> unknown =
        EnumSet.of(
            BlockStatField.TOTALFEE, BlockStatField.SUBSIDY, BlockStatField.MINFEE, BlockStatField.MAXFEE, BlockStatField.AVGFEE,
            BlockStatField.AVGFEERATE, BlockStatField.MINFEERATE, BlockStatField.MAXFEERATE);
    for (BlockStatField f : BlockStatField.values()) {
      assertThat(f.ours(b).isPresent()).as(f.key()).isEqualTo(!unknown.contains(f));
    }
  }
}
