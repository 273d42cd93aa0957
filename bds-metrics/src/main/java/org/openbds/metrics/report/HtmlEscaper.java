package org.openbds.metrics.report;

/**
 * Escapes text for HTML and SVG, in element content and in quoted attribute values alike. Everything a report shows
 * that comes from data (pool names, metric definitions, chain and network names) goes through here.
 */
public final class HtmlEscaper {
  private HtmlEscaper() {}

  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      // control characters other than tab and newline are not allowed in HTML text; they become a visible marker
      if (replacement == null && c < 0x20 && c != '\n' && c != '\t') {
        replacement = "\uFFFD";
      }
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(replacement);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
