package org.openbds.ethereum.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openbds.api.Hash32;
import org.openbds.api.RealData;

/**
 * Reads ethereum-etl's own test resources (recorded node answers and the exporter's expected output) from the shared
 * real data beside the repository; the tests that use it are skipped with a notice where it is absent.
 */
final class EthereumEtlFiles {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HexFormat HEX = HexFormat.of();

  private EthereumEtlFiles() {}

  /** A job folder such as {@code test_export_tokens_job}: one sub-folder per case. */
  static Path jobDir(String job) {
    return existing(RealData.dir("ethereum-etl").resolve(job));
  }

  /** A case folder such as {@code test_export_tokens_job/token_with_invalid_data}. */
  static Path caseDir(String job, String name) {
    return existing(jobDir(job).resolve(name));
  }

  /** The shared data is there (else the test was skipped), so a missing part of it is a failure. */
  private static Path existing(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new AssertionError("ethereum-etl data missing: " + dir);
    }
    return dir;
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of a CSV file with a header, as column → value; quoted fields may hold commas. */
  static List<Map<String, String>> csv(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file).stream().filter(l -> !l.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> header = fields(lines.get(0));
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> values = fields(line);
      if (values.size() != header.size()) {
        throw new AssertionError("row has " + values.size() + " fields, header " + header.size() + ": " + line);
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), values.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  /** A {@code 0x}-prefixed 32-byte hash as printed by nodes and ethereum-etl. */
  static Hash32 hash(String prefixed) {
    if (!prefixed.startsWith("0x")) {
      throw new AssertionError("not a 0x hash: " + prefixed);
    }
    return Hash32.parse(prefixed.substring(2));
  }

  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }
}
