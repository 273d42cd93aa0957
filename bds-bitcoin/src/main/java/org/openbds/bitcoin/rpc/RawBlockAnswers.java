package org.openbds.bitcoin.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Reads a batch of {@code getblock <hash> 0} answers straight from the response bytes: each block's hex string is
 * decoded from the parser's own character buffer, never held as a {@code String} or a JSON tree (a block's answer is
 * twice its size in hex, and these answers are most of what a sync reads).
 */
final class RawBlockAnswers {
  /** The decoded blocks by request id, and the error answers by request id (each null where absent). */
  record Parsed(byte[][] blocks, ObjectNode[] errors) {}

  /** Hex digit values by ASCII code, -1 for every other character. */
  private static final byte[] HEX = new byte[128];

  static {
    java.util.Arrays.fill(HEX, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      HEX[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      HEX[c] = (byte) (c - 'a' + 10);
      HEX[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
    }
  }

  private RawBlockAnswers() {}

  static Parsed parse(ObjectMapper json, byte[] body, int count, String what) throws IOException {
    byte[][] blocks = new byte[count][];
    ObjectNode[] errors = new ObjectNode[count];
    boolean[] seen = new boolean[count];
    try (JsonParser p = json.createParser(body)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw malformed(what, "a batch answer must be an array of " + count + " answers");
      }
      int answers = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw malformed(what, "an answer must be a JSON object");
        }
        int id = -1;
        byte[] block = null;
        JsonNode error = null;
        boolean hasResult = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          switch (field) {
            case "result" -> {
              hasResult = true;
              if (value == JsonToken.VALUE_STRING) {
                block = hex(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), what);
              } else if (value != JsonToken.VALUE_NULL) {
                throw malformed(what, "expected a hex string");
              }
            }
            case "error" -> {
              if (value != JsonToken.VALUE_NULL) {
                error = p.readValueAsTree();
              }
            }
            case "id" -> {
              if (value != JsonToken.VALUE_NUMBER_INT) {
                throw malformed(what, "answer with a missing, unknown or repeated id");
              }
              id = p.getIntValue();
            }
            default -> p.skipChildren();
          }
        }
        if (id < 0 || id >= count || seen[id]) {
          throw malformed(what, "answer with a missing, unknown or repeated id");
        }
        seen[id] = true;
        answers++;
        if (error != null) {
          ObjectNode answer = json.createObjectNode();
          answer.set("error", error);
          answer.putNull("result");
          errors[id] = answer;
        } else if (!hasResult || block == null) {
          throw malformed(what, hasResult ? "expected a hex string" : "answer has neither result nor error");
        } else {
          blocks[id] = block;
        }
      }
      if (answers != count) {
        throw malformed(what, "a batch answer must be an array of " + count + " answers");
      }
    }
    return new Parsed(blocks, errors);
  }

  private static byte[] hex(char[] text, int offset, int length, String what) {
    if ((length & 1) != 0) {
      throw malformed(what, "not hex");
    }
    byte[] out = new byte[length / 2];
    for (int i = 0; i < out.length; i++) {
      char h = text[offset + 2 * i];
      char l = text[offset + 2 * i + 1];
      int hi = h < 128 ? HEX[h] : -1;
      int lo = l < 128 ? HEX[l] : -1;
      if ((hi | lo) < 0) {
        throw malformed(what, "not hex");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  private static BdsException malformed(String what, String reason) {
    return new BdsException(ErrorCode.MALFORMED_RESPONSE, what + ": malformed answer from the node: " + reason);
  }
}
