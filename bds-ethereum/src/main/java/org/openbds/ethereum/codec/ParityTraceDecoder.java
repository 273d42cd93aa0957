package org.openbds.ethereum.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/**
 * Decodes the result of Parity-style {@code trace_block} (OpenEthereum, Erigon, Nethermind, Reth, anvil): a flat,
 * depth-first list of {@code call}, {@code create}, {@code suicide} and {@code reward} traces. Stateless and
 * thread-safe.
 *
 * <p>Checked against the block: the block number and hash each trace carries, each transaction trace's hash at its
 * position, a top-level trace for every transaction, a parent before every nested trace and as many children as the
 * parent's {@code subtraces}. A failure is an {@link ErrorCode#MALFORMED_RESPONSE}: a truncated or foreign answer
 * would silently lose internal transfers.
 */
public final class ParityTraceDecoder {
  private ParityTraceDecoder() {}

  /**
   * The traces of block {@code blockNumber} (hash {@code blockHash}, transactions {@code transactionHashes} in block
   * order) from the raw {@code trace_block} result.
   */
  public static List<EthTrace> decode(
      long blockNumber, Hash32 blockHash, List<Hash32> transactionHashes, JsonNode traces) {
    String label = JsonFieldReader.blockLabel(blockNumber);
    List<JsonFieldReader> objects = JsonFieldReader.elements(traces, label, "traces");
    Map<String, EthTrace> byPath = new HashMap<>();
    Map<String, Integer> children = new HashMap<>();
    List<EthTrace> out = new ArrayList<>(objects.size());
    for (JsonFieldReader t : objects) {
      checkBlock(t, blockNumber, blockHash);
      EthTrace trace = trace(t, transactionHashes, byPath);
      if (trace.transactionIndex().isPresent()) {
        String key = key(trace.transactionIndex().get(), trace.traceAddress());
        if (byPath.putIfAbsent(key, trace) != null) {
          throw t.malformed("traceAddress", "trace " + trace.traceAddress() + " appears twice in its transaction");
        }
        if (trace.depth() > 0) {
          children.merge(parentKey(trace), 1, Integer::sum);
        }
      }
      out.add(trace);
    }
    checkComplete(label, transactionHashes, byPath, children);
    return out;
  }

  private static EthTrace trace(JsonFieldReader t, List<Hash32> transactionHashes, Map<String, EthTrace> byPath) {
    String type = t.text("type");
    List<Integer> traceAddress = t.ints("traceAddress");
    int subtraces = t.intQuantity("subtraces");
    // an empty error string is no error (as the exporter reads it)
    Optional<String> error = t.optionalText("error").filter(e -> !e.isEmpty());
    JsonFieldReader action = t.object("action");
    Optional<JsonFieldReader> result = t.optionalObject("result");
    Optional<Hash32> txHash = t.optionalHash("transactionHash");
    Optional<Integer> txIndex = t.optionalIntQuantity("transactionPosition");
    if (type.equals("reward")) {
      if (txHash.isPresent()) {
        throw t.malformed("transactionHash", "0x" + txHash.get() + " on a block reward, which belongs to no transaction");
      }
      if (txIndex.isPresent() || !traceAddress.isEmpty()) {
        throw t.malformed(
            "transactionPosition", "a block reward has no position nor trace address, got " + txIndex + " "
                + traceAddress);
      }
      return new EthTrace(
          Optional.empty(),
          Optional.empty(),
          "reward",
          Optional.empty(),
          Optional.of(action.text("rewardType")),
          Optional.empty(),
          Optional.of(action.address("author")),
          action.quantity("value"),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          subtraces,
          traceAddress,
          error,
          error.isPresent());
    }
    int index = transactionIndex(t, txHash, txIndex, transactionHashes);
    boolean reverted = error.isPresent() || parentReverted(t, index, traceAddress, byPath);
    Optional<BigInteger> gasUsed = result.map(r -> r.quantity("gasUsed"));
    return switch (type) {
      case "call" -> {
        String callType = action.text("callType");
        if (!EthTraceDecoder.isCallType(callType)) {
          throw action.malformed("callType", "unknown call type \"" + callType + "\"");
        }
        yield new EthTrace(
            txHash,
            Optional.of(index),
            "call",
            Optional.of(callType),
            Optional.empty(),
            Optional.of(action.address("from")),
            Optional.of(action.address("to")),
            EthTraceDecoder.movedValue(callType, action.quantity("value")),
            Optional.of(action.data("input")),
            result.flatMap(r -> r.optionalData("output")),
            Optional.of(action.quantity("gas")),
            gasUsed,
            subtraces,
            traceAddress,
            error,
            reverted);
      }
      case "create" -> new EthTrace(
          txHash,
          Optional.of(index),
          "create",
          Optional.empty(),
          Optional.empty(),
          Optional.of(action.address("from")),
          result.flatMap(r -> r.optionalAddress("address")),
          action.quantity("value"),
          Optional.of(action.data("init")),
          result.flatMap(r -> r.optionalData("code")),
          Optional.of(action.quantity("gas")),
          gasUsed,
          subtraces,
          traceAddress,
          error,
          reverted);
      case "suicide" -> new EthTrace(
          txHash,
          Optional.of(index),
          "suicide",
          Optional.empty(),
          Optional.empty(),
          Optional.of(action.address("address")),
          Optional.of(action.address("refundAddress")),
          action.quantity("balance"),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          subtraces,
          traceAddress,
          error,
          reverted);
      default -> throw t.malformed("type", "unknown trace type \"" + type + "\"");
    };
  }

