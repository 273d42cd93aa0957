package org.openbds.ethereum.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/**
 * Decodes the result of Geth's {@code debug_traceBlockByNumber(n, {"tracer": "callTracer"})} — one call tree per
 * transaction — into the same flat, depth-first rows as {@link ParityTraceDecoder}: nested {@code calls} become trace
 * addresses and subtrace counts, CALL/CALLCODE/DELEGATECALL/STATICCALL become {@code call} traces with that call type,
 * CREATE/CREATE2 {@code create}, SELFDESTRUCT {@code suicide}. Geth's error messages that have a Parity equivalent
 * take Parity's wording, so that an error reads the same whichever node answered. Stateless and thread-safe.
 *
 * <p>Each entry is matched to its transaction by {@code txHash} when the node sends it, else by position; the entry
 * count must be the block's transaction count. Geth reports no block rewards: those rows exist only with Parity-style
 * traces.
 */
public final class GethTraceDecoder {
  /** Geth's fixed error messages with Parity's wording for the same failure (OpenEthereum's TraceError). */
  private static final Map<String, String> PARITY_ERRORS =
      Map.of(
          "out of gas", "Out of gas",
          "contract creation code storage out of gas", "Out of gas",
          "execution reverted", "Reverted",
          "invalid jump destination", "Bad jump destination",
          "write protection", "Mutable Call In Static Context",
          "return data out of bounds", "Out of bounds");

  private GethTraceDecoder() {}

