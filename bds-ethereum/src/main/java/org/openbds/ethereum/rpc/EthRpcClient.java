package org.openbds.ethereum.rpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.NodeHttp;
import org.openbds.ethereum.codec.JsonBytes;

/**
 * JSON-RPC client for Ethereum execution clients (Geth, Erigon, Nethermind, Reth, Besu, anvil). Every failure is
 * typed: an unreachable, overloaded (HTTP 429/5xx) or timed-out node is {@link ErrorCode#NODE_UNAVAILABLE}
 * (retryable); an error answer is a {@link RpcError} ({@link ErrorCode#NODE_ERROR}) with its JSON-RPC code; an
 * answer that is not valid JSON-RPC is {@link ErrorCode#MALFORMED_RESPONSE}. Thread-safe.
 */
public final class EthRpcClient {
  /** JSON-RPC "method not found". */
  public static final int METHOD_NOT_FOUND = -32601;

  private final URI endpoint;
  private final Optional<String> authorization;
  private final Duration timeout;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  EthRpcClient(URI endpoint, Optional<String> authorization, Duration timeout) {
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    this.authorization = requireNonNull(authorization, "authorization is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
  }

  /** A client for {@code http(s)://[user:password@]host:port[/path]}. */
  public static EthRpcClient fromUrl(String url, Duration timeout) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "not a node URL: " + url);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a node URL looks like http://127.0.0.1:8545, got " + url);
    }
    Optional<String> authorization = Optional.empty();
    String credentials = uri.getRawUserInfo();
    if (credentials != null) {
      String decoded = java.net.URLDecoder.decode(credentials, StandardCharsets.UTF_8);
      authorization = Optional.of("Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8)));
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    URI endpoint = URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path);
    return new EthRpcClient(endpoint, authorization, timeout);
  }

  /** The node's address without credentials. */
  public URI endpoint() {
    return endpoint;
  }

  /** One call; the result (possibly JSON null), or a typed failure. */
  public JsonNode call(String method, Object... params) {
    ObjectNode request = request(1, method, params);
    JsonNode reply = send(method, request);
    return result(method, reply).orElseThrow();
  }

  /** {@code eth_blockNumber}. */
  public long blockNumber() {
    return quantity("eth_blockNumber", call("eth_blockNumber"));
  }

  /** {@code eth_chainId}. */
  public long chainId() {
    return quantity("eth_chainId", call("eth_chainId"));
  }

  /**
   * Several calls in one JSON-RPC batch; one answer per call in the same order: its result, or the node's error for
   * that call (so that a caller can fall back where a node lacks a method). A failure of the batch as a whole (no
   * connection, not JSON, missing answers) is thrown.
   */
  public List<Answer> batch(List<Call> calls) {
    if (calls.isEmpty()) {
      return List.of();
    }
    ArrayNode requests = json.createArrayNode();
    for (int i = 0; i < calls.size(); i++) {
      requests.add(request(i, calls.get(i).method(), calls.get(i).params().toArray()));
    }
    String what = calls.size() + " × " + calls.get(0).method();
    List<Reply> replies = readBatch(what, post(what, requests), calls.size());
    Reply[] byId = new Reply[calls.size()];
    for (Reply r : replies) {
      JsonNode id = r.answer().get("id");
      if (id == null || !id.canConvertToInt() || id.asInt() < 0 || id.asInt() >= calls.size() || byId[id.asInt()] != null) {
        throw malformed(what, "answer with a missing, unknown or repeated id");
      }
      byId[id.asInt()] = r;
    }
    List<Answer> answers = new ArrayList<>(calls.size());
    for (int i = 0; i < byId.length; i++) {
      String method = calls.get(i).method();
      try {
        answers.add(new Answer(result(method, byId[i].answer()).orElseThrow(), Optional.empty(), byId[i].resultBytes()));
      } catch (RpcError e) {
        answers.add(new Answer(null, Optional.of(e), Optional.empty()));
      }
    }
    return answers;
  }

  /** One answer of a batch as the node sent it, with the bytes of its result where that is an object or an array. */
  private record Reply(JsonNode answer, Optional<JsonBytes> resultBytes) {}

  /**
   * The answers of a batch, read one by one so that each result's place in the body is known: a block or a list of
   * receipts can then be stored as the node sent it. Reads the same trees as reading the whole body would.
   */
  private List<Reply> readBatch(String what, HttpResponse<byte[]> response, int expected) {
    byte[] body = response.body();
    List<Reply> replies = new ArrayList<>(expected);
    try (JsonParser p = json.createParser(body)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        parse(what, response); // fails unless the body is JSON
        throw malformed(what, "a batch answer must be an array of " + expected + " answers");
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t == null) {
          throw new JsonParseException(p, "the batch answer ends inside its array");
        }
        replies.add(t == JsonToken.START_OBJECT ? readReply(p, body) : new Reply(json.readTree(p), Optional.empty()));
      }
    } catch (IOException e) {
      throw malformed(what, "HTTP " + response.statusCode() + ", not JSON: " + abbreviate(text(response)));
    }
    if (replies.size() != expected) {
      throw malformed(what, "a batch answer must be an array of " + expected + " answers");
    }
    return replies;
  }

  /** One answer object; the parser is at its start and is left at its end. */
  private Reply readReply(JsonParser p, byte[] body) throws IOException {
    ObjectNode answer = json.createObjectNode();
    Optional<JsonBytes> resultBytes = Optional.empty();
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      long start = p.currentTokenLocation().getByteOffset();
      JsonNode tree = json.readTree(p);
      if (name.equals("result")) {
        long end = p.currentLocation().getByteOffset();
        boolean container = value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY;
        resultBytes = container && start >= 0 && end > start ? Optional.of(JsonBytes.of(body, (int) start, (int) (end - start))) : Optional.empty();
      }
      // a repeated key keeps its last value, as reading the whole body into a tree does
      answer.set(name, tree);
    }
    return new Reply(answer, resultBytes);
  }

  /** One call of a batch. */
  public record Call(String method, List<Object> params) {
    public Call {
      requireNonNull(method, "method is null");
      params = java.util.Collections.unmodifiableList(new ArrayList<>(params));
    }

    public static Call of(String method, Object... params) {
      return new Call(method, java.util.Arrays.asList(params));
    }
  }

  /**
   * The answer to one call of a batch: a result, or the node's error; for a result that is a JSON object or array, the
   * exact bytes the node sent it in (a slice of the batch's answer).
   */
  public record Answer(JsonNode result, Optional<RpcError> error, Optional<JsonBytes> resultBytes) {
    /** The result, or the error thrown. */
    public JsonNode get() {
      if (error.isPresent()) {
        throw error.get();
      }
      return result;
    }
  }

  private ObjectNode request(int id, String method, Object[] params) {
    ObjectNode r = json.createObjectNode();
    r.put("jsonrpc", "2.0");
    r.put("id", id);
    r.put("method", method);
    r.set("params", json.valueToTree(params));
    return r;
  }

  private JsonNode send(String what, JsonNode body) {
    return parse(what, post(what, body));
  }

  /** Posts a request; returns the node's answer unless the HTTP status says it failed. */
  private HttpResponse<byte[]> post(String what, JsonNode body) {
    String text;
    try {
      text = json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint).timeout(timeout).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(text));
    authorization.ifPresent(a -> request.header("Authorization", a));
    HttpResponse<byte[]> response;
    try {
      response = NodeHttp.send(http, request.build());
    } catch (HttpTimeoutException e) {
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, what + ": no answer from " + endpoint + " within " + timeout.toSeconds() + " s", e);
    } catch (ConnectException e) {
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, what + ": cannot connect to " + endpoint, e);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, what + ": " + endpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, what + ": interrupted", e);
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new BdsException(ErrorCode.NODE_ERROR, what + ": the node refused the request (HTTP " + status + "): check the credentials in the URL");
    }
    if (status == 429 || (status >= 500 && !looksLikeJson(text(response)))) {
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, what + ": node busy (HTTP " + status + " " + abbreviate(text(response)) + ")");
    }
    return response;
  }

  /** The answer as a JSON tree; an answer that is not JSON is malformed. */
  private JsonNode parse(String what, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    JsonNode reply;
    try {
      reply = json.readTree(response.body());
    } catch (IOException e) {
      throw malformed(what, "HTTP " + status + ", not JSON: " + abbreviate(text(response)));
    }
    if (reply == null || reply.isMissingNode()) {
      throw malformed(what, "HTTP " + status + ", empty answer");
    }
    return reply;
  }



  /** The body as text, for messages (decoded only when one is needed: answers run to megabytes). */
  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static boolean looksLikeJson(String body) {
    String t = body.trim();
    return t.startsWith("{") || t.startsWith("[");
  }

  private static Optional<JsonNode> result(String method, JsonNode reply) {
    if (!reply.isObject()) {
      throw malformed(method, "an answer must be a JSON object");
    }
    JsonNode error = reply.get("error");
    if (error != null && !error.isNull()) {
      throw new RpcError(method, error.path("code").asInt(0), error.path("message").asText(String.valueOf(error)));
    }
    if (!reply.has("result")) {
      throw malformed(method, "answer has neither result nor error");
    }
    return Optional.of(reply.get("result"));
  }

  /** A hex quantity ("0x1b4") of an answer as a long; anything else is a malformed answer. */
  static long quantity(String what, JsonNode value) {
    String s = value.asText("");
    if (!value.isTextual() || !s.startsWith("0x") || s.length() < 3 || s.length() > 18) {
      throw malformed(what, "not a hex quantity: " + value);
    }
    try {
      long v = Long.parseUnsignedLong(s.substring(2), 16);
      if (v < 0) {
        throw malformed(what, "quantity out of range: " + s);
      }
      return v;
    } catch (NumberFormatException e) {
      throw malformed(what, "not a hex quantity: " + value);
    }
  }

  static BdsException malformed(String what, String reason) {
    return new BdsException(ErrorCode.MALFORMED_RESPONSE, what + ": malformed answer from the node: " + reason);
  }

  private static String abbreviate(String s) {
    String t = s.replaceAll("\\s+", " ").trim();
    return t.length() > 120 ? t.substring(0, 120) + "…" : t;
  }

  /** An error answer from the node, with its JSON-RPC code. */
  public static final class RpcError extends BdsException {
    private static final long serialVersionUID = 1L;
    private final int rpcCode;

    RpcError(String method, int rpcCode, String message) {
      super(ErrorCode.NODE_ERROR, method + ": node error " + rpcCode + ": " + message);
      this.rpcCode = rpcCode;
    }

    public int rpcCode() {
      return rpcCode;
    }
  }
}
