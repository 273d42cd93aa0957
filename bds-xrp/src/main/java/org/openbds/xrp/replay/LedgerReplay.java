package org.openbds.xrp.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.xrp.binary.HashedLedgerIntegrity;
import org.openbds.xrp.binary.XrplHashes;
import org.openbds.xrp.codec.XrpLedger;
import org.openbds.xrp.codec.XrpLedgerDecoder;

/**
 * A chain of ledgers at volume from one recorded ledger: the template's transactions repeated in every ledger, with the
 * indexes rewritten from {@code firstIndex} on, each ledger the child of the one before, close times four seconds
 * apart, {@code total_coins} falling by the fees burnt, and every header hash computed anew, so that the chain passes
 * the same checks as the network's own (the transaction tree root stays the template's: the same transactions).
 * For benchmarks and for tests that need many ledgers from a replaying node.
 */
public final class LedgerReplay implements Iterator<byte[]> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CLOSE_INTERVAL = 4;

  private final ObjectNode answer;
  private final ObjectNode ledger;
  private final long fees;
  private final long end;
  private long next;
  private Hash32 parent;
  private long parentCloseTime;
  private long closeTime;
  private long totalCoins;
  private boolean started;

  private LedgerReplay(ObjectNode answer, XrpLedger template, long firstIndex, int count) {
    this.answer = answer;
    this.ledger = (ObjectNode) answer.get("ledger");
    if (template.accountHash().isEmpty() || template.transactionHash().isEmpty()) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a template ledger needs account_hash and transaction_hash to hash its copies");
    }
    this.fees = template.feesBurnt();
    this.next = firstIndex;
    this.end = firstIndex + count;
    this.parent = template.parentHash();
    this.closeTime = template.closeTime();
    this.parentCloseTime = template.parentCloseTime().orElse(template.closeTime() - CLOSE_INTERVAL);
    this.totalCoins = template.totalCoins() + fees;
  }

  /**
   * {@code count} ledgers from the recorded {@code ledger} answer {@code template} (any shape the decoder reads, with
   * its transactions expanded), the first at {@code firstIndex}, each as the {@code result} of a {@code ledger} answer.
   */
  public static LedgerReplay of(byte[] template, long firstIndex, int count) {
    JsonNode root = XrpLedgerDecoder.parse(template, "template");
    XrpLedger decoded = new XrpLedgerDecoder(0, HashedLedgerIntegrity.standard()).decode(root, "template");
    JsonNode envelope = root.has("result") ? root.get("result") : root;
    ObjectNode answer = JSON.createObjectNode();
    answer.set("ledger", (envelope.has("ledger") ? envelope.get("ledger") : envelope).deepCopy());
    answer.put("validated", true);
    return new LedgerReplay(answer, decoded, firstIndex, count);
  }

  @Override
  public boolean hasNext() {
    return next < end;
  }

  @Override
  public byte[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    long index = next++;
    if (started) {
      parentCloseTime = closeTime;
      closeTime += CLOSE_INTERVAL;
    }
    started = true;
    totalCoins -= fees;
    Hash32 hash = XrplHashes.ledgerHeaderHash(index, totalCoins, parent, Hash32.parse(ledger.get("transaction_hash").asText()),
        Hash32.parse(ledger.get("account_hash").asText()), parentCloseTime, closeTime,
        ledger.path("close_time_resolution").asInt(10), ledger.path("close_flags").asInt(0));
    String hex = hash.toHex().toUpperCase(Locale.ROOT);
    ledger.put("ledger_index", String.valueOf(index));
    ledger.put("parent_hash", parent.toHex().toUpperCase(Locale.ROOT));
    ledger.put("ledger_hash", hex);
    ledger.put("hash", hex);
    ledger.put("close_time", closeTime);
    ledger.put("parent_close_time", parentCloseTime);
    ledger.put("close_flags", ledger.path("close_flags").asInt(0));
    ledger.put("total_coins", String.valueOf(totalCoins));
    ledger.remove(List.of("close_time_human", "close_time_iso", "seqNum", "totalCoins"));
    answer.put("ledger_hash", hex);
    answer.put("ledger_index", index);
    parent = hash;
    try {
      return JSON.writeValueAsBytes(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the ledgers into {@code dir} as {@code <index>.json}, for {@code bds import --ledgers}. */
  public void writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      while (hasNext()) {
        long index = next;
        Files.write(dir.resolve(index + ".json"), next());
      }
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot write replayed ledgers to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Drops burnt by each ledger (the template's fees). */
  public long feesPerLedger() {
    return fees;
  }

  /** The template's transactions per ledger. */
  public int transactionsPerLedger() {
    return ledger.get("transactions").size();
  }
}
