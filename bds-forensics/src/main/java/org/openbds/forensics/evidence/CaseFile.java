package org.openbds.forensics.evidence;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.openbds.forensics.account.AccountEvent;
import org.openbds.forensics.account.AccountTrace;
import org.openbds.forensics.account.AccountTraceRequest;
import org.openbds.forensics.flow.FlowTransaction;
import org.openbds.forensics.taint.Rational;
import org.openbds.forensics.taint.Taint;
import org.openbds.forensics.trace.Trace;
import org.openbds.forensics.trace.TraceRequest;

/**
 * A trace written as a reproducible case file: what was asked (every parameter), with which software, on which chain
 * state (the warehouse's tip height and hash), and every transaction and output of the result with exact amounts — so
 * that the same request on the same chain gives the same file, and a third party can re-check each figure against any
 * node (txids, block hashes, heights and values are the chain's own).
 *
 * <p>Amounts are in the chain's base units (satoshis), as integers in text (the taint models give whole satoshis; an
 * amount that were not whole would be written as an exact fraction with a rounded decimal beside it).
 */
public final class CaseFile {
  /** The file format's name and version. */
  public static final String FORMAT = "openbds-case/1";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Where the trace ran: the chain, its tip in the warehouse, the software, and when. */
  public record Context(String chain, String network, long tipHeight, String tipHash, String software, Instant createdAt) {
    public Context {
      requireNonNull(chain, "chain is null");
      requireNonNull(network, "network is null");
      requireNonNull(tipHash, "tipHash is null");
      requireNonNull(software, "software is null");
      requireNonNull(createdAt, "createdAt is null");
    }
  }

  private CaseFile() {}

  /** The case file of {@code trace} as JSON text. */
  public static String json(Trace trace, Context context, String startedFrom, java.util.Map<String, java.util.List<String>> labels) {
    ObjectNode root = header(context, null);
    TraceRequest r = trace.request();
    ObjectNode request = root.putObject("request");
    request.put("from", startedFrom);
    request.put("direction", r.direction().name().toLowerCase(java.util.Locale.ROOT));
    request.put("taint_model", r.model().name().toLowerCase(java.util.Locale.ROOT));
    request.put("hops", r.hops());
    request.put("min_value", r.minValue());
    request.put("until", r.until().map(Instant::toString).orElse(null));
    request.put("since", r.since().map(Instant::toString).orElse(null));
    ObjectNode stops = request.putObject("stop_at");
    new java.util.TreeMap<>(r.stopAt()).forEach(stops::put);
    request.put("max_transactions", r.maxTransactions());
    ArrayNode start = request.putArray("start");
    r.start().forEach(o -> start.add(o.toString()));

    ObjectNode summary = root.putObject("summary");
    amount(summary, "started", trace.started());
    amount(summary, "frontier", trace.frontierAmount());
    amount(summary, "fees", trace.fees());
    summary.put("transactions", trace.steps().size());
    summary.put("frontier_outputs", trace.frontier().size());
    summary.put("truncated", trace.truncated());
    summary.put("balances", trace.frontierAmount().plus(trace.fees()).equals(trace.started()));

    ArrayNode steps = root.putArray("steps");
    for (Trace.Step s : trace.steps()) {
      FlowTransaction tx = s.transaction();
      ObjectNode n = steps.addObject();
      n.put("hop", s.hop());
      n.put("txid", tx.txid());
      n.put("block_height", tx.blockHeight());
      n.put("block_hash", tx.blockHash());
      n.put("time", tx.time().toString());
      n.put("fee", tx.fee());
      amount(n, "fee_taint", s.fee());
      ArrayNode ins = n.putArray("inputs");
      for (FlowTransaction.Input in : tx.inputs()) {
        ObjectNode i = ins.addObject();
        i.put("vin", in.vin());
        i.put("spends", in.spent().toString());
        i.put("address", in.address().orElse(null));
        i.put("value", in.value());
        taint(i, s.inputs().get(in.vin()));
      }
      ArrayNode outs = n.putArray("outputs");
      for (FlowTransaction.Output out : tx.outputs()) {
        ObjectNode o = outs.addObject();
        o.put("vout", out.vout());
        o.put("address", out.address().orElse(null));
        o.put("value", out.value());
        taint(o, s.outputs().get(out.vout()));
      }
    }
    labels(root, labels);
    ArrayNode frontier = root.putArray("frontier");
    for (Trace.Edge e : trace.frontier()) {
      ObjectNode n = frontier.addObject();
      n.put("output", e.outpoint().toString());
      n.put("address", e.address().orElse(null));
      n.put("value", e.value());
      n.put("hop", e.hop());
      n.put("reason", e.reason().name().toLowerCase(java.util.Locale.ROOT));
      if (!e.note().isEmpty()) {
        n.put("note", e.note());
      }
      taint(n, e.taint());
    }
    return text(root);
  }

