package org.openbds.xrp.balance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds every transaction that carries metadata in a recorded rippled answer, whatever its shape: {@code ledger}
 * responses ({@code transactions[]} with {@code metaData}), {@code tx} responses of API v1 (fields beside
 * {@code meta}) and v2 ({@code tx_json} + {@code meta}), {@code account_tx}, stream messages ({@code transaction} +
 * {@code meta} or {@code metadata}), {@code "tx"} wrappers and plain arrays. Transactions come in document order.
 */
final class RecordedTransactionReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> META_KEYS = List.of("meta", "metaData", "metadata");
  private static final List<String> TX_KEYS = List.of("tx_json", "transaction", "tx");

  /** A transaction with its metadata; {@code hash} is null when the recording has none. */
  record RecordedTransaction(String hash, JsonNode tx, JsonNode meta) {
    /** The fee in drops. */
    long fee() {
      return Long.parseLong(tx.path("Fee").asText());
    }
  }

  private RecordedTransactionReader() {}

  static JsonNode readJson(Path file) {
    try {
      // Only the first JSON value counts: a stray trailing '}' in some recordings is ignored by Jackson's default.
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  static List<RecordedTransaction> read(Path file) {
    List<RecordedTransaction> found = new ArrayList<>();
    collect(readJson(file), found);
    return found;
  }

  /** Every {@code .json} file under {@code dir}, in path order. */
  static List<Path> jsonFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(dir.toString(), e);
    }
  }

  private static void collect(JsonNode node, List<RecordedTransaction> found) {
    if (node.isObject()) {
      JsonNode meta = meta(node);
      if (meta != null) {
        JsonNode tx = node;
        for (String key : TX_KEYS) {
          if (node.path(key).isObject()) {
            tx = node.get(key);
            break;
          }
        }
        String hash = node.hasNonNull("hash") ? node.get("hash").asText() : tx.path("hash").textValue();
        found.add(new RecordedTransaction(hash, tx, meta));
        return;
      }
    }
    for (JsonNode child : node) {
      collect(child, found);
    }
  }

  private static JsonNode meta(JsonNode node) {
    for (String key : META_KEYS) {
      JsonNode meta = node.get(key);
      if (meta != null && meta.isObject() && meta.has("AffectedNodes")) {
        return meta;
      }
    }
    return null;
  }
}
