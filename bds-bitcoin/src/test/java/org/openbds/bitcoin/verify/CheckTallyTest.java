package org.openbds.bitcoin.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openbds.api.ReconciliationCheck;

class CheckTallyTest {
  @Test
  void passesWhenEverythingAgreed() {
    CheckTally t = new CheckTally("rows.tx_outputs");
    t.agree(10);
    t.agree();
    assertThat(t.result("blocks 0..10", "all agree")).isEqualTo(new ReconciliationCheck("rows.tx_outputs", "blocks 0..10", 11, 0, "all agree"));
  }

  @Test
  void keepsTheFirstDisagreementAndCountsTheRest() {
    CheckTally t = new CheckTally("rows.tx_outputs");
    t.agree(5);
    t.disagree("height 6: blocks.output_count 3, 2 tx_outputs rows");
    t.disagree("height 9: blocks.output_count 1, 0 tx_outputs rows");
    ReconciliationCheck r = t.result("blocks 0..10", "all agree");
    assertThat(r.passed()).isFalse();
    assertThat(r.checked()).isEqualTo(7);
    assertThat(r.mismatches()).isEqualTo(2);
    assertThat(r.detail()).isEqualTo("height 6: blocks.output_count 3, 2 tx_outputs rows (first of 2)");
  }

  @Test
  void nothingComparedFails() {
    ReconciliationCheck r = new CheckTally("x").result("blocks 0..0", "all agree");
    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).isEqualTo("nothing to compare");
  }
}
