package org.openbds.xrp.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openbds.api.RealData;
import org.openbds.xrp.balance.BalanceChange.Kind;
import org.openbds.xrp.balance.RecordedTransactionReader.RecordedTransaction;

/**
 * XRP is only ever destroyed by fees: for every mainnet transaction with metadata in {@code ledgers/} and
 * {@code transactions/}, the XRP changes of every kind — account balances and what escrows and payment channels
 * hold — sum to minus the fee, to the drop. ({@code edge-cases/} holds altered and historic negative data, not
 * golden data.)
 */
class XrpConservationTest {
  // Transactions with metadata in those folders, as the manifest counts them (one recorded in two files counts twice).
  private static final int TRANSACTIONS = 400;

  @Test
  void xrpChangesOfEveryTransactionSumToMinusItsFee() {
    Path root = RealData.dir("xrp");
    int checked = 0;
    Map<Kind, Integer> transactionsWithKind = new EnumMap<>(Kind.class);
    List<String> unbalanced = new ArrayList<>();
    for (String folder : List.of("ledgers", "transactions")) {
      for (Path file : RecordedTransactionReader.jsonFiles(root.resolve(folder))) {
        for (RecordedTransaction tx : RecordedTransactionReader.read(file)) {
          List<BalanceChange> changes = XrpBalanceChanges.of(tx.meta());
          BigDecimal sum = BigDecimal.ZERO;
          for (BalanceChange change : changes) {
            if (change.isXrp()) {
              sum = sum.add(change.value());
            }
          }
          changes.stream()
              .map(BalanceChange::kind)
              .distinct()
              .forEach(kind -> transactionsWithKind.merge(kind, 1, Integer::sum));
          if (sum.compareTo(BigDecimal.valueOf(-tx.fee())) != 0) {
            unbalanced.add(root.relativize(file) + " " + tx.hash() + ": " + sum + " drops, fee " + tx.fee());
          }
          checked++;
        }
      }
    }
    assertThat(unbalanced).isEmpty();
    assertThat(checked).isEqualTo(TRANSACTIONS);
    // The holdings of escrows and channels are exercised, not only account balances; the one transaction without an
    // account change is the fee-less UNLModify pseudo-transaction.
    assertThat(transactionsWithKind)
        .containsEntry(Kind.ACCOUNT, TRANSACTIONS - 1)
        .containsEntry(Kind.ESCROW, 5)
        .containsEntry(Kind.PAYCHAN, 5);
  }
}
