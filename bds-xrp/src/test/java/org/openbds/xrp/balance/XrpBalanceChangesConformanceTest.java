package org.openbds.xrp.balance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openbds.api.RealData;
import org.openbds.xrp.balance.BalanceChange.Kind;
import org.openbds.xrp.balance.RecordedTransactionReader.RecordedTransaction;

/**
 * Our account balance changes against the reference XRPL library's, for every transaction of the shared mainnet data
 * it was run on ({@code expected/balance_changes.json}): same accounts, currencies, issuers and exact values. The
 * reference counts only AccountRoot and RippleState, hence only {@link Kind#ACCOUNT} changes are compared.
 */
class XrpBalanceChangesConformanceTest {
  private static final int ORACLE_TRANSACTIONS = 533;

  @Test
  void accountChangesEqualTheReferenceLibraryForEveryListedTransaction() {
    Path root = RealData.dir("xrp");
    JsonNode oracle = RecordedTransactionReader.readJson(root.resolve("expected/balance_changes.json"));
    Map<String, List<JsonNode>> byFile = new LinkedHashMap<>();
    for (JsonNode entry : oracle) {
      byFile.computeIfAbsent(entry.get("file").asText(), f -> new ArrayList<>()).add(entry);
    }

    int matched = 0;
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> file : byFile.entrySet()) {
      List<RecordedTransaction> recorded = RecordedTransactionReader.read(root.resolve(file.getKey()));
      // The oracle lists a file's transactions in document order, so position pairs them even where no hash is given.
      assertThat(recorded).as(file.getKey()).hasSameSizeAs(file.getValue());
      for (int i = 0; i < recorded.size(); i++) {
        JsonNode expected = file.getValue().get(i);
        RecordedTransaction tx = recorded.get(i);
        if (expected.hasNonNull("hash")) {
          assertThat(tx.hash()).as(file.getKey() + " #" + i).isEqualTo(expected.get("hash").asText());
        }
        assertThat(tx.fee()).as("fee").isEqualTo(Long.parseLong(expected.get("fee").asText()));
        List<String> ours = ours(XrpBalanceChanges.of(tx.meta()));
        List<String> theirs = theirs(expected.get("balanceChanges"));
        if (ours.equals(theirs)) {
          matched++;
        } else {
          mismatches.add(file.getKey() + " " + tx.hash() + "\n  ours:   " + ours + "\n  theirs: " + theirs);
        }
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(matched).isEqualTo(ORACLE_TRANSACTIONS);
  }

  private static List<String> ours(List<BalanceChange> changes) {
    List<String> lines = new ArrayList<>();
    for (BalanceChange change : changes) {
      if (change.kind() == Kind.ACCOUNT) {
        // XRP goes from drops to XRP exactly: a decimal point shift, no division.
        BigDecimal value = change.isXrp() ? change.value().movePointLeft(6) : change.value();
        lines.add(line(change.account(), change.currency(), change.issuer(), value));
      }
    }
    return lines.stream().sorted().toList();
  }

  private static List<String> theirs(JsonNode balanceChanges) {
    List<String> lines = new ArrayList<>();
    for (JsonNode account : balanceChanges) {
      for (JsonNode balance : account.get("balances")) {
        lines.add(
            line(
                account.get("account").asText(),
                balance.get("currency").asText(),
                balance.path("issuer").textValue(),
                new BigDecimal(balance.get("value").asText())));
      }
    }
    return lines.stream().sorted().toList();
  }

  private static String line(String account, String currency, String issuer, BigDecimal value) {
    return account + " " + currency + "/" + issuer + " " + value.stripTrailingZeros().toPlainString();
  }
}
