package org.openbds.xrp.split;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openbds.api.Hash32;
import org.openbds.xrp.balance.BalanceChange;
import org.openbds.xrp.balance.XrpBalanceChanges;
import org.openbds.xrp.codec.JsonFields;
import org.openbds.xrp.codec.XrpLedger;
import org.openbds.xrp.codec.XrpTransaction;

/**
 * Builds every row of a ledger. Checks on the way that each transaction conserves XRP: the XRP balance changes of
 * accounts, escrows and payment channels add up to minus the fee, which the network burns. A transaction that does
 * not is refused, unless it already carries an anomaly (the historic negative balances), where it is noted instead.
 */
final class LedgerRowBuilder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LedgerRowBuilder() {}

  static XrpLedgerRows build(XrpLedger ledger, String origin) {
    List<Cells> rows = new ArrayList<>();
    rows.add(ledgerRow(ledger));
    String ledgerWhere = origin + ", ledger " + ledger.index();
    for (XrpTransaction t : ledger.transactions()) {
      String where = ledgerWhere + ", transaction " + hex(t.hash());
      List<String> anomalies = new ArrayList<>(t.anomalies());
      List<BalanceChange> balances = XrpBalanceChanges.of(t.meta());
      BigDecimal xrp = BigDecimal.ZERO;
      for (BalanceChange b : balances) {
        if (b.issuer() == null) {
          xrp = xrp.add(b.value());
        }
        rows.add(key(XrpTables.BALANCE_CHANGES, ledger, t)
            .add(b.account())
            .add(b.kind().name().toLowerCase(Locale.ROOT))
            .add(b.currency())
            .add(b.issuer())
            .add(b.issuer() == null ? (Object) b.value().longValueExact() : null)
            .add(b.issuer() == null ? null : b.value().stripTrailingZeros().toPlainString()));
      }
      if (xrp.compareTo(BigDecimal.valueOf(-t.fee())) != 0) {
        String what = "XRP is not conserved: its balance changes add up to " + xrp.toPlainString() + " drops, the fee is "
            + t.fee();
        if (anomalies.isEmpty()) {
          throw JsonFields.malformed(where, what);
        }
        anomalies.add(what);
      }
      rows.add(transactionRow(ledger, t, anomalies));
      for (AffectedNode n : AffectedNode.of(t.meta(), where)) {
        StateChangeRows.add(rows, ledger, t, n, n.where(where));
      }
      DetailTable.of(t.family()).ifPresent(d -> rows.add(DetailRows.row(d, ledger, t, where)));
    }
    return new XrpLedgerRows(rows);
  }

  static String hex(Hash32 h) {
    return h.toHex().toUpperCase(Locale.ROOT);
  }

  /** A row of a per-transaction table, started with its key: ledger, position, hash. */
  static Cells key(String table, XrpLedger ledger, XrpTransaction t) {
    return new Cells(table).add(ledger.index()).add(t.position()).add(hex(t.hash()));
  }

  private static Cells ledgerRow(XrpLedger l) {
    return new Cells(XrpTables.LEDGERS)
        .add(l.index())
        .add(hex(l.hash()))
        .add(hex(l.parentHash()))
        .time(l.closeEpochSeconds())
        .add(l.closeTime())
        .add(l.parentCloseTime().isPresent() ? new Cells.EpochSeconds(l.parentCloseTime().getAsLong() + XrpLedger.RIPPLE_EPOCH) : null)
        .add(l.closeTimeResolution())
        .add(l.closeFlags().isPresent() ? (Object) l.closeFlags().getAsInt() : null)
        .add(l.totalCoins())
        .add(l.feesBurnt())
        .add(l.transactions().size())
        .add((int) l.transactions().stream().filter(XrpTransaction::succeeded).count())
        .add(l.transactionHash().map(LedgerRowBuilder::hex))
        .add(l.accountHash().map(LedgerRowBuilder::hex))
        .add(l.sizeBytes());
  }

  private static Cells transactionRow(XrpLedger l, XrpTransaction t, List<String> anomalies) {
    Cells c = key(XrpTables.TRANSACTIONS, l, t)
        .time(l.closeEpochSeconds())
        .add(t.type())
        .add(t.family().sqlName())
        .add(t.account())
        .add(t.destination())
        .add(t.destinationTag())
        .add(t.sourceTag())
        .add(t.fee())
        .add(t.sequence())
        .add(t.ticketSequence())
        .add(t.lastLedgerSequence())
        .add(t.flags())
        .add(t.result())
        .add(t.succeeded())
        .amount(t.delivered())
        .add(t.deliveredUnavailable())
        .add(t.memos().size());
    if (t.memos().isEmpty()) {
      c.add((Object) null);
    } else {
      ArrayNode list = JSON.createArrayNode();
      for (XrpTransaction.Memo m : t.memos()) {
        ObjectNode o = list.addObject();
        m.type().ifPresent(v -> o.put("type", v));
        m.format().ifPresent(v -> o.put("format", v));
        m.data().ifPresent(v -> o.put("data", v));
      }
      c.add(list.toString());
    }
    c.add(t.ctid());
    c.add(anomalies.isEmpty() ? null : List.copyOf(anomalies));
    c.add(t.raw().toString());
    return c;
  }

  static Optional<String> text(com.fasterxml.jackson.databind.JsonNode node, String field) {
    com.fasterxml.jackson.databind.JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }
}
