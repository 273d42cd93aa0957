package org.openbds.ethereum.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevnetLedgerTest {
  private static final String TOKEN = "0x" + "01".repeat(20);
  private static final String ALICE = "0x" + "0a".repeat(20);
  private static final String BOB = "0x" + "0b".repeat(20);

  @Test
  void aCopyIsIndependent() {
    DevnetLedger ledger = new DevnetLedger();
    ledger.credit(TOKEN, ALICE, BigInteger.TEN);
    ledger.setNftOwner(BigInteger.ONE, ALICE);
    ledger.creditMulti(ALICE, BigInteger.TWO, BigInteger.TEN);
    ledger.setAllowance(TOKEN, ALICE, BOB, BigInteger.TEN);
    ledger.addChild(BOB);
    DevnetLedger copy = ledger.copy();
    ledger.debit(TOKEN, ALICE, BigInteger.ONE);
    ledger.setNftOwner(BigInteger.ONE, BOB);
    ledger.debitMulti(ALICE, BigInteger.TWO, BigInteger.TEN);
    ledger.spendAllowance(TOKEN, ALICE, BOB, BigInteger.TWO);
    ledger.addChild(ALICE);

    assertThat(copy.balance(TOKEN, ALICE)).isEqualTo(BigInteger.TEN);
    assertThat(copy.nftOwner(BigInteger.ONE)).isEqualTo(ALICE);
    assertThat(copy.multiBalance(ALICE, BigInteger.TWO)).isEqualTo(BigInteger.TEN);
    assertThat(copy.allowance(TOKEN, ALICE, BOB)).isEqualTo(BigInteger.TEN);
    assertThat(copy.children()).containsExactly(BOB);
    assertThat(ledger.multiIds(ALICE)).isEmpty();
    assertThat(ledger.erc20Balances()).containsEntry(TOKEN, java.util.Map.of(ALICE, BigInteger.valueOf(9)));
  }

  @Test
  void anUnlimitedAllowanceIsNotSpent() {
    DevnetLedger ledger = new DevnetLedger();
    ledger.setAllowance(TOKEN, ALICE, BOB, DevnetLedger.MAX_UINT256);
    ledger.spendAllowance(TOKEN, ALICE, BOB, BigInteger.TEN);
    assertThat(ledger.allowance(TOKEN, ALICE, BOB)).isEqualTo(DevnetLedger.MAX_UINT256);
    assertThat(ledger.allowancePairs(TOKEN)).hasSize(1);
    ledger.setAllowance(TOKEN, ALICE, BOB, BigInteger.ZERO);
    assertThat(ledger.allowancePairs(TOKEN)).isEmpty();
  }

  @Test
  void overspendingIsAPlanningBug() {
    DevnetLedger ledger = new DevnetLedger();
    ledger.credit(TOKEN, ALICE, BigInteger.ONE);
    assertThatThrownBy(() -> ledger.debit(TOKEN, ALICE, BigInteger.TWO)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ledger.debitMulti(ALICE, BigInteger.ONE, BigInteger.ONE)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ledger.spendAllowance(TOKEN, ALICE, BOB, BigInteger.ONE)).isInstanceOf(IllegalStateException.class);
    assertThat(ledger.holders(TOKEN)).isEqualTo(List.of(ALICE));
  }
}
