package org.openbds.ethereum.token;

import static org.openbds.ethereum.token.AbiWords.WORD;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decodes the return data of token metadata getters. Every method answers empty rather than guess: the data comes from
 * arbitrary contracts. Trailing bytes after the decoded value are ignored, as ABI decoders do.
 */
final class AbiReturnDecoder {
  private static final int UINT8_MAX = 255;

  private AbiReturnDecoder() {}

  /**
   * A {@code string} return, or a {@code bytes32} one (exactly 32 bytes, as early tokens like MKR declared their name
   * and symbol): the UTF-8 text with NUL characters removed (they pad bytes32 values and no text column stores them).
   * Empty when neither layout fits, the bytes are not UTF-8, or nothing is left after removing NULs.
   */
  static Optional<String> string(byte[] data) {
    Optional<byte[]> bytes = data.length == WORD ? Optional.of(data) : abiString(data);
    return bytes.flatMap(AbiReturnDecoder::utf8).map(s -> s.replace("\0", "")).filter(s -> !s.isEmpty());
  }

  /** A {@code uint8} return: the first word, empty when shorter than a word or above 255. */
  static Optional<Integer> uint8(byte[] data) {
    if (!AbiWords.hasWord(data, 0)) {
      return Optional.empty();
    }
    BigInteger value = AbiWords.uint256(data, 0);
    return value.compareTo(BigInteger.valueOf(UINT8_MAX)) <= 0 ? Optional.of(value.intValueExact()) : Optional.empty();
  }

  /** A {@code uint256} return: the first word, empty when shorter than a word. */
  static Optional<BigInteger> uint256(byte[] data) {
    return AbiWords.hasWord(data, 0) ? Optional.of(AbiWords.uint256(data, 0)) : Optional.empty();
  }

  /** The bytes of an ABI-encoded {@code string}: an offset word, then at that offset a length and the bytes. */
  private static Optional<byte[]> abiString(byte[] data) {
    if (!AbiWords.hasWord(data, 0)) {
      return Optional.empty();
    }
    OptionalInt offset = AbiWords.smallUint(data, 0);
    if (offset.isEmpty() || !AbiWords.hasWord(data, offset.getAsInt())) {
      return Optional.empty();
    }
    OptionalInt length = AbiWords.smallUint(data, offset.getAsInt());
    long start = (long) offset.getAsInt() + WORD;
    if (length.isEmpty() || start + length.getAsInt() > data.length) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOfRange(data, (int) start, (int) start + length.getAsInt()));
  }

  /** Strict UTF-8: a malformed sequence makes the text unknown instead of a replacement character. */
  private static Optional<String> utf8(byte[] bytes) {
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] == 0) {
      end--;
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, 0, end))
              .toString());
    } catch (CharacterCodingException e) {
      // Not a swallowed failure: invalid UTF-8 is one of the documented "unknown" answers of a contract.
      return Optional.empty();
    }
  }
}
