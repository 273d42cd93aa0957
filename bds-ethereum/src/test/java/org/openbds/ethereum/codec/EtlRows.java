package org.openbds.ethereum.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.openbds.api.Hash32;

/**
 * Our decoded values written the way ethereum-etl writes its CSV columns (hashes with {@code 0x}, integers in
 * decimal, absent values as empty fields, lists joined by commas), so that a test can compare a row field by field.
 */
final class EtlRows {
  private EtlRows() {}

  static Map<String, String> block(EthBlock b) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("number", String.valueOf(b.number()));
    row.put("hash", hex(b.hash()));
    row.put("parent_hash", hex(b.parentHash()));
    row.put("nonce", b.nonce());
    row.put("sha3_uncles", hex(b.sha3Uncles()));
    row.put("logs_bloom", b.logsBloom());
    row.put("transactions_root", hex(b.transactionsRoot()));
    row.put("state_root", hex(b.stateRoot()));
    row.put("receipts_root", hex(b.receiptsRoot()));
    row.put("miner", b.miner());
    row.put("difficulty", b.difficulty().toString());
    row.put("total_difficulty", text(b.totalDifficulty()));
    row.put("size", String.valueOf(b.size()));
    row.put("extra_data", b.extraData());
    row.put("gas_limit", String.valueOf(b.gasLimit()));
    row.put("gas_used", String.valueOf(b.gasUsed()));
    row.put("timestamp", String.valueOf(b.timestamp()));
    row.put("transaction_count", String.valueOf(b.transactions().size()));
    row.put("base_fee_per_gas", text(b.baseFeePerGas()));
    row.put("withdrawals_root", b.withdrawalsRoot().map(EtlRows::hex).orElse(""));
    return row;
  }

  static Map<String, String> transaction(EthBlock b, EthTransaction t) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("hash", hex(t.hash()));
    row.put("nonce", String.valueOf(t.nonce()));
    row.put("block_hash", hex(b.hash()));
    row.put("block_number", String.valueOf(b.number()));
    row.put("transaction_index", String.valueOf(t.transactionIndex()));
    row.put("from_address", t.from());
    row.put("to_address", t.to().orElse(""));
    row.put("value", t.value().toString());
    row.put("gas", String.valueOf(t.gas()));
    row.put("gas_price", text(t.gasPrice()));
    row.put("input", t.input());
    row.put("block_timestamp", String.valueOf(b.timestamp()));
    row.put("max_fee_per_gas", text(t.maxFeePerGas()));
    row.put("max_priority_fee_per_gas", text(t.maxPriorityFeePerGas()));
    row.put("transaction_type", String.valueOf(t.type()));
    return row;
  }

  static Map<String, String> receipt(EthBlock b, EthReceipt r) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("transaction_hash", hex(r.transactionHash()));
    row.put("transaction_index", String.valueOf(r.transactionIndex()));
    row.put("block_hash", hex(b.hash()));
    row.put("block_number", String.valueOf(b.number()));
    row.put("cumulative_gas_used", String.valueOf(r.cumulativeGasUsed()));
    row.put("gas_used", String.valueOf(r.gasUsed()));
    row.put("contract_address", r.contractAddress().orElse(""));
    row.put("root", r.root().map(EtlRows::hex).orElse(""));
    row.put("status", text(r.status()));
    row.put("effective_gas_price", text(r.effectiveGasPrice()));
    return row;
  }

  static Map<String, String> log(EthBlock b, EthLog l) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("log_index", String.valueOf(l.logIndex()));
    row.put("transaction_hash", hex(l.transactionHash()));
    row.put("transaction_index", String.valueOf(l.transactionIndex()));
    row.put("block_hash", hex(b.hash()));
    row.put("block_number", String.valueOf(b.number()));
    row.put("address", l.address());
    row.put("data", l.data());
    row.put("topics", l.topics().stream().map(EtlRows::hex).collect(Collectors.joining(",")));
    return row;
  }

  static Map<String, String> trace(long blockNumber, EthTrace t, String traceId) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("block_number", String.valueOf(blockNumber));
    row.put("transaction_hash", t.transactionHash().map(EtlRows::hex).orElse(""));
    row.put("transaction_index", text(t.transactionIndex()));
    row.put("from_address", t.fromAddress().orElse(""));
    row.put("to_address", t.toAddress().orElse(""));
    row.put("value", t.value().toString());
    row.put("input", t.input().orElse(""));
    row.put("output", t.output().orElse(""));
    row.put("trace_type", t.traceType());
    row.put("call_type", t.callType().orElse(""));
    row.put("reward_type", t.rewardType().orElse(""));
    row.put("gas", text(t.gas()));
    row.put("gas_used", text(t.gasUsed()));
    row.put("subtraces", String.valueOf(t.subtraces()));
    row.put("trace_address", t.traceAddress().stream().map(String::valueOf).collect(Collectors.joining(",")));
    row.put("error", t.error().orElse(""));
    row.put("status", t.reverted() ? "0" : "1");
    row.put("trace_id", traceId);
    return row;
  }

  /** Our rows of a block's traces, with their ids. */
  static List<Map<String, String>> traces(long blockNumber, List<EthTrace> traces) {
    List<String> ids = EthTraceIds.of(blockNumber, traces);
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < traces.size(); i++) {
      rows.add(trace(blockNumber, traces.get(i), ids.get(i)));
    }
    return rows;
  }

  /**
   * The fields where {@code ours} differs from {@code expected}, as "column: exporter 'x', ours 'y'", leaving out the
   * columns in {@code skipped}. A column of {@code expected} we do not render at all is a difference too, so that a
   * new exporter column cannot pass unnoticed.
   */
  static List<String> differences(Map<String, String> expected, Map<String, String> ours, Set<String> skipped) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      if (skipped.contains(e.getKey())) {
        continue;
      }
      String mine = ours.get(e.getKey());
      if (mine == null) {
        out.add(e.getKey() + ": not rendered");
      } else if (!mine.equals(e.getValue())) {
        out.add(e.getKey() + ": exporter '" + e.getValue() + "', ours '" + mine + "'");
      }
    }
    return out;
  }

  static String hex(Hash32 hash) {
    return "0x" + hash;
  }

  private static String text(Optional<?> value) {
    return value.map(String::valueOf).orElse("");
  }
}
