package org.openbds.forensics.evidence;

/**
 * Escapes text for HTML, in element content and in quoted attribute values alike. Everything an evidence report shows
 * that comes from the case file (addresses, labels, notes, the start) goes through here, so that hostile text stays
 * text.
 */
final class Html {
  private Html() {}

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        // control characters other than tab and newline are not allowed in HTML text: a visible marker instead
        default -> out.append((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }
}
