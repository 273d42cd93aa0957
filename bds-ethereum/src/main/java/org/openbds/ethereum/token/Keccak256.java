package org.openbds.ethereum.token;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.openbds.api.Hash32;

/**
 * Ethereum's Keccak-256 (the original Keccak padding, not the later SHA3-256 standard). Stateless and thread-safe: each
 * call uses its own digest.
 */
public final class Keccak256 {
  private static final HexFormat HEX = HexFormat.of();

  private Keccak256() {}

  /** The 32-byte digest of {@code input}. */
  public static byte[] hash(byte[] input) {
    requireNonNull(input, "input is null");
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(input, 0, input.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  /** The digest as {@code "0x"} followed by 64 lowercase hex digits, the form nodes print hashes in. */
  public static String hashHex(byte[] input) {
    return "0x" + HEX.formatHex(hash(input));
  }

  /** The topic 0 of an event with this canonical signature, e.g. {@code Transfer(address,address,uint256)}. */
  public static Hash32 eventTopic(String signature) {
    return Hash32.of(hash(signature.getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * The 4-byte function selector of a canonical signature, e.g. {@code balanceOf(address)} → {@code "0x70a08231"}:
   * the form ethereum-etl writes and eth_call data starts with.
   */
  public static String selector(String signature) {
    return "0x" + HEX.formatHex(hash(signature.getBytes(StandardCharsets.US_ASCII)), 0, 4);
  }
}
