package org.openbds.forensics.evidence;

import static java.util.Objects.requireNonNull;
import static org.openbds.forensics.evidence.HopTables.fact;
import static org.openbds.forensics.evidence.Html.escape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openbds.forensics.evidence.EvidenceCase.AccountFrontier;
import org.openbds.forensics.evidence.EvidenceCase.AccountStep;
import org.openbds.forensics.evidence.EvidenceCase.FrontierEntry;
import org.openbds.forensics.evidence.EvidenceCase.Model;
import org.openbds.forensics.evidence.EvidenceCase.Request;
import org.openbds.forensics.evidence.EvidenceCase.Step;
import org.openbds.forensics.evidence.EvidenceCase.Summary;
import org.openbds.forensics.evidence.EvidenceCase.UtxoFrontier;
import org.openbds.forensics.evidence.EvidenceCase.UtxoStep;
import org.openbds.forensics.taint.Rational;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;

/**
 * The evidence report of a case file: one self-contained HTML page (its style inline, no script, no request to any
 * network, printable) that lays out what was traced, with which parameters and on which chain state, every hop with
 * exact amounts, the frontier and the labels — and, for each step, the node calls and the arithmetic by which a third
 * party re-checks it against any node of the chain. The case file's SHA-256 ties the report to the exact file.
 *
 * <p>The report redoes the arithmetic a reader would (a step's inputs, outputs and fee, the taint rule, the summary's
 * totals) from the case file's own figures and marks each result as agreeing with the file or not. Everything shown
 * from the file is escaped: hostile addresses, labels or notes stay text. The same case file gives the same report.
 */
public final class EvidenceReport {
  private final EvidenceCase evidence;
  private final List<List<RecheckLine>> rechecks;
  private final List<RecheckLine> totals;

  private EvidenceReport(EvidenceCase evidence) {
    this.evidence = requireNonNull(evidence, "evidence is null");
    List<List<RecheckLine>> lines = new ArrayList<>();
    for (Step s : evidence.steps()) {
      lines.add(s instanceof UtxoStep u ? new UtxoRecheck(evidence).lines(u) : new AccountRecheck(evidence).lines((AccountStep) s));
    }
    this.rechecks = List.copyOf(lines);
    this.totals = totals();
  }

  /**
   * The report of the case file whose exact bytes are {@code caseFile}.
   *
   * @throws CaseFileException when the bytes are not a case file: not UTF-8 JSON, another format, or a required field
   *     missing or malformed (the exception names it)
   */
  public static EvidenceReport read(byte[] caseFile) {
    return new EvidenceReport(CaseFileReader.read(requireNonNull(caseFile, "caseFile is null")));
  }

  /** The case as read from the file. */
  public EvidenceCase evidenceCase() {
    return evidence;
  }

  /**
   * How many figures of the case file do not agree with its own arithmetic as the report redoes it (a step's fee, a
   * taint the model's rule does not give, a summary total): 0 for a file as the tracer writes it.
   */
  public long disagreements() {
    return rechecks.stream().flatMap(List::stream).filter(l -> l.kind() == RecheckLine.Kind.DISAGREES).count()
        + totals.stream().filter(l -> l.kind() == RecheckLine.Kind.DISAGREES).count();
  }

  /** The report as one HTML document. */
  public String html() {
    StringBuilder out = new StringBuilder(64 * 1024);
    head(out);
    header(out, disagreements());
    parameters(out);
    summary(out);
    HopTables tables = new HopTables(evidence);
    tables.hops(out);
    tables.frontier(out);
    tables.labels(out);
    recheck(out);
    out.append("<footer><p>Case file SHA-256 <span class=\"mono\">").append(evidence.sha256()).append("</span> · ")
        .append(escape(evidence.software())).append(" · ").append(Units.utc(evidence.createdAt())).append("</p></footer></body></html>\n");
    return out.toString();
  }

