package org.openbds.ethereum.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a range of blocks holds, read from the node's own answers: transaction types, the fullest block, and from the
 * parity traces ({@code trace_block}) the shapes of internal calls.
 */
record ChainFacts(Set<String> types, int mostTransactionsInABlock, int revertedSubtreesThatMovedValue, int deepestCall, int create2WithValue, int selfDestructs) {
  static ChainFacts read(AnvilNode node, long from, long to) {
    Set<String> types = new TreeSet<>();
    int most = 0;
    int revertedSubtrees = 0;
    int deepest = 0;
    int create2 = 0;
    int selfDestructs = 0;
    for (long h = from; h <= to; h++) {
      String height = "0x" + Long.toHexString(h);
      JsonNode block = node.call("eth_getBlockByNumber", height, true);
      block.path("transactions").forEach(tx -> types.add(tx.path("type").asText()));
      most = Math.max(most, block.path("transactions").size());
      Map<String, List<JsonNode>> byTransaction = new HashMap<>();
      for (JsonNode trace : node.call("trace_block", height)) {
        byTransaction.computeIfAbsent(trace.path("transactionHash").asText(), k -> new ArrayList<>()).add(trace);
        deepest = Math.max(deepest, trace.path("traceAddress").size());
        String type = trace.path("type").asText();
        if ("create".equals(type) && "create2".equals(trace.path("action").path("creationMethod").asText()) && value(trace).signum() > 0) {
          create2++;
        }
        if ("suicide".equals(type) || "selfdestruct".equals(type)) {
          selfDestructs++;
        }
      }
      for (List<JsonNode> traces : byTransaction.values()) {
        revertedSubtrees += revertedSubtreesThatMovedValue(traces);
      }
    }
    return new ChainFacts(types, most, revertedSubtrees, deepest, create2, selfDestructs);
  }

  /** Inner calls (not the top one, whose failure fails the transaction) that reverted with a paying call below them. */
  private static int revertedSubtreesThatMovedValue(List<JsonNode> traces) {
    int found = 0;
    for (JsonNode root : traces) {
      if (root.path("traceAddress").size() == 0 || root.path("error").isMissingNode() || root.path("error").isNull()) {
        continue;
      }
      List<Integer> prefix = path(root);
      for (JsonNode t : traces) {
        List<Integer> p = path(t);
        if (p.size() > prefix.size() && p.subList(0, prefix.size()).equals(prefix) && value(t).signum() > 0) {
          found++;
          break;
        }
      }
    }
    return found;
  }

  private static List<Integer> path(JsonNode trace) {
    List<Integer> p = new ArrayList<>();
    trace.path("traceAddress").forEach(i -> p.add(i.asInt()));
    return p;
  }

  private static BigInteger value(JsonNode trace) {
    String v = trace.path("action").path("value").asText("0x0");
    return new BigInteger(v.substring(2).isEmpty() ? "0" : v.substring(2), 16);
  }
}