  /**
   * The traces of block {@code blockNumber} (transactions {@code transactionHashes} in block order) from the raw
   * {@code debug_traceBlockByNumber} result.
   *
   * @throws BdsException {@link ErrorCode#MALFORMED_RESPONSE} for a malformed answer or one that does not match the
   *     block; {@link ErrorCode#NODE_ERROR} when the node reports that tracing a transaction failed
   */
  public static List<EthTrace> decode(long blockNumber, List<Hash32> transactionHashes, JsonNode traces) {
    String label = JsonFieldReader.blockLabel(blockNumber);
    List<JsonFieldReader> entries = JsonFieldReader.elements(traces, label, "traces");
    if (entries.size() != transactionHashes.size()) {
      throw new BdsException(
          ErrorCode.MALFORMED_RESPONSE,
          label + ": traces: " + entries.size() + " transaction traces for " + transactionHashes.size()
              + " transactions");
    }
    Map<Hash32, Integer> positions = new HashMap<>();
    for (int i = 0; i < transactionHashes.size(); i++) {
      positions.put(transactionHashes.get(i), i);
    }
    Set<Integer> seen = new HashSet<>();
    List<EthTrace> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonFieldReader entry = entries.get(i);
      int index = transactionIndex(entry, i, positions);
      if (!seen.add(index)) {
        throw entry.malformed("txHash", "a second trace for transaction " + index);
      }
      Hash32 txHash = transactionHashes.get(index);
      if (!entry.has("result") && entry.has("error")) {
        throw new BdsException(
            ErrorCode.NODE_ERROR,
            label + ": the node could not trace transaction " + index + " (0x" + txHash + "): "
                + entry.text("error"));
      }
      frame(entry.object("result"), txHash, index, List.of(), false, out);
    }
    return out;
  }

  /** Geth's error message in Parity's words where Parity has the same failure; any other message as it is. */
  static String parityError(String gethError) {
    String fixed = PARITY_ERRORS.get(gethError);
    if (fixed != null) {
      return fixed;
    }
    if (gethError.startsWith("invalid opcode")) {
      return "Bad instruction";
    }
    if (gethError.startsWith("stack underflow")) {
      return "Stack underflow";
    }
    if (gethError.startsWith("stack limit reached")) {
      return "Out of stack";
    }
    return gethError;
  }

  private static int transactionIndex(JsonFieldReader entry, int position, Map<Hash32, Integer> positions) {
    Optional<Hash32> txHash = entry.optionalHash("txHash");
    if (txHash.isEmpty()) {
      return position;
    }
    Integer index = positions.get(txHash.get());
    if (index == null) {
      throw entry.malformed("txHash", "0x" + txHash.get() + " is not a transaction of the block");
    }
    return index;
  }

  /** Adds the frame and, depth first, its calls. Recursion is bounded by the EVM's call depth limit (1024). */
  private static void frame(
      JsonFieldReader f,
      Hash32 txHash,
      int index,
      List<Integer> traceAddress,
      boolean parentReverted,
      List<EthTrace> out) {
    String gethType = f.text("type").toUpperCase(Locale.ROOT);
    Optional<String> error = f.optionalText("error").filter(e -> !e.isEmpty()).map(GethTraceDecoder::parityError);
    boolean reverted = parentReverted || error.isPresent();
    List<JsonFieldReader> calls = f.optionalObjects("calls").orElse(List.of());
    out.add(trace(f, gethType, txHash, index, calls.size(), traceAddress, error, reverted));
    for (int c = 0; c < calls.size(); c++) {
      List<Integer> child = new ArrayList<>(traceAddress);
      child.add(c);
      frame(calls.get(c), txHash, index, List.copyOf(child), reverted, out);
    }
  }

  /**
   * A frame's return data. Geth's native callTracer leaves {@code output} out when it is empty; a frame that did not
   * fail itself then returned nothing, which Parity-style nodes (and Geth's earlier JavaScript tracer) write as
   * {@code 0x}. A failed frame without {@code output} stays without, as Parity-style nodes send no result for it.
   */
  private static Optional<String> output(JsonFieldReader f, Optional<String> error) {
    Optional<String> output = f.optionalData("output");
    return output.isPresent() || error.isPresent() ? output : Optional.of("0x");
  }

  private static EthTrace trace(
      JsonFieldReader f,
      String gethType,
      Hash32 txHash,
      int index,
      int subtraces,
      List<Integer> traceAddress,
      Optional<String> error,
      boolean reverted) {
    return switch (gethType) {
      case "CALL", "CALLCODE", "DELEGATECALL", "STATICCALL" -> {
        String callType = gethType.toLowerCase(Locale.ROOT);
        // only a plain call moves value (see EthTraceDecoder.movedValue); Geth omits a staticcall's value
        BigInteger value = callType.equals("call") ? f.quantity("value") : BigInteger.ZERO;
        yield new EthTrace(
            Optional.of(txHash),
            Optional.of(index),
            "call",
            Optional.of(callType),
            Optional.empty(),
            Optional.of(f.address("from")),
            Optional.of(f.address("to")),
            value,
            f.optionalData("input"),
            output(f, error),
            f.optionalQuantity("gas"),
            f.optionalQuantity("gasUsed"),
            subtraces,
            traceAddress,
            error,
            reverted);
      }
      case "CREATE", "CREATE2" -> new EthTrace(
          Optional.of(txHash),
          Optional.of(index),
          "create",
          Optional.empty(),
          Optional.empty(),
          Optional.of(f.address("from")),
          f.optionalAddress("to"),
          f.quantity("value"),
          f.optionalData("input"),
          output(f, error),
          f.optionalQuantity("gas"),
          f.optionalQuantity("gasUsed"),
          subtraces,
          traceAddress,
          error,
          reverted);
      case "SELFDESTRUCT" -> {
        if (!f.has("value")) {
          // Geth's early JavaScript callTracer wrote {"type": "SELFDESTRUCT"} alone: the balance that moved is
          // unknown, and a zero would make every balance derived from these traces wrong
          throw f.malformed(
              "value",
              "missing on a SELFDESTRUCT frame: this node's callTracer does not report what a self-destruct moves;"
                  + " use a node with the current callTracer or with trace_block");
        }
        // Parity reports no gas, input or output for a self-destruct; neither do we, whichever node answered
        yield new EthTrace(
            Optional.of(txHash),
            Optional.of(index),
            "suicide",
            Optional.empty(),
            Optional.empty(),
            Optional.of(f.address("from")),
            Optional.of(f.address("to")),
            f.quantity("value"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            subtraces,
            traceAddress,
            error,
            reverted);
      }
      default -> throw f.malformed("type", "unknown call frame type \"" + f.text("type") + "\"");
    };
  }
}
