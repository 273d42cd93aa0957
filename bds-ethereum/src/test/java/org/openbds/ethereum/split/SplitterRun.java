package org.openbds.ethereum.split;

import org.openbds.api.CapturedRows;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openbds.api.SourceBlock;
import org.openbds.ethereum.codec.EthBlock;
import org.openbds.ethereum.codec.EthBlockBundle;
import org.openbds.ethereum.codec.EtlData;
import org.openbds.ethereum.codec.TraceStyle;
import org.openbds.ethereum.profile.RewardSchedule;

/**
 * Runs node answers through the splitter the way a source hands them over: the payload bytes
 * ({@link EthSourcePayload#encode}) with the node facts, {@link EthSplitter#decode}, {@link EthSplitter#resolve} on a
 * splitter that has seen nothing yet, and the rows its {@code BlockRows} write, captured.
 */
final class SplitterRun {
  private SplitterRun() {}

  /** The facts given to the splitter and the rows it wrote. */
  record Split(EthBlock block, NodeFacts facts, CapturedRows rows) {}

  /** Metadata calls that all failed: the token's name, symbol, decimals and supply are unknown. */
  static final NodeFacts.TokenCalls UNANSWERED = new NodeFacts.TokenCalls(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  static Split split(RewardSchedule rewards, JsonNode block, JsonNode receipts, TraceStyle style, JsonNode traces) {
    return split(rewards, block, receipts, style, traces, List.of(), Map.of());
  }

  /**
   * Splits one block. Every address the block touches gets an opening balance in the facts, each a different one
   * ({@link #opening}), as a source reads them for a warehouse that holds nothing yet.
   */
  static Split split(RewardSchedule rewards, JsonNode block, JsonNode receipts, TraceStyle style, JsonNode traces,
      List<NativeBalanceChanges.Uncle> uncles, Map<String, NodeFacts.TokenCalls> tokenCalls) {
    String origin = "test block " + block.path("number").asText();
    EthBlockBundle bundle = EthSourcePayload.bundle(block, receipts, style, traces, origin);
    Map<String, BigInteger> openings = new LinkedHashMap<>();
    for (BalanceChange c : NativeBalanceChanges.of(bundle, uncles, rewards)) {
      openings.putIfAbsent(c.address(), opening(openings.size()));
    }
    NodeFacts facts = new NodeFacts(uncles, openings, tokenCalls);
    byte[] payload = EthSourcePayload.encode(block, receipts, style, traces, facts);
    EthBlock b = bundle.block();
    EthSplitter splitter = new EthSplitter(rewards);
    EthDecodedBlock decoded = splitter.decode(new SourceBlock(b.number(), b.hash(), b.parentHash(), payload, origin));
    return new Split(b, facts, CapturedRows.of(splitter.resolve(decoded), EthTables.TABLES));
  }

  /** The opening balance given to the {@code n}th address seen: 1 ether plus n wei, so that each is told apart. */
  static BigInteger opening(int n) {
    return BigInteger.TEN.pow(18).add(BigInteger.valueOf(n));
  }

  /**
   * Receipts for a block whose case holds none (the exporter's block jobs fetch no receipts): each says only which
   * transaction it belongs to, no status, no logs, and 21,000 gas used (a plain transfer's intrinsic gas, for every
   * transaction alike). They let the block pass the splitter; no column that comes from them is compared with the
   * exporter, which has no such value for these blocks.
   */
  static ArrayNode standInReceipts(JsonNode block) {
    ArrayNode out = EtlData.JSON.createArrayNode();
    long cumulative = 0;
    for (JsonNode tx : block.get("transactions")) {
      cumulative += 21_000;
      ObjectNode r = out.addObject();
      r.put("transactionHash", tx.get("hash").asText());
      r.put("transactionIndex", tx.get("transactionIndex").asText());
      r.put("blockHash", block.get("hash").asText());
      r.put("blockNumber", block.get("number").asText());
      r.put("cumulativeGasUsed", "0x" + Long.toHexString(cumulative));
      r.put("gasUsed", "0x" + Long.toHexString(21_000));
      r.put("logsBloom", "0x" + "0".repeat(512));
      r.putArray("logs");
    }
    return out;
  }

  /**
   * The exporter's columns where our row differs, as "column: exporter 'x', ours 'y'" ({@link CapturedRows#text} for
   * ours), leaving out {@code separately}: the columns a test checks by other means. A column of the exporter's that
   * our table does not have is a difference, so that no column passes unnoticed.
   */
  static List<String> differences(Map<String, String> expected, Map<String, Object> ours, Set<String> separately) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      if (separately.contains(e.getKey())) {
        continue;
      }
      if (!ours.containsKey(e.getKey())) {
        out.add(e.getKey() + ": no such column");
      } else if (!CapturedRows.text(ours.get(e.getKey())).equals(e.getValue())) {
        out.add(e.getKey() + ": exporter '" + e.getValue() + "', ours '" + CapturedRows.text(ours.get(e.getKey())) + "'");
      }
    }
    return out;
  }
}
