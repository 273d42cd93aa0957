package org.openbds.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * A small table of reference data the metrics join with (mining pool tags and payout addresses…), shipped as a
 * tab-separated file under {@code metrics/<family>/reference/} and extendable by the user with a file of the same
 * columns. First line: column names; lines starting with {@code #} and blank lines are ignored. Loaded into the chain's
 * schema as {@code m_ref_<name>} with every column a VARCHAR and a {@code priority} column (row order: user rows first).
 */
public record ReferenceTable(String name, List<String> columns, List<List<String>> rows) {
  public ReferenceTable {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static ReferenceTable parse(String name, String origin, String text) {
    List<String> columns = null;
    List<List<String>> rows = new ArrayList<>();
    int lineNumber = 0;
    for (String line : text.split("\n")) {
      lineNumber++;
      String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (l.isBlank() || l.startsWith("#")) {
        continue;
      }
      List<String> cells = List.of(l.split("\t", -1));
      if (columns == null) {
        for (String c : cells) {
          if (!c.matches("[a-z_][a-z0-9_]*")) {
            throw new BdsException(ErrorCode.INVALID_CONFIG, origin + ":" + lineNumber + ": column name '" + c + "' must be lowercase letters, digits and _");
          }
        }
        columns = cells;
      } else if (cells.size() != columns.size()) {
        throw new BdsException(
            ErrorCode.INVALID_CONFIG, origin + ":" + lineNumber + ": " + cells.size() + " tab-separated values, expected " + columns.size() + " " + columns);
      } else {
        rows.add(cells);
      }
    }
    if (columns == null) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, origin + ": no header line");
    }
    return new ReferenceTable(name, columns, rows);
  }

  /** This table's rows, then {@code shipped}'s; the columns must agree. */
  ReferenceTable followedBy(ReferenceTable shipped) {
    if (!columns.equals(shipped.columns())) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "the " + name + " file must have the columns " + shipped.columns() + ", not " + columns);
    }
    List<List<String>> all = new ArrayList<>(rows);
    all.addAll(shipped.rows());
    return new ReferenceTable(name, columns, all);
  }

  /** Statements replacing the table {@code schema.m_ref_<name>} with these rows. */
  List<String> load(String schema) {
    String table = schema + ".m_ref_" + name;
    StringBuilder create = new StringBuilder("CREATE TABLE ").append(table).append(" (priority INTEGER NOT NULL");
    for (String c : columns) {
      create.append(", ").append(c).append(" VARCHAR");
    }
    List<String> out = new ArrayList<>();
    out.add("DROP TABLE IF EXISTS " + table);
    out.add(create.append(')').toString());
    StringBuilder insert = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      if (insert.length() == 0) {
        insert.append("INSERT INTO ").append(table).append(" VALUES ");
      } else {
        insert.append(", ");
      }
      insert.append('(').append(i);
      for (String v : rows.get(i)) {
        insert.append(", '").append(v.replace("'", "''")).append('\'');
      }
      insert.append(')');
      if (insert.length() > 100_000 || i == rows.size() - 1) {
        out.add(insert.toString());
        insert.setLength(0);
      }
    }
    return out;
  }
}
