package org.openbds.forensics.evidence;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.openbds.forensics.evidence.EvidenceCase.Input;
import org.openbds.forensics.evidence.EvidenceCase.Output;
import org.openbds.forensics.evidence.EvidenceCase.UtxoStep;

/**
 * How a third party re-checks one step of a UTXO (Bitcoin-family) case against any node: the RPC calls to run
 * ({@code getblockhash}, {@code getblockheader}, {@code getrawtransaction}), what their answers must show, and the
 * arithmetic of the step — inputs, outputs, fee, and the taint rule applied.
 */
final class UtxoRecheck {
  private final EvidenceCase evidence;
  private final Units units;

  UtxoRecheck(EvidenceCase evidence) {
    this.evidence = evidence;
    this.units = new Units(evidence);
  }

  /** The calls that tie the case to the chain state it ran on. */
  List<RecheckLine> chainLines() {
    return List.of(
        RecheckLine.call("getblockhash " + evidence.chain().tipHeight()),
        RecheckLine.expect("→ " + evidence.chain().tipHash() + " (the tip the trace ran on, while the node's chain has not reorganised past it)"));
  }

  List<RecheckLine> lines(UtxoStep step) {
    List<Input> inputs = step.inputs().stream().sorted(Comparator.comparingInt(Input::vin)).toList();
    List<Output> outputs = step.outputs().stream().sorted(Comparator.comparingInt(Output::vout)).toList();
    List<RecheckLine> lines = new ArrayList<>();
    lines.add(RecheckLine.call("getblockhash " + step.blockHeight()));
    lines.add(RecheckLine.expect("→ " + step.blockHash() + " (the block is in the node's main chain at that height)"));
    lines.add(RecheckLine.call("getblockheader " + step.blockHash()));
    lines.add(RecheckLine.expect("→ \"height\": " + step.blockHeight() + ", \"time\": " + step.time().getEpochSecond() + " (" + Units.utc(step.time()) + ")"));
    lines.add(RecheckLine.call("getrawtransaction " + step.txid() + " true " + step.blockHash()));
    lines.add(RecheckLine.expect("→ \"txid\": \"" + step.txid() + "\", \"blockhash\": \"" + step.blockHash() + "\""));
    for (Input i : inputs) {
      lines.add(RecheckLine.expect("  vin[" + i.vin() + "]: \"txid\": \"" + i.spends().txid() + "\", \"vout\": " + i.spends().vout()));
    }
    for (Output o : outputs) {
      lines.add(RecheckLine.expect("  vout[" + o.vout() + "]: \"value\": " + coins(o.value()) + ", \"scriptPubKey\": {\"address\": "
          + o.address().map(a -> "\"" + a + "\"").orElse("none") + "}"));
    }
    if (!inputs.isEmpty()) {
      lines.add(RecheckLine.note("each input's value and address are those of the output it spends (getrawtransaction of that txid, on a node"
          + " with -txindex; or getblock " + step.blockHash() + " 3, whose inputs carry their prevout):"));
    }
    for (Input i : inputs) {
      lines.add(RecheckLine.call("getrawtransaction " + i.spends().txid() + " true"));
      lines.add(RecheckLine.expect("→ vout[" + i.spends().vout() + "]: \"value\": " + coins(i.value()) + ", \"scriptPubKey\": {\"address\": "
          + i.address().map(a -> "\"" + a + "\"").orElse("none") + "}"));
    }
    BigInteger in = inputs.stream().map(Input::value).reduce(BigInteger.ZERO, BigInteger::add);
    BigInteger out = outputs.stream().map(Output::value).reduce(BigInteger.ZERO, BigInteger::add);
    lines.add(RecheckLine.note("inputs: " + sum(inputs.stream().map(Input::value).toList()) + " = " + in));
    lines.add(RecheckLine.note("outputs: " + sum(outputs.stream().map(Output::value).toList()) + " = " + out));
    if (inputs.isEmpty()) {
      lines.add(RecheckLine.note("no inputs: a coinbase, whose outputs are newly mined coins and fees; it has no fee"));
    } else {
      BigInteger fee = in.subtract(out);
      lines.add(RecheckLine.check(fee.equals(step.fee()), "fee = " + in + " − " + out + " = " + fee + " (the case says " + step.fee() + ")"));
    }
    lines.add(RecheckLine.note("taint, " + evidence.request().taintModel().name().toLowerCase(java.util.Locale.ROOT) + " "
        + evidence.request().direction().name().toLowerCase(java.util.Locale.ROOT) + ":"));
    lines.addAll(UtxoTaintArithmetic.lines(step, evidence.request().direction(), evidence.request().taintModel()));
    return lines;
  }

  /** Base units as the node's RPC writes them: coins with 8 decimals. */
  private String coins(BigInteger value) {
    String text = units.inCoins(value, Units.NATIVE).orElseThrow();
    return text.substring(0, text.indexOf(' '));
  }

  private static String sum(List<BigInteger> values) {
    return values.isEmpty() ? "nothing" : values.stream().map(BigInteger::toString).collect(Collectors.joining(" + "));
  }
}
