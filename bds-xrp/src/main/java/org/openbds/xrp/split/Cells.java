package org.openbds.xrp.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.openbds.api.RowWriter;
import org.openbds.xrp.amount.XrpAmount;

/**
 * The cells of one row, collected before anything is written: a ledger's rows are all computed (and every field
 * checked) first, then written in one go, so that a bad field fails the ledger before any of its rows is written.
 */
final class Cells {
  /** A timestamp cell, in seconds since 1970-01-01 UTC. */
  record EpochSeconds(long seconds) {}

  private final String table;
  private final List<Object> values = new ArrayList<>();

  Cells(String table) {
    this.table = table;
  }

  String table() {
    return table;
  }

  int size() {
    return values.size();
  }

  Cells add(Object value) {
    values.add(value);
    return this;
  }

  Cells add(Optional<?> value) {
    values.add(value.orElse(null));
    return this;
  }

  Cells add(OptionalLong value) {
    values.add(value.isPresent() ? value.getAsLong() : null);
    return this;
  }

  Cells time(long epochSeconds) {
    values.add(new EpochSeconds(epochSeconds));
    return this;
  }

  /** The four cells of an amount: currency, issuer, drops, value. */
  Cells amount(Optional<XrpAmount> amount) {
    if (amount.isEmpty()) {
      values.add(null);
      values.add(null);
      values.add(null);
      values.add(null);
    } else if (amount.get() instanceof XrpAmount.Drops d) {
      values.add("XRP");
      values.add(null);
      values.add(d.drops());
      values.add(null);
    } else if (amount.get() instanceof XrpAmount.Issued i) {
      values.add(i.currency());
      values.add(i.issuer());
      values.add(null);
      values.add(i.value().toPlainString());
    } else if (amount.get() instanceof XrpAmount.Mpt m) {
      // a multi-purpose token: its issuance id stands for currency and issuer; amounts are whole units
      values.add("MPT");
      values.add(m.mptIssuanceId());
      values.add(null);
      values.add(m.value().toString());
    }
    return this;
  }

  @SuppressWarnings("unchecked")
  void write(RowWriter w) {
    w.beginRow();
    for (Object v : values) {
      if (v == null) {
        w.putNull();
      } else if (v instanceof Long l) {
        w.putLong(l);
      } else if (v instanceof Integer i) {
        w.putInt(i);
      } else if (v instanceof String s) {
        w.putString(s);
      } else if (v instanceof Boolean b) {
        w.putBoolean(b);
      } else if (v instanceof EpochSeconds t) {
        w.putEpochSeconds(t.seconds());
      } else if (v instanceof List<?> list) {
        w.putStringList((List<String>) list);
      } else {
        throw new IllegalStateException("no cell type for " + v.getClass());
      }
    }
    w.endRow();
  }
}
