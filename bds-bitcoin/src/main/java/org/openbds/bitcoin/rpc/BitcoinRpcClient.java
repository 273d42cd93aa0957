package org.openbds.bitcoin.rpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/**
 * JSON-RPC client for Bitcoin-Core-compatible nodes (bitcoind, litecoind, dogecoind, BCH and BSV nodes). Blocks are
 * fetched raw ({@code getblock <hash> 0}) and decoded by our codec, never through the node's float amounts. Every
 * failure is typed: an unreachable or busy node is {@link ErrorCode#NODE_UNAVAILABLE} and a node still loading is
 * {@link ErrorCode#NODE_LAGGING} (both retryable); a wrong password or another error answer is
 * {@link ErrorCode#NODE_ERROR}; an answer that is not valid JSON-RPC is {@link ErrorCode#MALFORMED_RESPONSE}.
 * Decimal numbers in answers (coin amounts) are read as exact {@link java.math.BigDecimal}s, never as doubles, and
 * {@link java.math.BigDecimal} parameters are written in plain notation. Thread-safe.
 */
public final class BitcoinRpcClient {
  /** Bitcoin Core's "block height out of range": the height is not there yet. */
  static final int RPC_INVALID_PARAMETER = -8;
  /** "Loading block index", "Verifying blocks"…: the node is starting. */
  static final int RPC_IN_WARMUP = -28;

  private final URI endpoint;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient http;
  /** Whether connections are kept open between calls (through {@link #http}) or opened and closed for each call. */
  private final boolean keepAlive;
  private final ObjectMapper json =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  public BitcoinRpcClient(URI endpoint, String user, String password, Duration timeout) {
    this(
        endpoint,
        "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
        timeout,
        // nodes speak HTTP/1.1; an HTTP/2 upgrade attempt only costs round trips
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build(),
        true);
  }

