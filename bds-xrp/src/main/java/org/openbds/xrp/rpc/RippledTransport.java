package org.openbds.xrp.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * One way to ask rippled: JSON-RPC over HTTP(S) or its WebSocket API. A transport sends a request and returns the
 * message that answers it; failing to get one is typed: no connection, no answer in time or an overloaded server is
 * {@link ErrorCode#NODE_UNAVAILABLE}, a refusal (credentials) a {@link ErrorCode#NODE_ERROR}, an answer that is not one
 * JSON object {@link ErrorCode#MALFORMED_RESPONSE}. What the answer says (an error, a result) is left to the caller.
 * Thread-safe.
 */
interface RippledTransport extends AutoCloseable {
  /** Sends {@code method} with {@code params} (the fields of rippled's request object) and waits for its answer. */
  RippledAnswer exchange(String method, ObjectNode params);

  @Override
  void close();

  static BdsException malformed(String what, String reason) {
    return new BdsException(ErrorCode.MALFORMED_RESPONSE, what + ": malformed answer from rippled: " + reason);
  }

  /** A short, one-line excerpt of a body, for messages. */
  static String excerpt(byte[] body) {
    String t = new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    return t.length() > 120 ? t.substring(0, 120) + "…" : t;
  }

  /** Reads an answer, naming {@code what} was asked when it is not one JSON object. */
  static RippledAnswer read(ObjectMapper json, String what, byte[] body, String context) {
    try {
      return RippledAnswer.read(json, body);
    } catch (java.io.IOException e) {
      String cut = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ");
      int at = cut.indexOf(" at [Source");
      throw malformed(what, context + "not JSON (" + (at < 0 ? cut : cut.substring(0, at)) + "): " + excerpt(body));
    }
  }
}
