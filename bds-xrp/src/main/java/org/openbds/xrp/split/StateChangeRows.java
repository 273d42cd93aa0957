package org.openbds.xrp.split;

import static org.openbds.xrp.codec.JsonFields.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.openbds.xrp.amount.IouValue;
import org.openbds.xrp.amount.XrpAmount;
import org.openbds.xrp.codec.XrpLedger;
import org.openbds.xrp.codec.XrpTransaction;

/** Rows of the ledger objects a transaction touched that the schema follows: offers, trust lines, accounts. */
final class StateChangeRows {
  private StateChangeRows() {}

  static void add(List<Cells> rows, XrpLedger ledger, XrpTransaction t, AffectedNode n, String where) {
    switch (n.entryType()) {
      case "Offer" -> rows.add(offer(ledger, t, n, where));
      case "RippleState" -> rows.add(trustLine(ledger, t, n, where));
      case "AccountRoot" -> {
        if (n.change() != AffectedNode.Change.MODIFIED) {
          rows.add(account(ledger, t, n, where));
        }
      }
      default -> {
        // other objects (directories, escrows, channels, NFT pages, AMMs…) are read through balance_changes and
        // the transactions' raw JSON
      }
    }
  }

  private static Cells offer(XrpLedger ledger, XrpTransaction t, AffectedNode n, String where) {
    JsonNode f = n.fields();
    String owner = text(f, "Account", where);
    boolean changed = n.previous().has("TakerGets") || n.previous().has("TakerPays");
    return LedgerRowBuilder.key(XrpTables.OFFER_CHANGES, ledger, t)
        .add(n.ledgerIndex())
        .add(n.change().sqlName())
        .add(owner)
        .add(f.has("Sequence") ? (Object) f.get("Sequence").asLong() : null)
        .amount(amount(f, "TakerGets", where))
        .amount(amount(f, "TakerPays", where))
        .amount(changed ? amount(n.previous(), "TakerGets", where) : Optional.empty())
        .amount(changed ? amount(n.previous(), "TakerPays", where) : Optional.empty());
  }

  private static Cells trustLine(XrpLedger ledger, XrpTransaction t, AffectedNode n, String where) {
    JsonNode f = n.fields();
    JsonNode balance = f.get("Balance");
    JsonNode low = f.get("LowLimit");
    JsonNode high = f.get("HighLimit");
    if (balance == null || low == null || high == null) {
      throw malformed(where, "a RippleState without Balance, LowLimit or HighLimit");
    }
    JsonNode before = n.previous().get("Balance");
    return LedgerRowBuilder.key(XrpTables.TRUST_LINE_CHANGES, ledger, t)
        .add(n.ledgerIndex())
        .add(n.change().sqlName())
        .add(text(low, "issuer", where))
        .add(text(high, "issuer", where))
        .add(text(balance, "currency", where))
        .add(iou(balance, where + " Balance"))
        .add(before == null ? null : iou(before, where + " PreviousFields.Balance"))
        .add(iou(low, where + " LowLimit"))
        .add(iou(high, where + " HighLimit"))
        .add(f.has("Flags") ? (Object) f.get("Flags").asLong() : null);
  }

  private static Cells account(XrpLedger ledger, XrpTransaction t, AffectedNode n, String where) {
    JsonNode f = n.fields();
    long balance = amount(f, "Balance", where)
        .map(a -> a instanceof XrpAmount.Drops d ? d.drops() : null)
        .orElseThrow(() -> malformed(where, "an AccountRoot without an XRP Balance"));
    return LedgerRowBuilder.key(XrpTables.ACCOUNT_EVENTS, ledger, t)
        .add(text(f, "Account", where))
        .add(n.change().sqlName())
        .add(balance);
  }

  private static Optional<XrpAmount> amount(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(XrpAmount.parse(v, where + " " + field));
  }

  private static String iou(JsonNode amount, String where) {
    JsonNode v = amount.get("value");
    if (v == null || !v.isTextual()) {
      throw malformed(where, "no value");
    }
    return IouValue.parse(v.textValue()).toPlainString();
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw malformed(where, "missing " + field);
    }
    return v.textValue();
  }
}
