package org.openbds.xrp.codec;

import static org.openbds.xrp.codec.JsonFields.malformed;
import static org.openbds.xrp.codec.JsonFields.optionalHash;
import static org.openbds.xrp.codec.JsonFields.optionalUnsigned;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.openbds.api.Hash32;

/**
 * Decodes a validated ledger with its expanded transactions from the JSON rippled prints, in every shape seen in
 * recorded answers: a whole {@code ledger} response ({@code {"result": {"ledger": …}}}), its {@code result}, or the
 * bare ledger object; ledger index as a string or a number, {@code ledger_index} or {@code seqNum}, {@code total_coins}
 * or {@code totalCoins}, {@code hash} or {@code ledger_hash}.
 *
 * <p>What is refused, each with a {@link org.openbds.api.ErrorCode#MALFORMED_BLOCK} naming the origin: JSON that does
 * not parse or has anything after its end, an error answer, a ledger the node marks not validated or not closed, a
 * ledger without its transactions expanded with metadata, transaction positions that are not exactly 0…n−1, header
 * figures out of range, and anything {@link LedgerIntegrity} finds wrong with the hashes.
 */
public final class XrpLedgerDecoder {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final long UINT32_MAX = 0xffff_ffffL;
  /** Drops ever created: 100 billion XRP. */
  public static final long MAX_DROPS = 100_000_000_000_000_000L;

  private final XrpTransactionDecoder transactions;
  private final LedgerIntegrity integrity;

  public XrpLedgerDecoder(long networkId, LedgerIntegrity integrity) {
    this.transactions = new XrpTransactionDecoder(networkId);
    this.integrity = java.util.Objects.requireNonNull(integrity, "integrity is null");
  }

