package org.openbds.xrp.binary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbds.api.Hash32;

/**
 * Finds every transaction (with the hash and metadata printed beside it) and every ledger header in a recorded
 * rippled answer, whatever its shape: {@code ledger} responses, bare ledger objects, {@code tx} responses of API v1
 * ({@code result} holds the fields and {@code meta}) and v2 ({@code tx_json}, {@code meta}, {@code hash}),
 * {@code account_tx} ({@code tx} + {@code meta}), stream messages ({@code transaction} + {@code meta}), arrays of
 * transactions. Only the first JSON value of a file is read: some recorded files carry a stray trailing brace.
 */
final class XrplFixtureReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A transaction as found: its fields, the hash printed for it and its metadata, when the file has them. */
  record FoundTransaction(JsonNode fields, Optional<Hash32> hash, Optional<JsonNode> meta) {}

  /** A ledger header as found, with the transactions printed in full inside it. */
  record FoundLedger(JsonNode header, long index, List<FoundTransaction> transactions) {
    Optional<Hash32> declaredHash() {
      return hashField(header, "ledger_hash").or(() -> hashField(header, "hash"));
    }

    Hash32 transactionHash() {
      return Hash32.parse(header.get("transaction_hash").asText());
    }

    /** Empty when the header lacks a field the hash covers (older recordings omit some). */
    Optional<Hash32> computedHeaderHash() {
      for (String key : List.of("parent_close_time", "close_flags", "close_time", "close_time_resolution")) {
        if (!header.has(key)) {
          return Optional.empty();
        }
      }
      JsonNode coins = header.has("total_coins") ? header.get("total_coins") : header.get("totalCoins");
      return Optional.of(
          XrplHashes.ledgerHeaderHash(
              index,
              Long.parseLong(coins.asText()),
              Hash32.parse(header.get("parent_hash").asText()),
              transactionHash(),
              Hash32.parse(header.get("account_hash").asText()),
              header.get("parent_close_time").asLong(),
              header.get("close_time").asLong(),
              header.get("close_time_resolution").asInt(),
              header.get("close_flags").asInt()));
    }
  }

  /** Everything found in one file. */
  record Contents(List<FoundTransaction> transactions, List<FoundLedger> ledgers) {}

  private final List<FoundTransaction> transactions = new ArrayList<>();
  private final List<FoundLedger> ledgers = new ArrayList<>();

  private XrplFixtureReader() {}

  static Contents read(Path file) {
    try {
      JsonNode root = JSON.readTree(Files.readString(file));
      XrplFixtureReader reader = new XrplFixtureReader();
      reader.visit(root, null);
      return new Contents(List.copyOf(reader.transactions), List.copyOf(reader.ledgers));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static JsonNode readTree(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private void visit(JsonNode node, JsonNode parent) {
    if (node.isArray()) {
      node.forEach(child -> visit(child, node));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if (node.has("TransactionType")) {
      transactions.add(transaction(node, parent));
      return; // nothing of interest nests inside a transaction
    }
    if (node.has("transaction_hash") && node.has("account_hash")) {
      ledgers.add(ledger(node));
    }
    for (Map.Entry<String, JsonNode> child : node.properties()) {
      visit(child.getValue(), node);
    }
  }

  private static FoundTransaction transaction(JsonNode fields, JsonNode parent) {
    Optional<Hash32> hash = hashField(fields, "hash");
    Optional<JsonNode> meta = metaOf(fields);
    if (parent != null && parent.isObject()) {
      hash = hash.or(() -> hashField(parent, "hash"));
      meta = meta.or(() -> metaOf(parent));
    }
    return new FoundTransaction(fields, hash, meta);
  }

  private static FoundLedger ledger(JsonNode header) {
    JsonNode index = header.has("ledger_index") ? header.get("ledger_index") : header.get("seqNum");
    List<FoundTransaction> found = new ArrayList<>();
    JsonNode list = header.path("transactions");
    for (JsonNode tx : list) {
      if (tx.isObject()) {
        found.add(transaction(tx, null));
      }
    }
    return new FoundLedger(header, Long.parseLong(index.asText()), found);
  }

  private static Optional<JsonNode> metaOf(JsonNode object) {
    for (String key : List.of("meta", "metaData", "metadata")) {
      JsonNode meta = object.get(key);
      if (meta != null && meta.isObject()) {
        return Optional.of(meta);
      }
    }
    return Optional.empty();
  }

  private static Optional<Hash32> hashField(JsonNode object, String key) {
    JsonNode hash = object.get(key);
    return hash != null && hash.isTextual() && hash.asText().length() == 64
        ? Optional.of(Hash32.parse(hash.asText()))
        : Optional.empty();
  }
}