  private static int transactionIndex(
      JsonFieldReader t, Optional<Hash32> txHash, Optional<Integer> txIndex, List<Hash32> transactionHashes) {
    if (txHash.isEmpty()) {
      throw t.malformed("transactionHash", "missing on a " + t.text("type") + " trace");
    }
    if (txIndex.isEmpty()) {
      throw t.malformed("transactionPosition", "missing on the trace of transaction 0x" + txHash.get());
    }
    int index = txIndex.get();
    if (index >= transactionHashes.size() || !transactionHashes.get(index).equals(txHash.get())) {
      throw t.malformed(
          "transactionHash",
          "0x" + txHash.get() + " is not the block's transaction at position " + index + " (the block has "
              + transactionHashes.size() + " transactions)");
    }
    return index;
  }

  /** Parity lists a parent before its children, so the parent's own verdict is known here. */
  private static boolean parentReverted(
      JsonFieldReader t, int index, List<Integer> traceAddress, Map<String, EthTrace> byPath) {
    if (traceAddress.isEmpty()) {
      return false;
    }
    EthTrace parent = byPath.get(key(index, traceAddress.subList(0, traceAddress.size() - 1)));
    if (parent == null) {
      throw t.malformed("traceAddress", traceAddress + " comes before (or without) its parent trace");
    }
    return parent.reverted();
  }

  private static void checkBlock(JsonFieldReader t, long blockNumber, Hash32 blockHash) {
    Optional<Long> number = t.optionalLongQuantity("blockNumber");
    if (number.isPresent() && number.get() != blockNumber) {
      throw t.malformed("blockNumber", number.get() + " is not the block's number " + blockNumber);
    }
    Optional<Hash32> hash = t.optionalHash("blockHash");
    if (hash.isPresent() && !hash.get().equals(blockHash)) {
      throw t.malformed("blockHash", "0x" + hash.get() + " is not the block's hash 0x" + blockHash);
    }
  }

  private static void checkComplete(
      String label, List<Hash32> transactionHashes, Map<String, EthTrace> byPath, Map<String, Integer> children) {
    for (int i = 0; i < transactionHashes.size(); i++) {
      if (!byPath.containsKey(key(i, List.of()))) {
        throw new BdsException(
            ErrorCode.MALFORMED_RESPONSE,
            label + ": traces: no top-level trace for transaction " + i + " (0x" + transactionHashes.get(i) + ")");
      }
    }
    for (Map.Entry<String, EthTrace> e : byPath.entrySet()) {
      int found = children.getOrDefault(e.getKey(), 0);
      if (found != e.getValue().subtraces()) {
        throw new BdsException(
            ErrorCode.MALFORMED_RESPONSE,
            label + ": traces: trace " + e.getValue().traceAddress() + " of transaction "
                + e.getValue().transactionIndex().orElseThrow() + " says subtraces " + e.getValue().subtraces()
                + " but " + found + " follow it");
      }
    }
  }

  private static String parentKey(EthTrace trace) {
    List<Integer> address = trace.traceAddress();
    return key(trace.transactionIndex().orElseThrow(), address.subList(0, address.size() - 1));
  }

  private static String key(int transactionIndex, List<Integer> traceAddress) {
    return transactionIndex + ":" + traceAddress;
  }
}
