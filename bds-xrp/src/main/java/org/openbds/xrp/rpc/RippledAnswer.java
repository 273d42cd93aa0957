package org.openbds.xrp.rpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;

/**
 * One message from rippled as it came: the JSON-RPC body {@code {"result": {...}}} or a WebSocket message
 * {@code {"id": n, "status": ..., "type": "response", "result": {...}}}, read as a tree, with the exact bytes the node
 * sent for its {@code result} object (the payload of a ledger is stored as received, not as re-serialized).
 *
 * @param envelope the whole message
 * @param result the {@code result} member; a missing node when there is none
 * @param resultBytes the bytes of {@code result} when it is an object; empty otherwise
 */
record RippledAnswer(ObjectNode envelope, JsonNode result, byte[] resultBytes) {
  RippledAnswer {
    requireNonNull(envelope, "envelope is null");
    requireNonNull(result, "result is null");
    requireNonNull(resultBytes, "resultBytes is null");
  }

  /**
   * Reads a message that must be exactly one JSON object; anything else (not JSON, cut short, trailing data, not an
   * object) is an {@link IOException} whose message says what was wrong.
   */
  static RippledAnswer read(ObjectMapper json, byte[] body) throws IOException {
    ObjectNode envelope = json.createObjectNode();
    JsonNode result = MissingNode.getInstance();
    byte[] resultBytes = new byte[0];
    try (JsonParser p = json.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new IOException("an empty answer");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new IOException("an answer must be a JSON object");
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        if (t != JsonToken.FIELD_NAME) {
          throw new JsonParseException(p, "the answer ends inside its object");
        }
        String name = p.currentName();
        JsonToken value = p.nextToken();
        long start = p.currentTokenLocation().getByteOffset();
        JsonNode tree = json.readTree(p);
        if (tree == null) {
          throw new JsonParseException(p, "the answer ends after the name " + name);
        }
        if (name.equals("result")) {
          long end = p.currentLocation().getByteOffset();
          result = tree;
          resultBytes = value == JsonToken.START_OBJECT && start >= 0 && end > start ? Arrays.copyOfRange(body, (int) start, (int) end) : new byte[0];
        }
        envelope.set(name, tree);
      }
      if (p.nextToken() != null) {
        throw new IOException("data after the answer's object");
      }
    }
    return new RippledAnswer(envelope, result, resultBytes);
  }
}
