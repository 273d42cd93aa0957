package org.openbds.bitcoin.bds;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.openbds.api.BdsException;
import org.openbds.api.BdsMessages;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.SourceBlock;
import org.openbds.bitcoin.split.BitcoinSplitter;

/**
 * The original BDS product's per-block messages for one Bitcoin-family chain (docs/bds-messages.md): their envelope
 * and their splitter, which writes the rows of our own {@link BitcoinSplitter}.
 */
public final class BitcoinBdsMessages implements BdsMessages {
  private final BitcoinBdsSplitter splitter;

  /** @param splitter the chain's own splitter; the messages' splitter shares its state */
  public BitcoinBdsMessages(BitcoinSplitter splitter) {
    this.splitter = new BitcoinBdsSplitter(requireNonNull(splitter, "splitter is null"));
  }

  /**
   * Reads only the top-level {@code height}, {@code hash} and {@code prev_hash} (streaming, skipping the transactions
   * when they come first); the rest of the message is read by the splitter's {@code decode}.
   */
  @Override
  public SourceBlock envelope(byte[] document, String origin) {
    requireNonNull(document, "document is null");
    requireNonNull(origin, "origin is null");
    DocumentFields f = new DocumentFields(origin);
    Long height = null;
    Hash32 hash = null;
    Hash32 parent = null;
    try (JsonParser p = DocumentFields.JSON.getFactory().createParser(document)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw f.malformed("(document)", "expected a JSON object");
      }
      while ((height == null || hash == null || parent == null) && p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "height" -> {
            if (value != JsonToken.VALUE_NUMBER_INT || p.getBigIntegerValue().signum() < 0 || p.getBigIntegerValue().bitLength() > 31) {
              throw f.malformed("height", "expected a block height, got " + text(p));
            }
            height = p.getLongValue();
          }
          case "hash" -> hash = hash(f, p, name);
          case "prev_hash", "previousblockhash" -> parent = hash(f, p, name);
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new BdsException(ErrorCode.MALFORMED_BLOCK, origin + ": not a JSON document: " + DocumentFields.firstLine(e.getMessage()), e);
    }
    if (height == null || hash == null || parent == null) {
      throw f.malformed(height == null ? "height" : hash == null ? "hash" : "prev_hash", "missing");
    }
    return new SourceBlock(height, hash, parent, document, origin);
  }

  private static Hash32 hash(DocumentFields f, JsonParser p, String name) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw f.malformed(name, "expected a 64-digit hex hash, got " + text(p));
    }
    String s = p.getText();
    try {
      return Hash32.parse(s);
    } catch (BdsException e) {
      throw f.malformed(name, "expected a 64-digit hex hash, got " + DocumentFields.quote(s));
    }
  }

  private static String text(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      return t == JsonToken.START_OBJECT ? "an object" : "an array";
    }
    String s = p.getText();
    return t == JsonToken.VALUE_STRING ? DocumentFields.quote(s) : s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  @Override
  public BitcoinBdsSplitter splitter() {
    return splitter;
  }
}
