package org.openbds.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Splits a metric expression into aggregates that can be computed over parts of a day and merged: {@code count},
 * {@code sum}, {@code min} and {@code max} (with or without {@code FILTER}), and {@code count(DISTINCT k)} of a key
 * {@code k} that never occurs in two blocks. The aggregates become the columns of a partial row (one per block range);
 * the merged expression computes the day's value from the partial rows. An expression with any other aggregate
 * ({@code avg}, {@code median}, {@code quantile_cont}…), a window, a column outside an aggregate, or a function not known
 * to be scalar is not split: it is computed over the whole day. (Medians and means could be merged from the lists of a
 * day's values, but merging lists of tens of thousands of values costs more than scanning the day again.)
 */
final class PartialAggregates {
  /** Aggregates whose parts merge: counts and sums add up, extrema take the extreme of the parts'. */
  private static final Set<String> MERGEABLE = Set.of("count", "sum", "min", "max");
  /** Scalar functions an expression may apply to aggregates. */
  private static final Set<String> SCALAR =
      Set.of("coalesce", "nullif", "greatest", "least", "round", "abs", "floor", "ceil", "sign", "sqrt", "ln", "log2", "log10",
          "power", "cast", "try_cast");
  /** Words that may stand outside aggregates: keywords and type names (some followed by parentheses). */
  private static final Set<String> WORDS =
      Set.of("case", "when", "then", "else", "end", "and", "or", "not", "is", "null", "true", "false", "as", "in", "between",
          "bigint", "hugeint", "integer", "int", "smallint", "ubigint", "decimal", "numeric", "varchar", "double", "date");

  private PartialAggregates() {}

  /**
   * One partial column: the aggregate computed over a part of a day, and whether merging its parts adds them up (a
   * {@code sum}: exact only for exact numbers, since floating-point addition depends on order).
   */
  record Part(String aggregate, boolean adds) {}

  /**
   * A split expression: its parts, and the merged expression in which {@code {part:N}} stands for the column of the
   * {@code N}th part.
   */
  record Split(List<Part> parts, String merged) {}

  /** The split of {@code expression}, or empty when it cannot be computed from parts of a day. */
  static Optional<Split> split(String expression, Set<String> blockKeys) {
    List<Part> parts = new ArrayList<>();
    StringBuilder merged = new StringBuilder();
    String e = expression;
    int i = 0;
    while (i < e.length()) {
      char c = e.charAt(i);
      if (c == '\'') {
        int end = endOfString(e, i);
        merged.append(e, i, end);
        i = end;
      } else if (c == '"') {
        // a quoted identifier is a column: outside an aggregate it has no value in a merged row
        return Optional.empty();
      } else if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < e.length() && (Character.isLetterOrDigit(e.charAt(end)) || e.charAt(end) == '_')) {
          end++;
        }
        String word = e.substring(i, end).toLowerCase(Locale.ROOT);
        int next = skipSpaces(e, end);
        boolean call = next < e.length() && e.charAt(next) == '(';
        if (end < e.length() && e.charAt(end) == '.') {
          return Optional.empty();
        }
        if (call && MERGEABLE.contains(word)) {
          int close = matching(e, next);
          if (close < 0) {
            return Optional.empty();
          }
          String args = e.substring(next + 1, close).trim();
          int after = close + 1;
          int filterAt = skipSpaces(e, after);
          if (startsWithWord(e, filterAt, "filter")) {
            int open = skipSpaces(e, filterAt + "filter".length());
            if (open >= e.length() || e.charAt(open) != '(' || matching(e, open) < 0) {
              return Optional.empty();
            }
            after = matching(e, open) + 1;
          }
          if (startsWithWord(e, skipSpaces(e, after), "over")) {
            return Optional.empty();
          }
          Part part;
          String merge;
          if (args.toLowerCase(Locale.ROOT).startsWith("distinct")) {
            String key = args.substring("distinct".length()).trim();
            if (!word.equals("count") || !blockKeys.contains(key)) {
              return Optional.empty();
            }
            part = new Part(e.substring(i, after), false);
            merge = "CAST(sum({part}) AS BIGINT)";
          } else {
            part = new Part(e.substring(i, after), word.equals("sum"));
            merge = word.equals("count") ? "CAST(sum({part}) AS BIGINT)" : word + "({part})";
          }
          int index = parts.indexOf(part);
          if (index < 0) {
            index = parts.size();
            parts.add(part);
          }
          merged.append(merge.replace("{part}", "{part:" + index + "}"));
          i = after;
        } else if (call && SCALAR.contains(word) || WORDS.contains(word)) {
          merged.append(e, i, end);
          i = end;
        } else {
          // another aggregate, a function not known to be scalar, or a column outside an aggregate
          return Optional.empty();
        }
      } else {
        merged.append(c);
        i++;
      }
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(new Split(List.copyOf(parts), merged.toString()));
  }

  private static int endOfString(String e, int start) {
    int i = start + 1;
    while (i < e.length()) {
      if (e.charAt(i) == '\'') {
        if (i + 1 < e.length() && e.charAt(i + 1) == '\'') {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return e.length();
  }

  /** The index of the parenthesis closing the one at {@code open}, or -1. */
  private static int matching(String e, int open) {
    int depth = 0;
    int i = open;
    while (i < e.length()) {
      char c = e.charAt(i);
      if (c == '\'') {
        i = endOfString(e, i);
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static int skipSpaces(String e, int i) {
    while (i < e.length() && Character.isWhitespace(e.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean startsWithWord(String e, int i, String word) {
    int end = i + word.length();
    return end <= e.length()
        && e.substring(i, end).equalsIgnoreCase(word)
        && (end == e.length() || !(Character.isLetterOrDigit(e.charAt(end)) || e.charAt(end) == '_'));
  }
}
