package org.openbds.forensics.evidence;

import org.openbds.forensics.evidence.EvidenceCase.Model;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;

/** Each taint model's rule in one plain paragraph, as a reader of an evidence report needs it to follow the figures. */
final class TaintRules {
  private TaintRules() {}

  static String explain(Model chain, Direction direction, TaintModel model) {
    return chain == Model.UTXO ? utxo(direction, model) : account(direction, model);
  }

  private static String utxo(Direction direction, TaintModel model) {
    boolean forward = direction == Direction.FORWARD;
    return switch (model) {
      case POISON -> forward
          ? "Poison: if any input of a transaction is tainted, every one of its outputs is tainted in full, and so is its fee. Nothing tainted"
              + " is ever lost sight of, but the amounts grow at every hop: the frontier is an upper bound and does not balance with the start."
          : "Poison, backward: every input of a transaction that created a traced output is counted in full as a source. An upper bound: the"
              + " sources found add up to more than the start.";
      case HAIRCUT -> forward
          ? "Haircut: a transaction passes on the tainted share of what it spends. Each output, and the fee, gets its value × the tainted"
              + " inputs ÷ all inputs, rounded down to whole base units; the units this leaves over go one each to the largest remainders (the"
              + " earlier on a tie). Every amount is one a node can show, within one base unit of its exact proportion, and the amounts add up"
              + " exactly: what started equals the frontier plus the fees."
          : "Haircut, backward: the traced amount of a transaction's outputs came from its inputs in proportion to their values. Each input"
              + " gets the traced amount × its value ÷ all inputs, rounded down to whole base units, the units left over going one each to the"
              + " largest remainders (the earlier on a tie). The amounts add up exactly: what started equals the frontier.";
      case FIFO -> forward
          ? "First in, first out: a transaction's inputs are laid end to end in input order; its outputs take the first part of that stream"
              + " in output order and the fee the rest. An output is tainted by exactly the tainted units that fall in its part, and keeps"
              + " their positions as ranges [start, end) of its value, since where they lie decides where they go next. The amounts add up"
              + " exactly: what started equals the frontier plus the fees."
          : "First in, first out, backward: a transaction's outputs are laid end to end in output order over its inputs laid end to end in"
              + " input order; the traced positions of the outputs fall in the inputs that held them, which are traced at those positions"
              + " (ranges [start, end) of their values). The amounts add up exactly: what started equals the frontier.";
    };
  }

  private static String account(Direction direction, TaintModel model) {
    String rule = switch (model) {
      case POISON -> "Poison: once an address holds tainted funds, every transfer out of it is tainted in full. An upper bound: the amounts"
          + " grow at every hop and do not balance with the start.";
      case HAIRCUT -> "Haircut: an address's balance mixes tainted and clean funds, and each transfer out of it carries the tainted share of"
          + " the balance it leaves: its value × the tainted balance ÷ the balance, in whole base units.";
      case FIFO -> "First in, first out: an address's balance is a queue, and each transfer out of it takes the units that came in first;"
          + " it is tainted by the tainted units among them.";
    };
    return rule + (direction == Direction.FORWARD
        ? " On an account chain funds do not move as outputs but pool in balances: transfers are the native value of transactions, value"
            + " moved by calls inside them (internal transfers) and token Transfer events."
        : " Backward, the same rule runs the other way: from a traced address's incoming transfers to the addresses that sent them.");
  }
}
