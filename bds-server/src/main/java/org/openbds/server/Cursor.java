package org.openbds.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque page position: the sort key of the last row of a page, encoded so that clients pass it back unchanged
 * ({@code ?cursor=…}). Pages read from a position, not an offset, so a page stays cheap however deep it is and rows
 * do not shift while new blocks arrive. A cursor that was not made here is a 400, never a query.
 */
record Cursor(long first, long second) {
  private static final String PREFIX = "c1:";

  String encode() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + first + ":" + second).getBytes(StandardCharsets.US_ASCII));
  }

  static Cursor decode(String text) {
    if (text.length() > 64) {
      throw ApiException.badRequest("cursor is not one this API made");
    }
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("cursor is not one this API made");
    }
    if (!plain.startsWith(PREFIX)) {
      throw ApiException.badRequest("cursor is not one this API made");
    }
    String[] parts = plain.substring(PREFIX.length()).split(":", -1);
    if (parts.length != 2) {
      throw ApiException.badRequest("cursor is not one this API made");
    }
    try {
      return new Cursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("cursor is not one this API made");
    }
  }
}
