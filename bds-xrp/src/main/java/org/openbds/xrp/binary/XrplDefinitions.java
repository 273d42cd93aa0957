package org.openbds.xrp.binary;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The protocol's tables, read once from the TSV resources beside this class: serialized fields, type codes, and the
 * codes behind the names that JSON uses for TransactionType, TransactionResult and LedgerEntryType. Immutable and
 * safe to share between threads.
 */
public final class XrplDefinitions {
  private static final XrplDefinitions STANDARD = load();

  private final Map<String, XrplField> fields;
  private final Map<String, Integer> transactionTypes;
  private final Map<String, Integer> transactionResults;
  private final Map<String, Integer> ledgerEntryTypes;

  // HashMap rather than Map.copyOf: these are looked up for every field of every transaction, and hashed lookups
  // with cached String hashes beat the immutable map's probing there
  private XrplDefinitions(
      Map<String, XrplField> fields,
      Map<String, Integer> transactionTypes,
      Map<String, Integer> transactionResults,
      Map<String, Integer> ledgerEntryTypes) {
    this.fields = java.util.Collections.unmodifiableMap(new HashMap<>(fields));
    this.transactionTypes = java.util.Collections.unmodifiableMap(new HashMap<>(transactionTypes));
    this.transactionResults = java.util.Collections.unmodifiableMap(new HashMap<>(transactionResults));
    this.ledgerEntryTypes = java.util.Collections.unmodifiableMap(new HashMap<>(ledgerEntryTypes));
  }

  /** The definitions of the current protocol, as shipped in this module's resources. */
  public static XrplDefinitions standard() {
    return STANDARD;
  }

  /** The serialized field of that JSON name, empty if the protocol has none. */
  public Optional<XrplField> field(String name) {
    return Optional.ofNullable(fields.get(requireNonNull(name, "name is null")));
  }

  public Optional<Integer> transactionType(String name) {
    return Optional.ofNullable(transactionTypes.get(name));
  }

  public Optional<Integer> transactionResult(String name) {
    return Optional.ofNullable(transactionResults.get(name));
  }

  public Optional<Integer> ledgerEntryType(String name) {
    return Optional.ofNullable(ledgerEntryTypes.get(name));
  }

  private static XrplDefinitions load() {
    Map<String, Integer> typeCodes = codes("types.tsv");
    Map<String, XrplField> fields = new HashMap<>();
    for (String[] row : rows("fields.tsv", 5)) {
      Integer typeCode = typeCodes.get(row[1]);
      if (typeCode == null) {
        throw new IllegalStateException("fields.tsv: field " + row[0] + " has an unknown type " + row[1]);
      }
      fields.put(
          row[0],
          new XrplField(
              row[0],
              row[1],
              typeCode,
              Integer.parseInt(row[2]),
              Boolean.parseBoolean(row[3]),
              Boolean.parseBoolean(row[4])));
    }
    return new XrplDefinitions(
        fields, codes("transaction-types.tsv"), codes("transaction-results.tsv"), codes("ledger-entry-types.tsv"));
  }

  private static Map<String, Integer> codes(String resource) {
    Map<String, Integer> codes = new HashMap<>();
    for (String[] row : rows(resource, 2)) {
      codes.put(row[0], Integer.parseInt(row[1]));
    }
    return codes;
  }

  private static List<String[]> rows(String resource, int columns) {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = XrplDefinitions.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] row = line.split("\t");
        if (row.length != columns) {
          throw new IllegalStateException(resource + ": expected " + columns + " columns in: " + line);
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + resource, e);
    }
    return rows;
  }
}