  /**
   * The case file of an account-chain trace: the same header, request and summary, {@code "model": "account"} and the
   * asset traced; each step lists the transfers that carried taint (kind native, internal or token; index is the trace
   * index, or the log index for tokens), the transaction's fee and the fee's taint; the frontier is per account. Amounts are
   * integers of the asset's base unit (wei, or the token's smallest unit), written as digit strings.
   */
  public static String json(AccountTrace trace, Context context, String startedFrom, java.util.Map<String, java.util.List<String>> labels) {
    ObjectNode root = header(context, "account");
    AccountTraceRequest r = trace.request();
    ObjectNode request = root.putObject("request");
    request.put("from", startedFrom);
    request.put("asset", r.asset().toString());
    request.put("direction", r.direction().name().toLowerCase(java.util.Locale.ROOT));
    request.put("taint_model", r.model().name().toLowerCase(java.util.Locale.ROOT));
    request.put("hops", r.hops());
    request.put("min_value", r.minValue().toString());
    request.put("until", r.until().map(Instant::toString).orElse(null));
    request.put("since", r.since().map(Instant::toString).orElse(null));
    ObjectNode stops = request.putObject("stop_at");
    new java.util.TreeMap<>(r.stopAt()).forEach(stops::put);
    request.put("max_transactions", r.maxTransactions());

    ObjectNode summary = root.putObject("summary");
    summary.put("started", trace.started().toString());
    summary.put("frontier", trace.frontierAmount().toString());
    summary.put("fees", trace.fees().toString());
    summary.put("transactions", trace.steps().size());
    summary.put("frontier_accounts", trace.frontier().size());
    summary.put("truncated", trace.truncated());
    summary.put("balances", trace.frontierAmount().add(trace.fees()).equals(trace.started()));

    ArrayNode steps = root.putArray("steps");
    for (AccountTrace.Step s : trace.steps()) {
      ObjectNode n = steps.addObject();
      n.put("hop", s.hop());
      n.put("txid", s.transaction());
      n.put("block_height", s.blockNumber());
      n.put("block_hash", s.blockHash());
      n.put("time", s.time().toString());
      n.put("fee", s.fee().toString());
      n.put("fee_taint", "0");
      ArrayNode transfers = n.putArray("transfers");
      for (AccountTrace.Moved m : s.moved()) {
        AccountEvent e = m.event();
        if (e.kind() == AccountEvent.Kind.FEE) {
          n.put("fee", e.value().toString());
          n.put("fee_taint", m.taint().toString());
          continue;
        }
        ObjectNode t = transfers.addObject();
        t.put("index", e.at().order());
        t.put("kind", switch (e.kind()) {
          case CALL -> "native";
          case INTERNAL -> "internal";
          case TOKEN -> "token";
          default -> e.kind().name().toLowerCase(java.util.Locale.ROOT);
        });
        t.put("asset", r.asset().toString());
        t.put("from", e.from().orElse(null));
        t.put("to", e.to().orElse(null));
        t.put("value", e.value().toString());
        t.put("taint", m.taint().toString());
        t.put("hop", m.hop());
      }
    }
    labels(root, labels);
    ArrayNode frontier = root.putArray("frontier");
    for (AccountTrace.Edge e : trace.frontier()) {
      ObjectNode n = frontier.addObject();
      n.put("address", e.address());
      n.put("asset", r.asset().toString());
      n.put("value", e.value().toString());
      n.put("hop", e.hop());
      n.put("reason", e.reason().name().toLowerCase(java.util.Locale.ROOT));
      if (!e.note().isEmpty()) {
        n.put("note", e.note());
      }
      n.put("taint", e.taint().toString());
    }
    return text(root);
  }

  /** The file's head: its format (and model, for account chains), when and by what it was made, and the chain's tip. */
  private static ObjectNode header(Context context, String model) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    if (model != null) {
      root.put("model", model);
    }
    root.put("created_at", context.createdAt().toString());
    root.put("software", context.software());
    ObjectNode chain = root.putObject("chain");
    chain.put("id", context.chain());
    chain.put("network", context.network());
    chain.put("tip_height", context.tipHeight());
    chain.put("tip_hash", context.tipHash());
    return root;
  }

  private static void labels(ObjectNode root, java.util.Map<String, java.util.List<String>> labels) {
    ObjectNode labelled = root.putObject("labels");
    new java.util.TreeMap<>(labels).forEach((address, list) -> {
      ArrayNode a = labelled.putArray(address);
      list.forEach(a::add);
    });
  }

  private static String text(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a case file could not be written as JSON", e);
    }
  }

  private static void taint(ObjectNode node, Taint t) {
    if (t == null) {
      node.putNull("taint");
      return;
    }
    amount(node, "taint", t.amount());
    if (t instanceof Taint.Ranges r) {
      ArrayNode ranges = node.putArray("taint_ranges");
      r.ranges().forEach(x -> ranges.addArray().add(x.start()).add(x.end()));
    }
  }

  private static void amount(ObjectNode node, String field, Rational amount) {
    node.put(field, amount.toString());
    if (!amount.isWhole()) {
      node.put(field + "_decimal", amount.toDecimal(8));
    }
  }
}
