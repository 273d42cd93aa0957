package org.openbds.xrp.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.xrp.rpc.CompleteLedgers.LedgerRange;

/** rippled's {@code complete_ledgers}: parsing, printing, and the holes of a wanted range. */
class RippledCompleteLedgersTest {
  @Test
  void parsesRangesAndSingleLedgersAndPrintsThemBack() {
    CompleteLedgers c = CompleteLedgers.parse("32570-5000000,5000002-6000000,6000005");
    assertThat(c.ranges()).containsExactly(new LedgerRange(32570, 5_000_000), new LedgerRange(5_000_002, 6_000_000), new LedgerRange(6_000_005, 6_000_005));
    assertThat(c).hasToString("32570-5000000,5000002-6000000,6000005");
    assertThat(c.highest()).contains(6_000_005L);
    assertThat(c.contains(5_000_001)).isFalse();
    assertThat(c.contains(5_000_002)).isTrue();
  }

  @Test
  void emptyHasNoLedgers() {
    CompleteLedgers c = CompleteLedgers.parse("empty");
    assertThat(c.isEmpty()).isTrue();
    assertThat(c.highest()).isEmpty();
    assertThat(c).hasToString("empty");
    assertThat(c.missing(5, 9)).containsExactly(new LedgerRange(5, 9));
  }

  @Test
  void touchingOrUnorderedRangesAreMerged() {
    assertThat(CompleteLedgers.parse("20-30, 1-10,11-15,14-19").ranges()).containsExactly(new LedgerRange(1, 30));
  }

  @Test
  void theMissingLedgersOfARange() {
    CompleteLedgers c = CompleteLedgers.parse("10-20,25-30,40-50");
    assertThat(c.missing(12, 18)).isEmpty();
    assertThat(c.missing(5, 45)).containsExactly(new LedgerRange(5, 9), new LedgerRange(21, 24), new LedgerRange(31, 39));
    assertThat(c.missing(45, 60)).containsExactly(new LedgerRange(51, 60));
    assertThat(c.missing(22, 23)).containsExactly(new LedgerRange(22, 23));
  }

  @Test
  void theHoleAroundAMissingLedger() {
    CompleteLedgers c = CompleteLedgers.parse("10-20,25-30");
    assertThat(c.holeAround(22, 40)).isEqualTo(new LedgerRange(21, 24));
    assertThat(c.holeAround(3, 40)).isEqualTo(new LedgerRange(1, 9));
    assertThat(c.holeAround(33, 40)).isEqualTo(new LedgerRange(31, 40));
    assertThat(new LedgerRange(21, 24)).hasToString("21–24");
    assertThatThrownBy(() -> c.holeAround(15, 40)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1-", "a-b", "5-3", "1,,2", "-4", "1-2-3"})
  void anythingElseIsAnInvalidArgument(String text) {
    assertThatThrownBy(() -> CompleteLedgers.parse(text))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining(text);
  }

  @Test
  void rangesMustAscendWithHolesBetween() {
    assertThatThrownBy(() -> new CompleteLedgers(List.of(new LedgerRange(1, 5), new LedgerRange(6, 9)))).isInstanceOf(IllegalArgumentException.class);
  }
}
