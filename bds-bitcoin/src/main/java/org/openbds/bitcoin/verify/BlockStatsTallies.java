package org.openbds.bitcoin.verify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.openbds.api.ReconciliationCheck;

/**
 * One tally per {@code getblockstats} field ({@code blockhash} first, then {@link BlockStatField} order), fed block by
 * block with the node's answer and the warehouse's figures.
 */
final class BlockStatsTallies {
  static final String PREFIX = "getblockstats.";

  private final CheckTally blockHash = new CheckTally(PREFIX + "blockhash");
  private final Map<BlockStatField, CheckTally> fields = new EnumMap<>(BlockStatField.class);

  BlockStatsTallies() {
    for (BlockStatField f : BlockStatField.values()) {
      fields.put(f, new CheckTally(PREFIX + f.key()));
    }
  }

  /**
   * Compares one height. {@code node} is empty when the node has no block there (it is behind: its tip is
   * {@code nodeTip}), {@code ours} when the warehouse has none.
   */
  void compare(long height, Optional<NodeBlockStats> node, Optional<BlockFigures> ours, long nodeTip) {
    if (node.isEmpty()) {
      String detail = "height " + height + ": the node has no block there (node tip " + nodeTip + ")";
      blockHash.disagree(detail);
      fields.values().forEach(t -> t.disagree(detail));
      return;
    }
    NodeBlockStats n = node.get();
    if (ours.isEmpty()) {
      blockHash.disagree("height " + height + ": node " + n.blockHash() + ", the warehouse has no block there");
      for (Map.Entry<BlockStatField, CheckTally> e : fields.entrySet()) {
        e.getValue().disagree("height " + height + ": node " + n.value(e.getKey()) + ", the warehouse has no block there");
      }
      return;
    }
    BlockFigures b = ours.get();
    if (n.blockHash().equals(b.hash())) {
      blockHash.agree();
    } else {
      blockHash.disagree("height " + height + ": node " + n.blockHash() + ", warehouse " + b.hash());
    }
    for (Map.Entry<BlockStatField, CheckTally> e : fields.entrySet()) {
      long theirs = n.value(e.getKey());
      OptionalLong mine = e.getKey().ours(b);
      if (mine.isEmpty()) {
        e.getValue()
            .disagree(
                "height " + height + ": node " + theirs
                    + ", warehouse unknown (a fee is NULL: the block spends outputs the warehouse does not hold)");
      } else if (mine.getAsLong() != theirs) {
        e.getValue().disagree("height " + height + ": node " + theirs + ", warehouse " + mine.getAsLong());
      } else {
        e.getValue().agree();
      }
    }
  }

  /** One check per field, in a stable order. */
  List<ReconciliationCheck> results(HeightRange range) {
    String scope = range.toString();
    String summary = "all " + range.size() + " blocks agree";
    List<ReconciliationCheck> out = new ArrayList<>();
    out.add(blockHash.result(scope, summary));
    for (CheckTally t : fields.values()) {
      out.add(t.result(scope, summary));
    }
    return out;
  }
}
