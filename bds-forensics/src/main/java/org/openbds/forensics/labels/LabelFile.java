package org.openbds.forensics.labels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A file of labels in YAML. The file's {@code source}, {@code author} and {@code date} apply to every label that does
 * not give its own:
 *
 * <pre>
 * source: Example OSINT list, November 2026
 * author: analyst@example.org
 * date: 2026-11-20
 * labels:
 *   - chain: ltc
 *     address: ltc1q…
 *     category: exchange
 *     name: Example Exchange hot wallet
 *     note: deposits seen 2026-10
 * </pre>
 *
 * Every mistake is reported with the label's position and field; a file with any mistake is refused as a whole.
 */
public final class LabelFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> FILE_FIELDS = Set.of("source", "author", "date", "labels");
  private static final Set<String> LABEL_FIELDS = Set.of("chain", "address", "category", "name", "source", "author", "date", "note");

  private LabelFile() {}

  public static List<Label> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the label file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  public static List<Label> parse(String text, String name) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(name + " is not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(name + ": expected a mapping with source, author, date and labels");
    }
    unknown(root, FILE_FIELDS, name);
    JsonNode labels = root.path("labels");
    if (!labels.isArray() || labels.isEmpty()) {
      throw new IllegalArgumentException(name + ": 'labels' must be a list of at least one label");
    }
    List<Label> out = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      JsonNode l = labels.get(i);
      String where = name + ", label " + (i + 1);
      try {
        if (!l.isObject()) {
          throw new IllegalArgumentException("expected a mapping");
        }
        unknown(l, LABEL_FIELDS, where);
        String dateText = text(l, "date").or(() -> text(root, "date")).orElseThrow(() -> new IllegalArgumentException("no date (give one for the file or the label)"));
        LocalDate date;
        try {
          date = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("date '" + dateText + "' is not a date like 2026-11-20");
        }
        out.add(new Label(
            required(l, "chain"), required(l, "address"), required(l, "category"), required(l, "name"),
            text(l, "source").or(() -> text(root, "source")).orElseThrow(() -> new IllegalArgumentException("no source (give one for the file or the label)")),
            text(l, "author").or(() -> text(root, "author")).orElseThrow(() -> new IllegalArgumentException("no author (give one for the file or the label)")),
            date, text(l, "note")));
      } catch (IllegalArgumentException e) {
        errors.add(where + ": " + e.getMessage().replace(where + ": ", ""));
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(errors.size() + (errors.size() == 1 ? " mistake" : " mistakes") + ", nothing imported:\n  " + String.join("\n  ", errors));
    }
    return out;
  }

  private static void unknown(JsonNode node, Set<String> allowed, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new IllegalArgumentException(where + ": unknown field '" + f + "'; the fields are " + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
    }
  }

  private static String required(JsonNode node, String field) {
    return text(node, field).orElseThrow(() -> new IllegalArgumentException("no " + field));
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isValueNode()) {
      throw new IllegalArgumentException(field + " must be a single value");
    }
    String s = v.asText().strip();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
