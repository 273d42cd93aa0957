package org.openbds.xrp.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Hex-encoded bytes the ledger holds for people (memos, domains, token URIs): shown as text when they are valid UTF-8
 * without control characters, else as {@code 0x}-prefixed uppercase hex, so that nothing is lost either way.
 */
public final class HexText {
  private HexText() {}

  public static String decode(String hex, String where) {
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw JsonFields.malformed(where, "is not hexadecimal: " + JsonFields.abbreviate(hex));
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      if (text.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\r' || c == '\t')) {
        return text;
      }
    } catch (CharacterCodingException e) {
      // not text: kept as hex below
    }
    return "0x" + hex.toUpperCase(Locale.ROOT);
  }
}