  private void head(StringBuilder out) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        // nothing is fetched and nothing runs, whatever the case file holds
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Evidence report: ")
        .append(escape(evidence.request().from())).append("</title><style>").append(stylesheet()).append("</style></head><body>");
  }

  private void header(StringBuilder out, long disagreeing) {
    EvidenceCase.Chain c = evidence.chain();
    out.append("<header><p class=\"kicker\">OpenBDS evidence report · ").append(evidence.model() == Model.UTXO ? "UTXO" : "account").append(" model")
        .append("</p><h1>Trace from <span class=\"mono\">").append(escape(evidence.request().from())).append("</span></h1><dl class=\"facts\">");
    fact(out, "chain", c.id() + (c.network().isEmpty() ? "" : " (network " + c.network() + ")"), false);
    fact(out, "warehouse tip height", String.valueOf(c.tipHeight()), false);
    fact(out, "warehouse tip hash", c.tipHash(), true);
    fact(out, "software", evidence.software(), false);
    fact(out, "created at", Units.utc(evidence.createdAt()), false);
    fact(out, "case file SHA-256", evidence.sha256(), true);
    fact(out, "arithmetic redone", disagreeing == 0 ? "every figure re-added from the case file agrees with it"
        : disagreeing + " figure(s) of the case file DO NOT AGREE with its own arithmetic (marked ✗ below)", false);
    out.append("</dl></header>");
  }

  private void parameters(StringBuilder out) {
    Request r = evidence.request();
    Units units = new Units(evidence);
    String asset = r.asset().orElse(Units.NATIVE);
    out.append("<section id=\"parameters\"><h2>Parameters and heuristics</h2><dl class=\"facts\">");
    fact(out, "direction", r.direction().name().toLowerCase(Locale.ROOT) + (r.direction() == Direction.FORWARD
        ? ": where the funds went" : ": where the funds came from"), false);
    r.asset().ifPresent(a -> fact(out, "asset", a, true));
    fact(out, "taint model", r.taintModel().name().toLowerCase(Locale.ROOT), false);
    fact(out, "hops", r.hops() + " transaction(s) deep at most", false);
    fact(out, "minimum value", units.both(new Rational(r.minValue(), java.math.BigInteger.ONE), asset) + ": smaller taint is not followed", false);
    fact(out, "since", r.since().map(Units::utc).orElse("not set"), false);
    fact(out, "until", r.until().map(Units::utc).orElse("not set"), false);
    fact(out, "max transactions", String.valueOf(r.maxTransactions()), false);
    fact(out, "start", r.start().isEmpty() ? "—" : String.join(" ", r.start()), true);
    out.append("</dl><p class=\"rule\">").append(escape(TaintRules.explain(evidence.model(), r.direction(), r.taintModel()))).append("</p>");
    out.append("<h3>Stop at</h3>");
    if (r.stopAt().isEmpty()) {
      out.append("<p>No address to stop at.</p>");
    } else {
      out.append("<table class=\"stops\"><thead><tr><th>address</th><th>why</th></tr></thead><tbody>");
      r.stopAt().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.append("<tr><td class=\"mono\">").append(escape(e.getKey()))
          .append("</td><td>").append(escape(e.getValue())).append("</td></tr>"));
      out.append("</tbody></table>");
    }
    out.append("</section>");
  }

  private void summary(StringBuilder out) {
    Summary s = evidence.summary();
    Units units = new Units(evidence);
    String asset = evidence.request().asset().orElse(Units.NATIVE);
    out.append("<section id=\"summary\"><h2>Summary</h2><dl class=\"facts\">");
    fact(out, "started", units.both(s.started(), asset), false);
    fact(out, "frontier", units.both(s.frontier(), asset), false);
    fact(out, "fees", units.both(s.fees(), Units.NATIVE), false);
    fact(out, "transactions", String.valueOf(s.transactions()), false);
    fact(out, evidence.model() == Model.UTXO ? "frontier outputs" : "frontier entries", String.valueOf(s.frontierOutputs()), false);
    fact(out, "truncated", s.truncated() ? "yes: the trace reached its bound of " + evidence.request().maxTransactions()
        + " transactions; what it did not follow is in the frontier (transaction_limit)" : "no", false);
    fact(out, "balances", s.balances() ? "yes: started = frontier + fees, exactly"
        : "no: started ≠ frontier + fees" + (evidence.request().taintModel() == TaintModel.POISON ? " (poison overstates: an upper bound)" : ""), false);
    out.append("</dl><div class=\"recheck\">");
    lines(out, totals);
    out.append("</div></section>");
  }

  /** The summary's figures re-added from the steps and the frontier. */
  private List<RecheckLine> totals() {
    Summary s = evidence.summary();
    List<RecheckLine> lines = new ArrayList<>();
    lines.add(RecheckLine.check(s.transactions() == evidence.steps().size(), "transactions: " + evidence.steps().size() + " steps listed (the summary says "
        + s.transactions() + ")"));
    lines.add(RecheckLine.check(s.frontierOutputs() == evidence.frontier().size(), "frontier: " + evidence.frontier().size()
        + " entries listed (the summary says " + s.frontierOutputs() + ")"));
    Rational frontier = Rational.ZERO;
    for (FrontierEntry f : evidence.frontier()) {
      frontier = frontier.plus(f.taint());
    }
    lines.add(RecheckLine.check(frontier.equals(s.frontier()), "frontier taint: the entries' taint adds up to " + Units.base(frontier)
        + " (the summary says " + Units.base(s.frontier()) + ")"));
    Rational fees = Rational.ZERO;
    for (Step step : evidence.steps()) {
      fees = fees.plus(step.feeTaint());
    }
    lines.add(RecheckLine.check(fees.equals(s.fees()), "fees: the steps' fee taint adds up to " + Units.base(fees) + " (the summary says "
        + Units.base(s.fees()) + ")"));
    boolean balances = s.frontier().plus(s.fees()).equals(s.started());
    lines.add(RecheckLine.check(balances == s.balances(), "balance: frontier + fees = " + Units.base(s.frontier().plus(s.fees()))
        + (balances ? " = " : " ≠ ") + "started " + Units.base(s.started()) + " (the summary says balances: " + s.balances() + ")"));
    return lines;
  }

  private void recheck(StringBuilder out) {
    boolean utxo = evidence.model() == Model.UTXO;
    out.append("<section id=\"recheck\"><h2>Re-check against any node</h2><p>Every txid, block hash, height and amount in this report is the"
        + " chain's own. ");
    out.append(utxo
        ? "Run each call on any node of " + escape(evidence.chain().id()) + " (with its command-line client, such as bitcoin-cli or litecoin-cli,"
            + " or as JSON-RPC): its answer must show what follows the arrow. Node answers give amounts in coins with 8 decimals."
        : "Send each call to any node of " + escape(evidence.chain().id()) + " as JSON-RPC, {\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": …,"
            + " \"params\": […]} (debug_traceTransaction needs the node's debug API): its answer must show what follows the arrow."
            + " Node answers give quantities in hex.");
    out.append(" The lines marked ✓ or ✗ are arithmetic this report redid from the case file's own figures.</p>")
        .append("<p>The case file's SHA-256, of its exact bytes (<span class=\"mono\">sha256sum</span> prints it): <span class=\"mono\">")
        .append(evidence.sha256()).append("</span></p><div class=\"recheck\">");
    List<RecheckLine> chain = utxo ? new UtxoRecheck(evidence).chainLines() : new AccountRecheck(evidence).chainLines();
    lines(out, chain);
    out.append("</div>");
    for (int i = 0; i < rechecks.size(); i++) {
      Step s = evidence.steps().get(i);
      out.append("<h3 id=\"recheck-").append(i + 1).append("\">Hop ").append(s.hop()).append(" · <span class=\"mono\">").append(escape(s.txid()))
          .append("</span></h3><div class=\"recheck\">");
      lines(out, rechecks.get(i));
      out.append("</div>");
    }
    List<RecheckLine> frontier = frontierLines();
    if (!frontier.isEmpty()) {
      out.append("<h3>Frontier</h3><div class=\"recheck\">");
      lines(out, frontier);
      out.append("</div>");
    }
    out.append("</section>");
  }

  private List<RecheckLine> frontierLines() {
    List<RecheckLine> lines = new ArrayList<>();
    Units units = new Units(evidence);
    for (FrontierEntry f : evidence.frontier()) {
      if (f instanceof UtxoFrontier u && u.reason().equals("unspent")) {
        lines.add(RecheckLine.call("gettxout " + u.output().txid() + " " + u.output().vout()));
        String coins = units.inCoins(u.value(), Units.NATIVE).orElseThrow();
        lines.add(RecheckLine.expect("→ \"value\": " + coins.substring(0, coins.indexOf(' ')) + ", \"scriptPubKey\": {\"address\": "
            + u.address().map(a -> "\"" + a + "\"").orElse("none") + "} while it is unspent (null once spent since the case was made)"));
      } else if (f instanceof AccountFrontier a) {
        lines.addAll(new AccountRecheck(evidence).frontierLines(a));
      }
    }
    return lines;
  }

  private static void lines(StringBuilder out, List<RecheckLine> lines) {
    for (RecheckLine l : lines) {
      String prefix = switch (l.kind()) {
        case AGREES -> "✓ ";
        case DISAGREES -> "✗ DOES NOT AGREE: ";
        default -> "";
      };
      out.append("<div class=\"").append(l.kind().name().toLowerCase(Locale.ROOT)).append("\">").append(escape(prefix + l.text())).append("</div>");
    }
  }

  private static String stylesheet() {
    try (InputStream in = EvidenceReport.class.getResourceAsStream("evidence-report.css")) {
      if (in == null) {
        throw new IllegalStateException("evidence-report.css is missing from the forensics module's resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the report's stylesheet", e);
    }
  }
}
