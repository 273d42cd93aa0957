package org.openbds.xrp.rpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/**
 * A client for rippled (or Clio) over JSON-RPC ({@code http(s)://host:port}, by default 5005 for admin, 51234 public)
 * or its WebSocket API ({@code ws(s)://host:port}, by default 6006), with at most {@code concurrency} requests in
 * flight and each bounded by a timeout. Every failure is typed: an unreachable, overloaded or timed-out server, or one
 * that answers {@code tooBusy} and the like, is retryable ({@link ErrorCode#NODE_UNAVAILABLE} or
 * {@link ErrorCode#NODE_LAGGING}); any other error answer is a {@link RippledError} ({@link ErrorCode#NODE_ERROR}); an
 * answer that is not JSON or not shaped as rippled's is {@link ErrorCode#MALFORMED_RESPONSE}, naming the method. The
 * client does not retry: its caller does, as its {@link org.openbds.api.RetryPolicy} says.
 *
 * <p>Requests use API version 1; answers of version 2 are read as well. Thread-safe.
 */
public final class RippledClient implements AutoCloseable {
  private final String endpoint;
  private final RippledTransport transport;
  private final Semaphore permits;
  private final ObjectMapper json;

  RippledClient(String endpoint, RippledTransport transport, int concurrency, ObjectMapper json) {
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    this.transport = requireNonNull(transport, "transport is null");
    this.json = requireNonNull(json, "json is null");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    this.permits = new Semaphore(concurrency, true);
  }

  /**
   * A client for {@code http(s)://[user:password@]host:port[/path]} or {@code ws(s)://…}; the credentials, if any, go
   * with every request as HTTP basic authentication. Anything else is an {@link ErrorCode#INVALID_ARGUMENT}.
   */
  public static RippledClient fromUrl(String url, Duration timeout, int concurrency) {
    requireNonNull(url, "url is null");
    requireNonNull(timeout, "timeout is null");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw badUrl(url);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    boolean web = scheme.equals("http") || scheme.equals("https");
    boolean socket = scheme.equals("ws") || scheme.equals("wss");
    if (!(web || socket) || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw badUrl(url);
    }
    Optional<String> authorization = Optional.empty();
    if (uri.getRawUserInfo() != null) {
      String credentials = java.net.URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
      authorization = Optional.of("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    URI endpoint = URI.create(scheme + "://" + uri.getRawAuthority().substring(uri.getRawAuthority().indexOf('@') + 1) + path);
    ObjectMapper json = new ObjectMapper();
    RippledTransport transport =
        web ? new RippledHttpTransport(endpoint, authorization, timeout, json) : new RippledWebSocketTransport(endpoint, authorization, timeout, json);
    return new RippledClient(endpoint.toString(), transport, concurrency, json);
  }

  private static BdsException badUrl(String url) {
    return new BdsException(
        ErrorCode.INVALID_ARGUMENT, "a rippled URL looks like http://127.0.0.1:5005, https://host:51234 or ws://127.0.0.1:6006, got " + url.replaceAll("//[^/@]*@", "//…@"));
  }

  /** The server's address without credentials. */
  public String endpoint() {
    return endpoint;
  }

  /** A successful answer: its {@code result} object and the exact bytes it came in. */
  public record Result(JsonNode result, byte[] bytes) {}

  /** One request: {@code params} are the fields of rippled's request object. */
  public Result call(String method, ObjectNode params) {
    requireNonNull(method, "method is null");
    requireNonNull(params, "params is null");
    RippledAnswer answer;
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, method + ": interrupted while waiting for a free connection to " + endpoint, e);
    }
    try {
      answer = transport.exchange(method, params);
    } finally {
      permits.release();
    }
    // JSON-RPC puts an error inside result, the WebSocket API beside it
    JsonNode result = answer.result();
    JsonNode envelope = answer.envelope();
    if (envelope.hasNonNull("error")) {
      throw RippledError.of(method, envelope);
    }
    if (result.isObject() && result.hasNonNull("error")) {
      throw RippledError.of(method, result);
    }
    if (!result.isObject() || answer.resultBytes().length == 0) {
      throw RippledTransport.malformed(method, "no result object in " + RippledTransport.excerpt(json.valueToTree(envelope).toString().getBytes(StandardCharsets.UTF_8)));
    }
    String status = result.has("status") ? result.path("status").asText() : envelope.path("status").asText("success");
    if (!status.equals("success")) {
      throw RippledTransport.malformed(method, "status " + status + " without an error");
    }
    return new Result(result, answer.resultBytes());
  }