  private BitcoinRpcClient(URI endpoint, String authorization, Duration timeout, HttpClient http, boolean keepAlive) {
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    this.authorization = requireNonNull(authorization, "authorization is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.http = requireNonNull(http, "http is null");
    this.keepAlive = keepAlive;
  }

  /**
   * A client for {@code http://user:password@host:port}; without credentials in the URL the node's cookie file
   * ({@code __cookie__}, holding {@code user:password}) is read.
   */
  public static BitcoinRpcClient fromUrl(String url, Optional<Path> cookieFile, Duration timeout) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "not a node URL: " + url);
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a node URL looks like http://user:password@127.0.0.1:9332, got " + url);
    }
    String credentials = uri.getRawUserInfo();
    if (credentials == null) {
      Path cookie = cookieFile.orElseThrow(
          () -> new BdsException(ErrorCode.INVALID_ARGUMENT, "give user:password in the node URL or a cookie file"));
      try {
        credentials = Files.readString(cookie).trim();
      } catch (IOException e) {
        throw new BdsException(ErrorCode.INVALID_CONFIG, "cannot read the node's cookie file " + cookie + ": " + e.getMessage(), e);
      }
    } else {
      credentials = java.net.URLDecoder.decode(credentials, StandardCharsets.UTF_8);
    }
    int colon = credentials.indexOf(':');
    if (colon < 0) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "node credentials must be user:password");
    }
    URI endpoint = URI.create("http://" + uri.getHost() + ":" + uri.getPort() + "/");
    return new BitcoinRpcClient(endpoint, credentials.substring(0, colon), credentials.substring(colon + 1), timeout);
  }

  /**
   * A client for the wallet {@code name} of the same node: its calls go to the endpoint {@code /wallet/<name>}, which a
   * node with several wallets loaded needs to know which one a wallet call is for. Same credentials, timeout and
   * connection handling as this client.
   */
  public BitcoinRpcClient forWallet(String name) {
    requireNonNull(name, "name is null");
    URI walletEndpoint;
    try {
      walletEndpoint = new URI("http", null, endpoint.getHost(), endpoint.getPort(), "/wallet/" + name, null, null);
    } catch (URISyntaxException e) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "not a usable wallet name: " + name, e);
    }
    return new BitcoinRpcClient(walletEndpoint, authorization, timeout, http, keepAlive);
  }

  /**
   * A client for the same endpoint that opens a new connection for each call and asks the node to close it after the
   * answer. A node that is told to stop first waits for every idle keep-alive connection to time out (30 s by
   * default), so a client that outlives the node it talks to, or that stops it, should not hold one.
   */
  public BitcoinRpcClient withoutKeepAlive() {
    return new BitcoinRpcClient(endpoint, authorization, timeout, http, false);
  }

  public long blockCount() {
    JsonNode r = call("getblockcount");
    if (!r.canConvertToLong()) {
      throw malformed("getblockcount", "not a number: " + r);
    }
    return r.asLong();
  }

  /** The hash of the block at {@code height}, or empty when the node does not have that height (yet). */
  public Optional<Hash32> blockHash(long height) {
    try {
      return Optional.of(hash("getblockhash", call("getblockhash", height)));
    } catch (RpcError e) {
      if (e.rpcCode == RPC_INVALID_PARAMETER) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The hashes of the blocks at {@code from}, {@code from + 1}, … ({@code count} of them) in one batch; the list ends
   * early at the first height the node does not have.
   */
  public List<Hash32> blockHashes(long from, int count) {
    ArrayNode requests = json.createArrayNode();
    for (int i = 0; i < count; i++) {
      requests.add(request(i, "getblockhash", new Object[] {from + i}));
    }
    String what = count + " × getblockhash from " + from;
    JsonNode reply = send(what, requests);
    if (!reply.isArray() || reply.size() != count) {
      throw malformed(what, "a batch answer must be an array of " + count + " answers");
    }
    JsonNode[] byId = new JsonNode[count];
    for (JsonNode r : reply) {
      JsonNode id = r.get("id");
      if (id == null || !id.canConvertToInt() || id.asInt() < 0 || id.asInt() >= count || byId[id.asInt()] != null) {
        throw malformed(what, "answer with a missing, unknown or repeated id");
      }
      byId[id.asInt()] = r;
    }
    List<Hash32> hashes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      try {
        hashes.add(hash("getblockhash", result("getblockhash", byId[i])));
      } catch (RpcError e) {
        if (e.rpcCode == RPC_INVALID_PARAMETER) {
          break;
        }
        throw e;
      }
    }
    return hashes;
  }

  /** The node's address without credentials. */
  public URI endpoint() {
    return endpoint;
  }

  /** The serialized blocks with these hashes, fetched in one batch, in the same order. */
  public List<byte[]> rawBlocks(List<Hash32> hashes) {
    ArrayNode requests = json.createArrayNode();
    for (int i = 0; i < hashes.size(); i++) {
      requests.add(request(i, "getblock", new Object[] {hashes.get(i).toHex(), 0}));
    }
    String what = hashes.size() + " × getblock from " + (hashes.isEmpty() ? "-" : hashes.get(0));
    HttpAnswer response = exchange(what, requests);
    RawBlockAnswers.Parsed parsed;
    try {
      parsed = RawBlockAnswers.parse(json, response.body(), hashes.size(), what);
    } catch (JsonProcessingException e) {
      throw notJson(what, response);
    } catch (IOException e) {
      throw malformed(what, e.getMessage());
    }
    List<byte[]> blocks = new ArrayList<>(hashes.size());
    for (int i = 0; i < hashes.size(); i++) {
      if (parsed.errors()[i] != null) {
        result("getblock " + hashes.get(i), parsed.errors()[i]);
      }
      blocks.add(parsed.blocks()[i]);
    }
    return blocks;
  }

  /** One call; the result, or a typed failure. */
  public JsonNode call(String method, Object... params) {
    ObjectNode request = request(1, method, params);
    JsonNode reply = send(method, request);
    return result(method, reply);
  }

  private List<JsonNode> batch(List<Object[]> calls) {
    ArrayNode requests = json.createArrayNode();
    for (int i = 0; i < calls.size(); i++) {
      Object[] c = calls.get(i);
      Object[] params = java.util.Arrays.copyOfRange(c, 1, c.length);
      requests.add(request(i, (String) c[0], params));
    }
    String what = calls.size() + " × " + (calls.isEmpty() ? "" : calls.get(0)[0]);
    JsonNode reply = send(what, requests);
    if (!reply.isArray() || reply.size() != calls.size()) {
      throw malformed(what, "a batch answer must be an array of " + calls.size() + " answers");
    }
    JsonNode[] byId = new JsonNode[calls.size()];
    for (JsonNode r : reply) {
      JsonNode id = r.get("id");
      if (id == null || !id.canConvertToInt() || id.asInt() < 0 || id.asInt() >= calls.size() || byId[id.asInt()] != null) {
        throw malformed(what, "answer with a missing, unknown or repeated id");
      }
      byId[id.asInt()] = r;
    }
    List<JsonNode> results = new ArrayList<>();
    for (int i = 0; i < byId.length; i++) {
      results.add(result((String) calls.get(i)[0], byId[i]));
    }
    return results;
  }

  private ObjectNode request(int id, String method, Object[] params) {
    ObjectNode r = json.createObjectNode();
    r.put("jsonrpc", "1.0");
    r.put("id", id);
    r.put("method", method);
    r.set("params", json.valueToTree(params));
    return r;
  }

  private JsonNode send(String what, JsonNode body) {
    HttpAnswer response = exchange(what, body);
    JsonNode reply;
    try {
      reply = json.readTree(response.body());
    } catch (IOException e) {
      throw notJson(what, response);
    }
    if (reply == null || reply.isMissingNode()) {
      throw malformed(what, "HTTP " + response.statusCode() + ", empty answer");
    }
    return reply;
  }

  /** Posts a request; the answer unless the node refused the credentials or is busy. */
  private HttpAnswer exchange(String what, JsonNode body) {
    String text;
    try {
      text = json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    HttpAnswer response;
    try {
      response = keepAlive ? postKeepingAlive(text) : postOnce(text);
    } catch (HttpTimeoutException | SocketTimeoutException e) {
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
      throw new BdsException(ErrorCode.NODE_ERROR, what + ": the node refused the credentials (HTTP " + status + "): check user and password");
    }
    if (status == 503 || status >= 500 && response.text().isBlank()) {
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, what + ": node busy (HTTP " + status + " " + abbreviate(response.text()) + ")");
    }
    return response;
  }

  private static BdsException notJson(String what, HttpAnswer response) {
    if (response.statusCode() >= 500) {
      // a server error page from the node or a proxy in front of it: the node may be restarting
      return new BdsException(ErrorCode.NODE_UNAVAILABLE, what + ": HTTP " + response.statusCode() + " " + abbreviate(response.text()));
    }
    return malformed(what, "HTTP " + response.statusCode() + ", not JSON: " + abbreviate(response.text()));
  }

  private HttpAnswer postKeepingAlive(String text) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(text))
            .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    return new HttpAnswer(response.statusCode(), response.body());
  }

  /**
   * One request on its own connection. {@link HttpClient} refuses a {@code Connection} header, while
   * {@link HttpURLConnection} accepts {@code Connection: close}, which makes both sides drop the connection after the
   * answer.
   */
  private HttpAnswer postOnce(String text) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection(Proxy.NO_PROXY);
    try {
      int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
      connection.setConnectTimeout(millis);
      connection.setReadTimeout(millis);
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setUseCaches(false);
      connection.setRequestProperty("Connection", "close");
      connection.setRequestProperty("Authorization", authorization);
      connection.setRequestProperty("Content-Type", "application/json");
      try (OutputStream out = connection.getOutputStream()) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      int status = connection.getResponseCode();
      try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        return new HttpAnswer(status, in == null ? new byte[0] : in.readAllBytes());
      }
    } finally {
      connection.disconnect();
    }
  }

  private record HttpAnswer(int statusCode, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private JsonNode result(String method, JsonNode reply) {
    if (!reply.isObject()) {
      throw malformed(method, "an answer must be a JSON object");
    }
    JsonNode error = reply.get("error");
    if (error != null && !error.isNull()) {
      int code = error.path("code").asInt(0);
      String message = error.path("message").asText("");
      if (code == RPC_IN_WARMUP) {
        throw new BdsException(ErrorCode.NODE_LAGGING, method + ": node is starting: " + message);
      }
      throw new RpcError(method, code, message);
    }
    if (!reply.has("result")) {
      throw malformed(method, "answer has neither result nor error");
    }
    return reply.get("result");
  }

  private static Hash32 hash(String method, JsonNode r) {
    try {
      return Hash32.parse(r.asText(null));
    } catch (BdsException e) {
      throw malformed(method, "not a block hash: " + r);
    }
  }

  private static BdsException malformed(String what, String reason) {
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

  /**
   * Calls {@code method} once per parameter list, all in one JSON-RPC batch, and returns the results in the same order.
   * An error answer to any of the calls fails the whole batch, typed as {@link #call} types it.
   */
  public List<JsonNode> callBatch(String method, List<List<Object>> params) {
    requireNonNull(method, "method is null");
    if (params.isEmpty()) {
      return List.of();
    }
    List<Object[]> calls = new ArrayList<>(params.size());
    for (List<Object> p : params) {
      Object[] c = new Object[p.size() + 1];
      c[0] = method;
      for (int i = 0; i < p.size(); i++) {
        c[i + 1] = p.get(i);
      }
      calls.add(c);
    }
    return batch(calls);
  }
}
