package org.openbds.ethereum.split;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Payloads that a source of this process has already decoded, handed on to the splitter so that it does not decode
 * the same bytes again: the source must decode each block to know which facts to read from the node, and that work is
 * the splitter's decode. A payload is found by the identity of its byte array, so a block that reaches the splitter any
 * other way (copied, queued outside the process, stored) is decoded from its bytes as always. Entries are held weakly:
 * a block dropped without being decoded (a stream closed early, a pass cut short by a reorg) leaves nothing behind.
 * Thread-safe.
 */
public final class DecodedPayloads {
  // arrays hash and compare by identity, which is the point: a WeakHashMap over them is a weak identity map
  @SuppressWarnings("ArrayAsKeyOfSetOrMap")
  private final Map<byte[], EthSourcePayload> byPayload = Collections.synchronizedMap(new WeakHashMap<>());

  /** Records what {@code payload} decodes to; the caller guarantees that {@link EthSourcePayload#decode} would give the same. */
  public void put(byte[] payload, EthSourcePayload decoded) {
    byPayload.put(requireNonNull(payload, "payload is null"), requireNonNull(decoded, "decoded is null"));
  }

  /** The decoded form recorded for exactly this array, handed over once; empty when there is none. */
  public Optional<EthSourcePayload> take(byte[] payload) {
    return Optional.ofNullable(byPayload.remove(payload));
  }
}
