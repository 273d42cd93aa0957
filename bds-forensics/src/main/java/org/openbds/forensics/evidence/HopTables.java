package org.openbds.forensics.evidence;

import static org.openbds.forensics.evidence.Html.escape;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.openbds.forensics.evidence.EvidenceCase.AccountFrontier;
import org.openbds.forensics.evidence.EvidenceCase.AccountStep;
import org.openbds.forensics.evidence.EvidenceCase.FrontierEntry;
import org.openbds.forensics.evidence.EvidenceCase.Input;
import org.openbds.forensics.evidence.EvidenceCase.Output;
import org.openbds.forensics.evidence.EvidenceCase.Step;
import org.openbds.forensics.evidence.EvidenceCase.Transfer;
import org.openbds.forensics.evidence.EvidenceCase.UtxoFrontier;
import org.openbds.forensics.evidence.EvidenceCase.UtxoStep;
import org.openbds.forensics.taint.Rational;
import org.openbds.forensics.taint.Taint;

/** The report's tables: every hop (its inputs and outputs, or its transfers), the frontier, and the labels. */
final class HopTables {
  private final EvidenceCase evidence;
  private final Units units;

  HopTables(EvidenceCase evidence) {
    this.evidence = evidence;
    this.units = new Units(evidence);
  }

  void hops(StringBuilder out) {
    out.append("<section id=\"hops\"><h2>Hops</h2>");
    if (evidence.steps().isEmpty()) {
      out.append("<p>The trace passed through no transaction.</p>");
    }
    int n = 0;
    for (Step s : evidence.steps()) {
      n++;
      out.append("<section class=\"hop\" id=\"step-").append(n).append("\"><h3>Hop ").append(s.hop()).append(" · transaction <span class=\"mono\">")
          .append(escape(s.txid())).append("</span></h3><dl class=\"facts\">");
      fact(out, "block height", String.valueOf(s.blockHeight()), false);
      fact(out, "block hash", s.blockHash(), true);
      fact(out, "time", Units.utc(s.time()), false);
      fact(out, "fee", units.both(s.fee(), Units.NATIVE), false);
      fact(out, "fee taint", units.both(s.feeTaint(), Units.NATIVE), false);
      out.append("</dl>");
      if (s instanceof UtxoStep u) {
        inputs(out, u.inputs());
        outputs(out, u.outputs());
      } else if (s instanceof AccountStep a) {
        transfers(out, a.transfers());
      }
      out.append("</section>");
    }
    out.append("</section>");
  }

  private void inputs(StringBuilder out, List<Input> inputs) {
    out.append("<table class=\"inputs\"><caption>Inputs</caption><thead><tr><th class=\"num\">vin</th><th>spends (txid:vout)</th><th>address</th>"
        + "<th class=\"num\">value</th><th class=\"num\">taint</th></tr></thead><tbody>");
    for (Input i : inputs) {
      out.append("<tr><td class=\"num\">").append(i.vin()).append("</td><td class=\"mono\">").append(escape(i.spends().toString())).append("</td>");
      address(out, i.address());
      amount(out, new Rational(i.value(), BigInteger.ONE), Units.NATIVE);
      taint(out, i.taint(), i.ranges(), Units.NATIVE);
      out.append("</tr>");
    }
    out.append("</tbody></table>");
  }

  private void outputs(StringBuilder out, List<Output> outputs) {
    out.append("<table class=\"outputs\"><caption>Outputs</caption><thead><tr><th class=\"num\">vout</th><th>address</th><th class=\"num\">value</th>"
        + "<th class=\"num\">taint</th></tr></thead><tbody>");
    for (Output o : outputs) {
      out.append("<tr><td class=\"num\">").append(o.vout()).append("</td>");
      address(out, o.address());
      amount(out, new Rational(o.value(), BigInteger.ONE), Units.NATIVE);
      taint(out, o.taint(), o.ranges(), Units.NATIVE);
      out.append("</tr>");
    }
    out.append("</tbody></table>");
  }

  private void transfers(StringBuilder out, List<Transfer> transfers) {
    out.append("<table class=\"transfers\"><caption>Transfers</caption><thead><tr><th class=\"num\">#</th><th>kind</th><th>asset</th><th>from</th>"
        + "<th>to</th><th class=\"num\">value</th><th class=\"num\">taint</th></tr></thead><tbody>");
    for (Transfer t : transfers) {
      out.append("<tr><td class=\"num\">").append(t.index()).append("</td><td>").append(escape(t.kind())).append("</td><td class=\"mono\">")
          .append(escape(t.asset())).append("</td>");
      address(out, Optional.of(t.from()));
      address(out, Optional.of(t.to()));
      amount(out, new Rational(t.value(), BigInteger.ONE), t.asset());
      taint(out, t.taint(), List.of(), t.asset());
      out.append("</tr>");
    }
    out.append("</tbody></table>");
  }