  public static JsonNode parse(byte[] json, String origin) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw malformed(origin, "not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
    } catch (IOException e) {
      throw malformed(origin, "unreadable: " + e.getMessage());
    }
  }

  public XrpLedger decode(byte[] json, String origin) {
    return decode(parse(json, origin), origin);
  }

  /** Where the ledger object is in an answer: the answer's {@code result} (or the answer itself) and the ledger. */
  private record Located(JsonNode envelope, JsonNode ledger) {}

  private static Located locate(JsonNode root, String origin) {
    if (root == null || !root.isObject()) {
      throw malformed(origin, "not a JSON object");
    }
    JsonNode envelope = root.has("result") ? root.get("result") : root;
    if (!envelope.isObject()) {
      throw malformed(origin, "result is not an object");
    }
    if (envelope.has("error") || "error".equals(envelope.path("status").asText())) {
      throw malformed(origin, "an error answer, not a ledger: " + envelope.path("error").asText()
          + " " + envelope.path("error_message").asText(""));
    }
    JsonNode ledger = envelope.has("ledger") ? envelope.get("ledger") : envelope;
    if (!ledger.isObject() || !(ledger.has("ledger_index") || ledger.has("seqNum")) || !ledger.has("parent_hash")) {
      boolean transaction = envelope.has("tx_json") || envelope.has("TransactionType") || envelope.has("transaction")
          || envelope.has("meta") || envelope.has("metaData") || envelope.has("AffectedNodes");
      throw malformed(origin, "not a ledger answer (no ledger object with ledger_index and parent_hash)"
          + (transaction ? ": this is a transaction answer" : ""));
    }
    return new Located(envelope, ledger);
  }

  /** The position of the ledger in an answer and its parent, read without decoding its transactions. */
  public static LedgerHeader header(JsonNode root, String origin) {
    Located at = locate(root, origin);
    long index = index(at.ledger(), origin);
    String where = origin + ", ledger " + index;
    return new LedgerHeader(index, hash(at, where), JsonFields.requireHash(at.ledger(), "parent_hash", where));
  }

  /** A ledger's index, its hash and its parent's hash. */
  public record LedgerHeader(long index, Hash32 hash, Hash32 parent) {}

  private static long index(JsonNode ledger, String origin) {
    return optionalUnsigned(ledger, "ledger_index", UINT32_MAX, origin)
        .orElseGet(() -> JsonFields.requireUnsigned(ledger, "seqNum", UINT32_MAX, origin));
  }

  private static Hash32 hash(Located at, String where) {
    return agreeingHash(where, optionalHash(at.ledger(), "ledger_hash", where), optionalHash(at.ledger(), "hash", where),
        at.envelope() == at.ledger() ? Optional.empty() : optionalHash(at.envelope(), "ledger_hash", where));
  }

  public XrpLedger decode(JsonNode root, String origin) {
    Located at = locate(root, origin);
    JsonNode envelope = at.envelope();
    JsonNode ledger = at.ledger();
    JsonNode validated = envelope.get("validated");
    if (validated != null && !validated.asBoolean(false)) {
      throw malformed(origin, "the node marks this ledger not validated; only validated ledgers are stored");
    }
    JsonNode closed = ledger.get("closed");
    if (closed != null && !closed.asBoolean(false)) {
      throw malformed(origin, "the ledger is not closed");
    }
    long index = index(ledger, origin);
    String where = origin + ", ledger " + index;
    OptionalLong envelopeIndex = envelope == ledger ? OptionalLong.empty() : optionalUnsigned(envelope, "ledger_index", UINT32_MAX, where);
    if (envelopeIndex.isPresent() && envelopeIndex.getAsLong() != index) {
      throw malformed(where, "the answer's ledger_index " + envelopeIndex.getAsLong() + " differs from its ledger's");
    }
    Hash32 hash = hash(at, where);
    long totalCoins = optionalUnsigned(ledger, "total_coins", MAX_DROPS, where)
        .orElseGet(() -> JsonFields.requireUnsigned(ledger, "totalCoins", MAX_DROPS, where));
    JsonNode list = ledger.get("transactions");
    if (list == null || !list.isArray()) {
      throw malformed(where, "no transactions list: a ledger is read with transactions=true and expand=true");
    }
    List<XrpTransaction> txs = new ArrayList<>(list.size());
    for (JsonNode t : list) {
      txs.add(transactions.decode(t, where));
    }
    txs.sort(Comparator.comparingInt(XrpTransaction::position));
    for (int i = 0; i < txs.size(); i++) {
      if (txs.get(i).position() != i) {
        throw malformed(where, "transaction positions (TransactionIndex) are not 0.." + (txs.size() - 1)
            + ": position " + i + " holds " + txs.get(i).position());
      }
    }
    OptionalLong closeFlags = optionalUnsigned(ledger, "close_flags", 255, where);
    XrpLedger decoded = new XrpLedger(
        index,
        hash,
        JsonFields.requireHash(ledger, "parent_hash", where),
        JsonFields.requireUnsigned(ledger, "close_time", UINT32_MAX, where),
        optionalUnsigned(ledger, "parent_close_time", UINT32_MAX, where),
        (int) optionalUnsigned(ledger, "close_time_resolution", 255, where).orElse(10),
        closeFlags.isPresent() ? OptionalInt.of((int) closeFlags.getAsLong()) : OptionalInt.empty(),
        totalCoins,
        optionalHash(ledger, "transaction_hash", where),
        optionalHash(ledger, "account_hash", where),
        txs,
        0);
    long bytes = integrity.check(decoded, where);
    return decoded.withSize((int) Math.min(Integer.MAX_VALUE, bytes));
  }

  private static Hash32 agreeingHash(String where, Optional<Hash32> a, Optional<Hash32> b, Optional<Hash32> c) {
    Hash32 found = null;
    for (Optional<Hash32> h : List.of(a, b, c)) {
      if (h.isPresent()) {
        if (found != null && !found.equals(h.get())) {
          throw malformed(where, "the answer names two ledger hashes: " + found.toHex() + " and " + h.get().toHex());
        }
        found = h.get();
      }
    }
    if (found == null) {
      throw malformed(where, "missing field ledger_hash");
    }
    return found;
  }
}
