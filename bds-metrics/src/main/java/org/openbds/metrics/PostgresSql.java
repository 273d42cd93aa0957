package org.openbds.metrics;

import java.util.ArrayList;
import java.util.List;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The catalog's SQL as PostgreSQL takes it. The catalog is written in SQL that both warehouses run, with DuckDB's
 * names for the functions and types PostgreSQL lacks (the warehouse's schema {@code bds_sql} supplies those), except
 * for the forms that cannot be functions there, which are rewritten here:
 *
 * <ul>
 *   <li>the quantile aggregates {@code median(x)}, {@code quantile_cont(x, q)} and {@code quantile_disc(x, q)} become
 *       ordered-set aggregates ({@code percentile_cont(q) WITHIN GROUP (ORDER BY x)}), a list of fractions
 *       {@code [a, b]} an array; both warehouses return the same values: the interpolated quantile at position
 *       (n − 1)·q, and the first value whose position reaches q·n;
 *   <li>a 256-bit column's digits {@code x_digits} (DuckDB keeps them as text beside the exact column) become the
 *       text of the exact column {@code x}, which is what they hold;
 *   <li>{@code CREATE OR REPLACE TABLE} becomes a drop and a create, a temporary table one dropped at commit;
 *   <li>{@code CREATE OR REPLACE MACRO s.f(a, b) AS e} becomes a SQL function of numbers;
 *   <li>DuckDB's optimizer settings ({@code SET}/{@code RESET} of {@code dynamic_or_filter_threshold}) are left out.
 * </ul>
 */
final class PostgresSql {
  private static final String DIGITS = "_digits";

  private PostgresSql() {}

  private static final java.util.regex.Pattern REPLACE_TABLE =
      java.util.regex.Pattern.compile("(?is)^CREATE\\s+OR\\s+REPLACE\\s+(TEMP\\s+|TEMPORARY\\s+)?TABLE\\s+([a-z_][a-z0-9_.]*)\\s+(AS\\b|\\()(.*)$");
  private static final java.util.regex.Pattern MACRO =
      java.util.regex.Pattern.compile("(?is)^CREATE\\s+OR\\s+REPLACE\\s+MACRO\\s+([a-z_][a-z0-9_.]*)\\s*\\(([^)]*)\\)\\s+AS\\s+(.*)$");
  private static final java.util.regex.Pattern OPTIMIZER_SETTING =
      java.util.regex.Pattern.compile("(?is)^(SET|RESET)\\s+dynamic_or_filter_threshold\\b.*$");

  /** The statements PostgreSQL runs for one statement of the catalog (none, one or two). */
  static List<String> statements(String sql) {
    String s = stripComments(sql).strip();
    if (OPTIMIZER_SETTING.matcher(s).matches()) {
      return List.of();
    }
    java.util.regex.Matcher table = REPLACE_TABLE.matcher(s);
    if (table.matches()) {
      boolean temporary = table.group(1) != null;
      String name = table.group(2);
      String rest = translate(table.group(4));
      String create =
          table.group(3).equals("(")
              ? "CREATE " + (temporary ? "TEMP " : "") + "TABLE " + name + " (" + rest + (temporary ? " ON COMMIT DROP" : "")
              : "CREATE " + (temporary ? "TEMP " : "") + "TABLE " + name + (temporary ? " ON COMMIT DROP" : "") + " AS " + rest;
      return List.of("DROP TABLE IF EXISTS " + name, create);
    }
    java.util.regex.Matcher macro = MACRO.matcher(s);
    if (macro.matches()) {
      StringBuilder params = new StringBuilder();
      for (String param : macro.group(2).split(",")) {
        params.append(params.length() == 0 ? "" : ", ").append(param.strip()).append(" anycompatible");
      }
      return List.of(
          "CREATE OR REPLACE FUNCTION " + macro.group(1) + "(" + params + ") RETURNS NUMERIC LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $macro$ SELECT "
              + translate(macro.group(3)) + " $macro$");
    }
    return List.of(translate(sql));
  }

  /** {@code sql} without its comment lines' text (so that a statement's first word is found). */
  private static String stripComments(String sql) {
    StringBuilder out = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.strip().startsWith("--")) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  /** {@code sql} with its quantile aggregates and digit columns rewritten. */
  static String translate(String sql) {
    return translate(sql, new int[1]);
  }

  private static String translate(String sql, int[] aliases) {
    StringBuilder out = new StringBuilder(sql.length() + 64);
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'') {
        int end = skipString(sql, i);
        out.append(sql, i, end);
        i = end;
        continue;
      }
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(sql, i, end);
        i = end;
        continue;
      }
      if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
          end++;
        }
        String word = sql.substring(i, end);
        // a (qualified) column of digits: t.value_digits
        int nameEnd = end;
        while (nameEnd + 1 < n && sql.charAt(nameEnd) == '.' && (Character.isLetter(sql.charAt(nameEnd + 1)) || sql.charAt(nameEnd + 1) == '_')) {
          nameEnd++;
          while (nameEnd < n && (Character.isLetterOrDigit(sql.charAt(nameEnd)) || sql.charAt(nameEnd) == '_')) {
            nameEnd++;
          }
        }
        String name = sql.substring(i, nameEnd);
        if (name.endsWith(DIGITS) && name.length() > DIGITS.length() && (i == 0 || sql.charAt(i - 1) != '"')) {
          out.append("CAST(").append(name, 0, name.length() - DIGITS.length()).append(" AS TEXT)");
          i = nameEnd;
          continue;
        }
        boolean qualified = i > 0 && (sql.charAt(i - 1) == '.' || sql.charAt(i - 1) == '"');
        int open = end;
        while (open < n && sql.charAt(open) == ' ') {
          open++;
        }
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        if (!qualified && open < n && sql.charAt(open) == '(' && (lower.equals("median") || lower.equals("quantile_cont") || lower.equals("quantile_disc"))) {
          int close = closing(sql, open);
          List<String> args = arguments(sql.substring(open + 1, close));
          String value = translate(args.get(0), aliases);
          String fraction;
          if (lower.equals("median")) {
            expect(args, 1, word, sql);
            fraction = "0.5";
          } else {
            expect(args, 2, word, sql);
            fraction = fractions(translate(args.get(1), aliases));
          }
          String function = lower.equals("quantile_disc") ? "percentile_disc" : "percentile_cont";
          out.append(function).append('(').append(fraction).append(") WITHIN GROUP (ORDER BY ").append(value.strip()).append(')');
          i = close + 1;
          continue;
        }
        if (!qualified && open < n && sql.charAt(open) == '(' && (lower.equals("from") || lower.equals("join")) && isQuery(sql, open + 1)) {
          // PostgreSQL names every subquery in FROM
          int close = closing(sql, open);
          out.append(word).append(' ').append('(').append(translate(sql.substring(open + 1, close), aliases)).append(')');
          if (!hasAlias(sql, close + 1)) {
            out.append(" AS subquery_").append(++aliases[0]);
          }
          i = close + 1;
          continue;
        }
        out.append(word);
        i = end;
        continue;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static final java.util.Set<String> AFTER_SUBQUERY =
      java.util.Set.of("where", "group", "order", "union", "except", "intersect", "limit", "offset", "on", "using", "join", "left",
          "right", "inner", "full", "cross", "natural", "window", "having", "qualify", "returning", "lateral");

  /** Whether the text from {@code start} (after an opening parenthesis) is a query. */
  private static boolean isQuery(String sql, int start) {
    String rest = stripLeading(sql.substring(start)).toLowerCase(java.util.Locale.ROOT);
    return rest.startsWith("select") || rest.startsWith("with") || rest.startsWith("values") || rest.startsWith("(");
  }

  /** Whether a subquery closed just before {@code start} is followed by its name. */
  private static boolean hasAlias(String sql, int start) {
    String rest = stripLeading(sql.substring(start));
    if (rest.isEmpty() || !(Character.isLetter(rest.charAt(0)) || rest.charAt(0) == '_' || rest.charAt(0) == '"')) {
      return false;
    }
    int end = 0;
    while (end < rest.length() && (Character.isLetterOrDigit(rest.charAt(end)) || rest.charAt(end) == '_' || rest.charAt(end) == '"')) {
      end++;
    }
    return !AFTER_SUBQUERY.contains(rest.substring(0, end).toLowerCase(java.util.Locale.ROOT));
  }

  /** {@code s} without leading white space and comment lines. */
  private static String stripLeading(String s) {
    int i = 0;
    while (i < s.length()) {
      if (Character.isWhitespace(s.charAt(i))) {
        i++;
      } else if (s.startsWith("--", i)) {
        int end = s.indexOf('\n', i);
        i = end < 0 ? s.length() : end + 1;
      } else {
        break;
      }
    }
    return s.substring(i);
  }

  private static void expect(List<String> args, int count, String function, String sql) {
    if (args.size() != count) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, function + " takes " + count + " argument(s), not " + args.size() + ", in: " + sql);
    }
  }

  /** A fraction as written, or a list literal {@code [a, b]} as a PostgreSQL array. */
  private static String fractions(String arg) {
    String a = arg.strip();
    return a.startsWith("[") ? "ARRAY" + a : a;
  }

  private static int skipString(String sql, int start) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == '\'') {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new BdsException(ErrorCode.INVALID_CONFIG, "an unterminated string in: " + sql);
  }

  /** The index of the parenthesis closing the one at {@code open}. */
  private static int closing(String sql, int open) {
    int depth = 0;
    for (int i = open; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\'') {
        i = skipString(sql, i) - 1;
      } else if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    throw new BdsException(ErrorCode.INVALID_CONFIG, "an unclosed parenthesis in: " + sql);
  }

  /** The top-level comma-separated arguments of a call's inside. */
  private static List<String> arguments(String inside) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < inside.length(); i++) {
      char c = inside.charAt(i);
      if (c == '\'') {
        i = skipString(inside, i) - 1;
      } else if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(inside.substring(start, i));
        start = i + 1;
      }
    }
    out.add(inside.substring(start));
    return out;
  }
}
