package org.openbds.xrp.balance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openbds.api.RealData;
import org.openbds.xrp.amount.XrpAmount;
import org.openbds.xrp.balance.BalanceChange.Kind;
import org.openbds.xrp.balance.RecordedTransactionReader.RecordedTransaction;

/**
 * The unusual recordings in {@code edge-cases/}: 2013 ledgers written before the ledger refused negative XRP, files
 * edited by their authors, sidechain and standalone answers. Amounts and balance changes must decode without a crash,
 * a negative drops string as a negative value: judging such data is the validator's job, not the decoder's.
 */
class XrpEdgeCaseDataTest {
  // Fields holding an amount, wherever they appear: in the transaction and in the objects of its metadata.
  private static final Set<String> AMOUNT_FIELDS =
      Set.of(
          "Amount", "SendMax", "DeliverMin", "TakerPays", "TakerGets", "Fee", "Balance", "LowLimit", "HighLimit",
          "DeliveredAmount", "delivered_amount");

  // Metadata is walked on its own (an API v1 transaction carries it inside), other transactions are not this one's.
  private static final Set<String> NOT_THIS_TRANSACTION = Set.of("meta", "metaData", "metadata", "transactions");

  @Test
  void everyEdgeCaseTransactionDecodesAndNegativeDropsStayNegative() {
    Path root = RealData.dir("xrp");
    int transactions = 0;
    int changes = 0;
    List<Long> negativeDrops = new ArrayList<>();
    for (Path file : RecordedTransactionReader.jsonFiles(root.resolve("edge-cases"))) {
      for (RecordedTransaction tx : RecordedTransactionReader.read(file)) {
        parseAmounts(tx.tx(), tx.hash(), negativeDrops);
        parseAmounts(tx.meta(), tx.hash(), negativeDrops);
        changes += XrpBalanceChanges.of(tx.meta()).size();
        transactions++;
      }
    }
    assertThat(transactions).isEqualTo(133);
    assertThat(changes).isPositive();
    // Offer TakerPays and AccountRoot balances of the 2013 ledgers and of an OfferCreate recorded with negatives.
    assertThat(negativeDrops).hasSize(18).contains(-1_810_000_000L, -2_298_000_050L, -6_975_982L, -1L);
  }

  private static void parseAmounts(JsonNode node, String where, List<Long> negativeDrops) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      // Old ledgers did not record what a payment delivered; rippled then says so in words.
      boolean unavailable = "unavailable".equals(value.textValue());
      if (AMOUNT_FIELDS.contains(field.getKey()) && !unavailable) {
        XrpAmount amount = XrpAmount.parse(value, where + ": " + field.getKey());
        if (amount instanceof XrpAmount.Drops drops && drops.drops() < 0) {
          negativeDrops.add(drops.drops());
        }
      } else if (value.isContainerNode() && !NOT_THIS_TRANSACTION.contains(field.getKey())) {
        for (JsonNode child : value.isArray() ? value : List.of(value)) {
          parseAmounts(child, where, negativeDrops);
        }
      }
    }
  }

  @Test
  void aBalanceRecoveringFromNegativeIsAnOrdinaryChange() {
    Path file =
        RealData.dir("xrp")
            .resolve(
                "edge-cases/XRPLF+xrpl4j/xrpl4j-core/src/test/resources/negative-balance-ledgers/"
                    + "ledger-354575-metadata.json");
    JsonNode meta = RecordedTransactionReader.readJson(file);

    List<BalanceChange> changes = XrpBalanceChanges.of(meta);

    // Balance went from -2298000050 to 1000000450 drops.
    assertThat(changes)
        .contains(
            new BalanceChange(
                "r9dshc2F8SqBdqXSmQHjsSoPN42PLB37ud", "XRP", null, new BigDecimal("3298000500"), Kind.ACCOUNT));
  }
}