  void frontier(StringBuilder out) {
    out.append("<section id=\"frontier\"><h2>Frontier</h2><p>Where the trace stopped: ")
        .append(evidence.model() == EvidenceCase.Model.UTXO ? "every tainted output it did not follow further" : "every address holding tainted funds")
        .append(", with the reason.</p><table class=\"frontier\"><thead><tr>")
        .append(evidence.model() == EvidenceCase.Model.UTXO ? "<th>output</th><th>address</th>" : "<th>address</th><th>asset</th>")
        .append("<th class=\"num\">value</th><th class=\"num\">taint</th><th class=\"num\">hop</th><th>reason</th><th>note</th></tr></thead><tbody>");
    for (FrontierEntry f : evidence.frontier()) {
      out.append("<tr>");
      String asset = Units.NATIVE;
      List<Taint.Range> ranges = List.of();
      if (f instanceof UtxoFrontier u) {
        out.append("<td class=\"mono\">").append(escape(u.output().toString())).append("</td>");
        address(out, u.address());
        ranges = u.ranges();
      } else if (f instanceof AccountFrontier a) {
        address(out, a.address());
        out.append("<td class=\"mono\">").append(escape(a.asset())).append("</td>");
        asset = a.asset();
      }
      amount(out, new Rational(f.value(), BigInteger.ONE), asset);
      taint(out, Optional.of(f.taint()), ranges, asset);
      out.append("<td class=\"num\">").append(f.hop()).append("</td><td>").append(escape(f.reason())).append("</td><td>")
          .append(escape(f.note().orElse(""))).append("</td></tr>");
    }
    out.append("</tbody></table></section>");
  }

  void labels(StringBuilder out) {
    out.append("<section id=\"labels\"><h2>Labels</h2>");
    if (evidence.labels().isEmpty()) {
      out.append("<p>No address of the case has a label.</p>");
    } else {
      out.append("<p>The labels of the case's addresses, with their sources, as the case file holds them.</p><table class=\"labels\"><thead><tr>"
          + "<th>address</th><th>labels</th></tr></thead><tbody>");
      evidence.labels().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> {
        out.append("<tr><td class=\"mono\">").append(escape(e.getKey())).append("</td><td>");
        e.getValue().forEach(l -> out.append("<div>").append(escape(l)).append("</div>"));
        out.append("</td></tr>");
      });
      out.append("</tbody></table>");
    }
    out.append("</section>");
  }

  /** An address cell with the address's labels under it; a dash for an output without an address. */
  private void address(StringBuilder out, Optional<String> address) {
    out.append("<td><span class=\"mono\">").append(escape(address.orElse("—"))).append("</span>");
    for (String label : address.map(a -> evidence.labels().getOrDefault(a, List.of())).orElse(List.of())) {
      out.append("<span class=\"label\">").append(escape(label)).append("</span>");
    }
    out.append("</td>");
  }

  private void amount(StringBuilder out, Rational amount, String asset) {
    out.append("<td class=\"num\">").append(escape(Units.base(amount)));
    units.inCoins(amount, asset).ifPresent(c -> out.append("<span class=\"coin\">").append(escape(c)).append("</span>"));
    out.append("</td>");
  }

  private void taint(StringBuilder out, Optional<Rational> taint, List<Taint.Range> ranges, String asset) {
    if (taint.isEmpty()) {
      out.append("<td class=\"num untainted\">—</td>");
      return;
    }
    out.append("<td class=\"num\">").append(escape(Units.base(taint.get())));
    units.inCoins(taint.get(), asset).ifPresent(c -> out.append("<span class=\"coin\">").append(escape(c)).append("</span>"));
    if (!ranges.isEmpty()) {
      out.append("<span class=\"ranges\">FIFO ").append(escape(UtxoTaintArithmetic.ranges(ranges))).append("</span>");
    }
    out.append("</td>");
  }

  static void fact(StringBuilder out, String name, String value, boolean mono) {
    out.append("<dt>").append(escape(name)).append("</dt><dd").append(mono ? " class=\"mono\"" : "").append(">").append(escape(value)).append("</dd>");
  }
}
