package org.openbds.bitcoin.verify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.openbds.api.Hash32;

/** The node's {@code gettxoutsetinfo} answer: the block its UTXO set is at, and the set's size and value. */
record NodeUnspentSet(long height, Hash32 bestBlock, UnspentTotals totals) {
  NodeUnspentSet {
    requireNonNull(bestBlock, "bestBlock is null");
    requireNonNull(totals, "totals is null");
  }

  static NodeUnspentSet decode(JsonNode answer) {
    String what = "gettxoutsetinfo";
    if (answer == null || !answer.isObject()) {
      throw NodeAnswers.malformed(what, "expected an object");
    }
    return new NodeUnspentSet(
        NodeAnswers.integer(answer, "height", what),
        NodeAnswers.hash(answer, "bestblock", what),
        new UnspentTotals(
            NodeAnswers.integer(answer, "txouts", what),
            CoinAmounts.toBaseUnits(NodeAnswers.decimal(answer, "total_amount", what), what + " total_amount")));
  }
}