  public Result call(String method) {
    return call(method, json.createObjectNode());
  }

  /** {@code server_info}: the latest validated ledger and the ledgers the server holds. */
  public RippledServerInfo serverInfo() {
    JsonNode info = call("server_info").result().path("info");
    if (!info.isObject()) {
      throw RippledTransport.malformed("server_info", "no info object");
    }
    JsonNode seq = info.path("validated_ledger").path("seq");
    OptionalLong validated = seq.isMissingNode() || seq.isNull() ? OptionalLong.empty() : OptionalLong.of(index("server_info", "validated_ledger.seq", seq));
    JsonNode complete = info.path("complete_ledgers");
    if (!complete.isTextual()) {
      throw RippledTransport.malformed("server_info", "complete_ledgers is not text: " + complete);
    }
    CompleteLedgers ledgers;
    try {
      ledgers = CompleteLedgers.parse(complete.asText());
    } catch (BdsException e) {
      throw RippledTransport.malformed("server_info", e.getMessage());
    }
    return new RippledServerInfo(validated, ledgers, info.path("server_state").asText(""));
  }

  /**
   * {@code ledger} at {@code index}: with {@code transactions} every transaction expanded with its metadata (JSON, not
   * binary), else the header alone. Empty when the server does not have that ledger ({@code lgrNotFound}); a ledger
   * it has but the network has not validated comes with {@link RippledLedger#validated()} false.
   */
  public Optional<RippledLedger> ledger(long index, boolean transactions) {
    if (index < 1) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "ledger indexes start at 1, got " + index);
    }
    ObjectNode params = json.createObjectNode().put("ledger_index", index).put("api_version", 1);
    if (transactions) {
      params.put("transactions", true).put("expand", true).put("binary", false);
    }
    Result r;
    try {
      r = call("ledger", params);
    } catch (RippledError e) {
      if (e.ledgerNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
    String what = "ledger " + index;
    JsonNode result = r.result();
    JsonNode header = result.path("ledger");
    if (!header.isObject()) {
      throw RippledTransport.malformed(what, "no ledger object in the answer");
    }
    JsonNode indexNode = result.has("ledger_index") ? result.get("ledger_index") : header.has("ledger_index") ? header.get("ledger_index") : header.path("seqNum");
    long answered = index(what, "ledger_index", indexNode);
    if (answered != index) {
      throw RippledTransport.malformed(what, "the answer is ledger " + answered);
    }
    JsonNode hash = result.hasNonNull("ledger_hash") ? result.get("ledger_hash") : header.hasNonNull("hash") ? header.get("hash") : header.path("ledger_hash");
    return Optional.of(
        new RippledLedger(index, hash(what, "ledger_hash", hash), hash(what, "parent_hash", header.path("parent_hash")), result.path("validated").asBoolean(false), r.bytes()));
  }

  /** A ledger index, which rippled writes as a number or as a string of digits. */
  static long index(String what, String field, JsonNode value) {
    if (value.canConvertToLong() && value.isIntegralNumber() && value.asLong() >= 0) {
      return value.asLong();
    }
    if (value.isTextual() && value.asText().matches("[0-9]{1,18}")) {
      return Long.parseLong(value.asText());
    }
    throw RippledTransport.malformed(what, field + " is not a ledger index: " + value);
  }

  private static Hash32 hash(String what, String field, JsonNode value) {
    String s = value.asText("");
    if (!value.isTextual() || !s.matches("[0-9a-fA-F]{64}")) {
      throw RippledTransport.malformed(what, field + " is not a 64-digit hex hash: " + value);
    }
    return Hash32.parse(s);
  }

  @Override
  public void close() {
    transport.close();
  }
}
