package org.openbds.ethereum.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/**
 * Normalizes a block's call traces, whichever trace API answered, into one list of {@link EthTrace}: Parity-style
 * {@code trace_block} ({@link ParityTraceDecoder}) or Geth's {@code debug_traceBlockByNumber} with the
 * {@code callTracer} ({@link GethTraceDecoder}). Both give the same rows for the same block, except where one API
 * does not carry the information (Parity's block rewards; see docs/ethereum-conformance.md). Stateless and
 * thread-safe.
 */
public final class EthTraceDecoder {
  private EthTraceDecoder() {}

  /**
   * The traces of {@code block} from the raw result of the trace API {@code style} names.
   *
   * @throws BdsException {@link ErrorCode#MALFORMED_RESPONSE} for a malformed answer or one that does not match the
   *     block's transactions; {@link ErrorCode#NODE_ERROR} when Geth reports that tracing a transaction failed;
   *     {@link ErrorCode#INVALID_ARGUMENT} for {@link TraceStyle#NONE}, which has nothing to decode
   */
  public static List<EthTrace> decode(EthBlock block, TraceStyle style, JsonNode traces) {
    List<Hash32> hashes = block.transactions().stream().map(EthTransaction::hash).toList();
    return switch (style) {
      case PARITY -> ParityTraceDecoder.decode(block.number(), block.hash(), hashes, traces);
      case GETH -> GethTraceDecoder.decode(block.number(), hashes, traces);
      case NONE -> throw new BdsException(ErrorCode.INVALID_ARGUMENT, "trace style none has no traces to decode");
    };
  }

  /**
   * The value a call frame really moves. A delegatecall and a staticcall move none (nodes report the caller's value
   * on a delegatecall); a callcode runs another account's code in the caller's own context, so its value goes from
   * the caller to itself. Reporting zero for all three lets a reader sum {@code value} from {@code fromAddress} to
   * {@code toAddress} over the unreverted traces without knowing call types.
   */
  static BigInteger movedValue(String callType, BigInteger reported) {
    return callType.equals("call") ? reported : BigInteger.ZERO;
  }

  /** Parity's and Geth's names of a call frame's type, lowercase. */
  static boolean isCallType(String callType) {
    return switch (callType) {
      case "call", "callcode", "delegatecall", "staticcall" -> true;
      default -> false;
    };
  }
}
