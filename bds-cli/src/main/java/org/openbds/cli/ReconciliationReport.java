package org.openbds.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.ReconciliationCheck;

/**
 * Prints reconciliation checks: an aligned table with a closing summary line, or one JSON document
 * ({@code {"passed": bool, "summary": "...", "checks": [{"name", "scope", "checked", "mismatches", "passed",
 * "detail"}]}}).
 */
final class ReconciliationReport {
  private static final List<String> HEADER = List.of("check", "scope", "checked", "mismatches", "result", "detail");

  private final List<ReconciliationCheck> checks;

  ReconciliationReport(List<ReconciliationCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  boolean allPassed() {
    return checks.stream().allMatch(ReconciliationCheck::passed);
  }

  /** "verify: 23 checks passed" or "verify: 2 of 23 checks FAILED". */
  String summary() {
    long failed = checks.stream().filter(c -> !c.passed()).count();
    String noun = checks.size() == 1 ? "check" : "checks";
    return failed == 0
        ? "verify: " + checks.size() + " " + noun + " passed"
        : "verify: " + failed + " of " + checks.size() + " " + noun + " FAILED";
  }

  void writeTable(PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER.toArray(new String[0]));
    for (ReconciliationCheck c : checks) {
      String result = c.passed() ? "PASS" : "FAIL";
      rows.add(
          new String[] {c.name(), c.scope(), String.valueOf(c.checked()), String.valueOf(c.mismatches()), result, c.detail()});
    }
    int[] width = new int[HEADER.size()];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      out.println(line(rows.get(r), width, r > 0));
      if (r == 0) {
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
          rule.append(i == 0 ? "" : "-+-").append("-".repeat(i == width.length - 1 ? HEADER.get(i).length() : width[i]));
        }
        out.println(rule);
      }
    }
    out.println(summary());
    out.flush();
  }

  /** Columns padded to their width; the numbers right-aligned; the last column (detail) not padded. */
  private static String line(String[] cells, int[] width, boolean body) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      boolean last = i == cells.length - 1;
      boolean numeric = body && (i == 2 || i == 3);
      String fill = last ? "" : " ".repeat(width[i] - cells[i].length());
      s.append(i == 0 ? "" : " | ").append(numeric ? fill + cells[i] : cells[i] + fill);
    }
    return s.toString();
  }

  void writeJson(PrintWriter out) {
    StringWriter buffer = new StringWriter();
    try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(buffer)) {
      g.writeStartObject();
      g.writeBooleanField("passed", allPassed());
      g.writeStringField("summary", summary());
      g.writeArrayFieldStart("checks");
      for (ReconciliationCheck c : checks) {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("scope", c.scope());
        g.writeNumberField("checked", c.checked());
        g.writeNumberField("mismatches", c.mismatches());
        g.writeBooleanField("passed", c.passed());
        g.writeStringField("detail", c.detail());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot write JSON: " + e.getMessage(), e);
    }
    out.println(buffer);
    out.flush();
  }
}
