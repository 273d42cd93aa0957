package org.openbds.xrp.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.xrp.balance.BalanceChange.Kind;

/** Hand-made metadata for the rules; the real data is covered by the conformance and conservation tests. */
class XrpBalanceChangesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String LOW = "rLowAccountxxxxxxxxxxxxxxxxxxxxxxx";
  private static final String HIGH = "rHighAccountxxxxxxxxxxxxxxxxxxxxx";

  @Test
  void aTrustLineBalanceIsTheLowAccountsViewAndTheNegationForTheHighAccount() {
    JsonNode meta =
        meta(
            """
            {"ModifiedNode": {"LedgerEntryType": "RippleState", "LedgerIndex": "AA",
              "FinalFields": {
                "Balance": {"currency": "USD", "issuer": "rrrrrrrrrrrrrrrrrrrrBZbvji", "value": "-2.5"},
                "LowLimit": {"currency": "USD", "issuer": "%s", "value": "0"},
                "HighLimit": {"currency": "USD", "issuer": "%s", "value": "100"}},
              "PreviousFields": {
                "Balance": {"currency": "USD", "issuer": "rrrrrrrrrrrrrrrrrrrrBZbvji", "value": "-1"}}}}
            """
                .formatted(LOW, HIGH));

    assertThat(XrpBalanceChanges.of(meta))
        .containsExactly(
            new BalanceChange(LOW, "USD", HIGH, new BigDecimal("-1.5"), Kind.ACCOUNT),
            new BalanceChange(HIGH, "USD", LOW, new BigDecimal("1.5"), Kind.ACCOUNT));
  }

  @Test
  void escrowedXrpMovesFromTheAccountToItsEscrowAndBack() {
    String create =
        """
        {"ModifiedNode": {"LedgerEntryType": "AccountRoot", "LedgerIndex": "A1",
          "FinalFields": {"Account": "%s", "Balance": "880"}, "PreviousFields": {"Balance": "1000"}}},
        {"CreatedNode": {"LedgerEntryType": "Escrow", "LedgerIndex": "E1",
          "NewFields": {"Account": "%s", "Destination": "%s", "Amount": "110"}}}
        """
            .formatted(LOW, LOW, HIGH);
    String finish =
        """
        {"DeletedNode": {"LedgerEntryType": "Escrow", "LedgerIndex": "E1",
          "FinalFields": {"Account": "%s", "Destination": "%s", "Amount": "110"}}},
        {"ModifiedNode": {"LedgerEntryType": "AccountRoot", "LedgerIndex": "A2",
          "FinalFields": {"Account": "%s", "Balance": "110"}, "PreviousFields": {"Balance": "0"}}}
        """
            .formatted(LOW, HIGH, HIGH);

    assertThat(XrpBalanceChanges.of(meta(create)))
        .containsExactly(
            new BalanceChange(LOW, "XRP", null, new BigDecimal("-120"), Kind.ACCOUNT),
            new BalanceChange(LOW, "XRP", null, new BigDecimal("110"), Kind.ESCROW));
    assertThat(XrpBalanceChanges.of(meta(finish)))
        .containsExactly(
            new BalanceChange(LOW, "XRP", null, new BigDecimal("-110"), Kind.ESCROW),
            new BalanceChange(HIGH, "XRP", null, new BigDecimal("110"), Kind.ACCOUNT));
  }

  @Test
  void aChannelHoldsWhatWasFundedLessWhatWasClaimed() {
    String claim =
        """
        {"ModifiedNode": {"LedgerEntryType": "PayChannel", "LedgerIndex": "C1",
          "FinalFields": {"Account": "%s", "Destination": "%s", "Amount": "30000000", "Balance": "8806247"},
          "PreviousFields": {"Balance": "8582738"}}}
        """
            .formatted(LOW, HIGH);
    String create =
        """
        {"CreatedNode": {"LedgerEntryType": "PayChannel", "LedgerIndex": "C2",
          "NewFields": {"Account": "%s", "Destination": "%s", "Amount": "500"}}}
        """
            .formatted(LOW, HIGH);

    assertThat(XrpBalanceChanges.of(meta(claim)))
        .containsExactly(new BalanceChange(LOW, "XRP", null, new BigDecimal("-223509"), Kind.PAYCHAN));
    assertThat(XrpBalanceChanges.of(meta(create)))
        .containsExactly(new BalanceChange(LOW, "XRP", null, new BigDecimal("500"), Kind.PAYCHAN));
  }

  @Test
  void unchangedBalancesAndThreadedObjectsGiveNoEntry() {
    String nodes =
        """
        {"ModifiedNode": {"LedgerEntryType": "AccountRoot", "LedgerIndex": "A1", "PreviousTxnID": "00"}},
        {"ModifiedNode": {"LedgerEntryType": "AccountRoot", "LedgerIndex": "A2",
          "FinalFields": {"Account": "%s", "Balance": "5", "Sequence": 2}, "PreviousFields": {"Sequence": 1}}},
        {"CreatedNode": {"LedgerEntryType": "RippleState", "LedgerIndex": "R1",
          "NewFields": {"Balance": {"currency": "USD", "issuer": "rrrrrrrrrrrrrrrrrrrrBZbvji", "value": "0"},
            "LowLimit": {"currency": "USD", "issuer": "%s", "value": "1"},
            "HighLimit": {"currency": "USD", "issuer": "%s", "value": "0"}}}},
        {"DeletedNode": {"LedgerEntryType": "Offer", "LedgerIndex": "O1", "FinalFields": {"TakerPays": "1"}}}
        """
            .formatted(LOW, LOW, HIGH);

    assertThat(XrpBalanceChanges.of(meta(nodes))).isEmpty();
  }

  @Test
  void issuedValuesAreExactBeyondSixteenDigits() {
    JsonNode meta =
        meta(
            """
            {"ModifiedNode": {"LedgerEntryType": "RippleState", "LedgerIndex": "AA",
              "FinalFields": {"Balance": {"currency": "USD", "issuer": "rrrrrrrrrrrrrrrrrrrrBZbvji", "value": "1e-20"},
                "LowLimit": {"currency": "USD", "issuer": "%s", "value": "0"},
                "HighLimit": {"currency": "USD", "issuer": "%s", "value": "0"}},
              "PreviousFields": {"Balance": {"currency": "USD", "issuer": "rrrrrrrrrrrrrrrrrrrrBZbvji",
                "value": "1000"}}}}
            """
                .formatted(LOW, HIGH));

    assertThat(XrpBalanceChanges.of(meta).get(0).value().toPlainString())
        .isEqualTo("-999.99999999999999999999");
  }

  @Test
  void aMalformedNodeIsNamedByTypeAndIndex() {
    String badBalance =
        """
        {"ModifiedNode": {"LedgerEntryType": "AccountRoot", "LedgerIndex": "5A2B",
          "FinalFields": {"Account": "%s", "Balance": "1.5"}, "PreviousFields": {"Balance": "1"}}}
        """
            .formatted(LOW);
    String noAccount =
        """
        {"CreatedNode": {"LedgerEntryType": "AccountRoot", "LedgerIndex": "5A2C", "NewFields": {"Balance": "1"}}}
        """;
    String xrpTrustLine =
        """
        {"DeletedNode": {"LedgerEntryType": "RippleState", "LedgerIndex": "5A2D",
          "FinalFields": {"Balance": "1", "LowLimit": {"issuer": "%s"}, "HighLimit": {"issuer": "%s"}}}}
        """
            .formatted(LOW, HIGH);

    assertMalformed(meta(badBalance), "AccountRoot 5A2B");
    assertMalformed(meta(noAccount), "AccountRoot 5A2C");
    assertMalformed(meta(xrpTrustLine), "RippleState 5A2D");
    assertMalformed(meta("{\"ChangedNode\": {\"LedgerEntryType\": \"Offer\", \"LedgerIndex\": \"5A2E\"}}"), "5A2E");
    assertMalformed(tree("{\"TransactionResult\": \"tesSUCCESS\"}"), "AffectedNodes");
  }

  private static void assertMalformed(JsonNode meta, String name) {
    assertThatThrownBy(() -> XrpBalanceChanges.of(meta))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BLOCK))
        .hasMessageContaining(name);
  }

  private static JsonNode meta(String affectedNodes) {
    return tree("{\"AffectedNodes\": [" + affectedNodes + "], \"TransactionResult\": \"tesSUCCESS\"}");
  }

  private static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
