package org.openbds.ethereum.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the exporter's CSV files: a header line, then one row per line; a field in double quotes may hold commas,
 * line breaks and doubled quotes ({@code ""} for one {@code "}). An empty file has no rows.
 */
public final class EtlCsv {
  private EtlCsv() {}

  /** The rows of {@code file}, each a map from column name to the field's text, in file order. */
  public static List<Map<String, String>> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parse(text);
  }

  static List<Map<String, String>> parse(String text) {
    List<List<String>> records = records(text);
    if (records.isEmpty()) {
      return List.of();
    }
    List<String> header = records.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> record : records.subList(1, records.size())) {
      if (record.size() != header.size()) {
        throw new IllegalArgumentException(record.size() + " fields for " + header.size() + " columns: " + record);
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), record.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The header's column names. */
  static List<String> columns(Path file) {
    try {
      List<List<String>> records = records(Files.readString(file, StandardCharsets.UTF_8));
      return records.isEmpty() ? List.of() : records.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<List<String>> records(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
        continue;
      }
      switch (c) {
        case '"' -> quoted = true;
        case ',' -> {
          record.add(field.toString());
          field.setLength(0);
        }
        case '\n' -> {
          record.add(field.toString());
          field.setLength(0);
          records.add(record);
          record = new ArrayList<>();
          any = false;
          continue;
        }
        case '\r' -> {
          continue;
        }
        default -> field.append(c);
      }
      any = true;
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quoted field");
    }
    if (any || !record.isEmpty()) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }
}
