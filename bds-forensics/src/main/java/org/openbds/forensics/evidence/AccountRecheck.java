package org.openbds.forensics.evidence;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openbds.forensics.evidence.EvidenceCase.AccountFrontier;
import org.openbds.forensics.evidence.EvidenceCase.AccountStep;
import org.openbds.forensics.evidence.EvidenceCase.Transfer;
import org.openbds.forensics.taint.Rational;
import org.openbds.forensics.taint.TaintModel;

/**
 * How a third party re-checks one step of an account-model (Ethereum-family) case against any node: the JSON-RPC calls
 * to run — the transaction, its receipt, its call trace for internal transfers, its logs for token transfers, its block —
 * what their answers must show (quantities in hex, as the node writes them), and the arithmetic of the step.
 */
final class AccountRecheck {
  /** {@code keccak256("Transfer(address,address,uint256)")}: the first topic of an ERC-20 Transfer event. */
  static final String TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
  /** The selector of {@code balanceOf(address)}. */
  static final String BALANCE_OF = "0x70a08231";

  private final EvidenceCase evidence;

  AccountRecheck(EvidenceCase evidence) {
    this.evidence = evidence;
  }

  /** The calls that tie the case to the chain state it ran on. */
  List<RecheckLine> chainLines() {
    return List.of(
        RecheckLine.call("eth_getBlockByNumber [\"" + hex(evidence.chain().tipHeight()) + "\", false]"),
        RecheckLine.expect("→ \"hash\": \"" + evidence.chain().tipHash() + "\" (the tip the trace ran on, while the chain has not reorganised past it)"));
  }

  List<RecheckLine> lines(AccountStep step) {
    List<RecheckLine> lines = new ArrayList<>();
    lines.add(RecheckLine.call("eth_getBlockByNumber [\"" + hex(step.blockHeight()) + "\", false]"));
    lines.add(RecheckLine.expect("→ \"hash\": \"" + step.blockHash() + "\", \"timestamp\": \"" + hex(step.time().getEpochSecond()) + "\" ("
        + Units.utc(step.time()) + ")"));
    lines.add(RecheckLine.call("eth_getTransactionByHash [\"" + step.txid() + "\"]"));
    lines.add(RecheckLine.expect("→ \"blockNumber\": \"" + hex(step.blockHeight()) + "\", \"blockHash\": \"" + step.blockHash() + "\""));
    for (Transfer t : step.transfers()) {
      if (t.kind().equals("native")) {
        lines.add(RecheckLine.expect("  transfer " + t.index() + " (native): \"from\": \"" + t.from() + "\", \"to\": \"" + t.to() + "\", \"value\": \""
            + hex(t.value()) + "\" (" + t.value() + " wei)"));
      }
    }
    lines.add(RecheckLine.call("eth_getTransactionReceipt [\"" + step.txid() + "\"]"));
    lines.add(RecheckLine.expect("→ \"status\": \"0x1\"; \"gasUsed\" × \"effectiveGasPrice\" = " + step.fee() + " wei (" + hex(step.fee())
        + "), the fee"));
    if (step.transfers().stream().anyMatch(t -> t.kind().equals("internal"))) {
      lines.add(RecheckLine.call("debug_traceTransaction [\"" + step.txid() + "\", {\"tracer\": \"callTracer\"}]"));
      lines.add(RecheckLine.note("(or trace_transaction on a node with the trace API) a call frame for each internal transfer:"));
      for (Transfer t : step.transfers()) {
        if (t.kind().equals("internal")) {
          lines.add(RecheckLine.expect("  transfer " + t.index() + " (internal): \"from\": \"" + t.from() + "\", \"to\": \"" + t.to() + "\", \"value\": \""
              + hex(t.value()) + "\" (" + t.value() + " wei)"));
        }
      }
    }
    if (step.transfers().stream().anyMatch(t -> t.kind().equals("token"))) {
      lines.add(RecheckLine.note("the receipt's logs (or eth_getLogs [{\"blockHash\": \"" + step.blockHash() + "\", \"topics\": [\"" + TRANSFER_TOPIC
          + "\"]}]) hold a Transfer event for each token transfer: topics [" + TRANSFER_TOPIC + ", from, to], data the amount:"));
      for (Transfer t : step.transfers()) {
        if (t.kind().equals("token")) {
          lines.add(RecheckLine.expect("  transfer " + t.index() + " (token): \"address\": \"" + t.asset() + "\", topics[1] " + word(t.from())
              + ", topics[2] " + word(t.to()) + ", \"data\": " + word(t.value()) + " (" + t.value() + ")"));
        }
      }
    }
    lines.add(RecheckLine.note("taint, " + evidence.request().taintModel().name().toLowerCase(Locale.ROOT) + " "
        + evidence.request().direction().name().toLowerCase(Locale.ROOT) + ":"));
    Rational tainted = Rational.ZERO;
    for (Transfer t : step.transfers()) {
      Rational taint = t.taint().orElse(Rational.ZERO);
      tainted = tainted.plus(taint);
      Rational value = new Rational(t.value(), BigInteger.ONE);
      if (evidence.request().taintModel() == TaintModel.POISON && !taint.isZero()) {
        lines.add(RecheckLine.check(taint.equals(value), "transfer " + t.index() + ": poison taints it whole: " + t.value() + " (the case says "
            + Units.base(taint) + ")"));
      } else {
        lines.add(RecheckLine.check(taint.compareTo(value) <= 0, "transfer " + t.index() + ": tainted " + Units.base(taint) + " of its "
            + t.value() + (taint.compareTo(value) <= 0 ? " (no more than its value)" : ": MORE than its value")));
      }
    }
    lines.add(RecheckLine.note("tainted in this transaction's transfers: " + Units.base(tainted) + "; in its fee: " + Units.base(step.feeTaint())));
    Rational fee = new Rational(step.fee(), BigInteger.ONE);
    lines.add(RecheckLine.check(step.feeTaint().compareTo(fee) <= 0, "fee taint " + Units.base(step.feeTaint()) + " of the fee " + step.fee()
        + (step.feeTaint().compareTo(fee) <= 0 ? " (no more than the fee)" : ": MORE than the fee")));
    return lines;
  }

  /** The call that shows what a frontier address holds at the case's tip. */
  List<RecheckLine> frontierLines(AccountFrontier f) {
    String tip = hex(evidence.chain().tipHeight());
    String expect = "→ the balance of " + f.holder() + " at the tip the case was made on (the frontier gives " + f.value() + ", of which "
        + Units.base(f.taint()) + " tainted)";
    if (f.asset().equals(Units.NATIVE)) {
      return List.of(RecheckLine.call("eth_getBalance [\"" + f.holder() + "\", \"" + tip + "\"]"), RecheckLine.expect(expect));
    }
    return List.of(
        RecheckLine.call("eth_call [{\"to\": \"" + f.asset() + "\", \"data\": \"" + BALANCE_OF + word(f.holder()).substring(2) + "\"}, \"" + tip + "\"]"),
        RecheckLine.expect(expect + " (balanceOf)"));
  }

  static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }

  static String hex(BigInteger value) {
    return "0x" + value.toString(16);
  }

  /** An address or an amount as a 32-byte ABI word, as topics and data show them. */
  static String word(String address) {
    return "0x" + "0".repeat(24) + address.substring(2).toLowerCase(Locale.ROOT);
  }

  static String word(BigInteger value) {
    String digits = value.toString(16);
    return "0x" + "0".repeat(Math.max(0, 64 - digits.length())) + digits;
  }
}
