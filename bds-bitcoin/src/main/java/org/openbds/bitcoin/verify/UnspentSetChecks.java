package org.openbds.bitcoin.verify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Consumer;
import org.openbds.api.BlockRef;
import org.openbds.api.ReconciliationCheck;
import org.openbds.api.RetryPolicy;
import org.openbds.bitcoin.rpc.BitcoinRpcClient;

/**
 * The {@code gettxoutsetinfo.*} checks: the node's UTXO set against the warehouse's unspent outputs. The node answers
 * for its own tip only, so the two are comparable only when the warehouse's tip is the block the answer is for.
 */
final class UnspentSetChecks {
  static final String TXOUTS = "gettxoutsetinfo.txouts";
  static final String TOTAL_AMOUNT = "gettxoutsetinfo.total_amount";

  private final BitcoinRpcClient client;
  private final RetryPolicy retry;

  UnspentSetChecks(BitcoinRpcClient client, RetryPolicy retry) {
    this.client = requireNonNull(client, "client is null");
    this.retry = requireNonNull(retry, "retry is null");
  }

  /**
   * @param tip the warehouse's checkpoint
   * @param firstHeight the lowest height the warehouse holds
   */
  List<ReconciliationCheck> run(WarehouseUnspentSet warehouse, BlockRef tip, long firstHeight, Consumer<String> progress) {
    progress.accept("gettxoutsetinfo (the node reads its whole UTXO set)");
    NodeUnspentSet node = NodeUnspentSet.decode(retry.call("gettxoutsetinfo", () -> client.call("gettxoutsetinfo")));
    String scope = "tip " + tip.height();
    if (!node.bestBlock().equals(tip.hash())) {
      String detail =
          node.height() == tip.height()
              ? "warehouse at " + tip.height() + " (" + tip.hash() + "), node at " + node.height() + " (" + node.bestBlock()
                  + "): different blocks at the same height, see tip.hash"
              : "warehouse at " + tip.height() + ", node at " + node.height() + ": sync to the node's tip first";
      return List.of(failed(TXOUTS, scope, detail), failed(TOTAL_AMOUNT, scope, detail));
    }
    if (firstHeight > 0) {
      String detail =
          "the warehouse starts at height " + firstHeight + ": it lacks the outputs created before, so its unspent set"
              + " cannot match the node's";
      return List.of(failed(TXOUTS, scope, detail), failed(TOTAL_AMOUNT, scope, detail));
    }
    progress.accept("unspent outputs in the warehouse");
    UnspentTotals ours = warehouse.read();
    return List.of(
        compare(TXOUTS, scope, node.totals().outputs(), ours.outputs()),
        compare(TOTAL_AMOUNT, scope, node.totals().amount(), ours.amount()));
  }

  private static ReconciliationCheck compare(String name, String scope, long node, long ours) {
    return node == ours
        ? new ReconciliationCheck(name, scope, 1, 0, "node " + node + ", warehouse " + ours)
        : failed(name, scope, "node " + node + ", warehouse " + ours);
  }

  private static ReconciliationCheck failed(String name, String scope, String detail) {
    return new ReconciliationCheck(name, scope, 1, 1, detail);
  }
}
