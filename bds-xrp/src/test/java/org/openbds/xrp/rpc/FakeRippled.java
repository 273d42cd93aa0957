package org.openbds.xrp.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written rippled on loopback ports, JSON-RPC ({@link #httpUrl}) and WebSocket ({@link #wsUrl}) alike. It
 * serves the ledgers a test gives it ({@link #put}: recorded {@code ledger} answers or bare ledger objects, kept
 * byte for byte) through {@code ledger}, {@code server_info} (the latest validated ledger, {@code complete_ledgers}
 * computed from what it holds) and {@code ledger_closed}; ledgers can be added while it runs, held closed but not
 * validated, or dropped (a hole in its history). Faults are injected one request at a time ({@link #fault}): an error
 * answer, a delay, garbage, an answer cut short, an unavailable server (HTTP 503; a dropped WebSocket).
 *
 * <p>It records every request and the exact {@code result} bytes of every ledger it served with transactions. Its
 * JSON-RPC listener can go away and come back on the same port ({@link #goAway}, {@link #comeBack}), as a restarted
 * server does. Published in the module's test jar for the command line's end-to-end tests.
 */
public final class FakeRippled implements AutoCloseable {
  /** How the ledger's index and hash appear in a {@code ledger} answer. */
  public enum AnswerStyle {
    /** {@code ledger_index} a number beside {@code ledger_hash}, as rippled answers. */
    NUMBER_INDEX,
    /** {@code ledger_index} a string of digits beside {@code ledger_hash}. */
    TEXT_INDEX,
    /** Neither beside the ledger: only the ledger object's own {@code ledger_index}/{@code seqNum} and {@code hash}. */
    LEDGER_OBJECT_ONLY
  }

  /** A fault for one request. */
  public sealed interface Fault {
    record Error(String token, int code, String message) implements Fault {}

    record Delay(Duration delay) implements Fault {}

    record Garbage() implements Fault {}

    record Truncated() implements Fault {}

    record Unavailable() implements Fault {}

    /** Answers {@code body} instead (for the WebSocket, {@code body} is the whole message). */
    record Replace(String body) implements Fault {}
  }

  /** A ledger the fake holds: its object as text (with transactions) and as header only. */
  private record Ledger(long index, String hash, String text, String header) {}

  private final ObjectMapper json = new ObjectMapper();
  private final NavigableMap<Long, Ledger> ledgers = new TreeMap<>(); // guarded by this
  /** Ledgers held closed but not validated; everything else it holds is validated. */
  private final java.util.Set<Long> unvalidated = new java.util.TreeSet<>(); // guarded by this
  private final Map<Long, AtomicInteger> answeredUnvalidated = new ConcurrentHashMap<>();
  private final Map<String, Queue<Fault>> faults = new ConcurrentHashMap<>();
  private final Map<Long, Queue<Fault>> ledgerFaults = new ConcurrentHashMap<>();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final Map<Long, byte[]> served = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Optional<String> authorization;
  private volatile AnswerStyle style = AnswerStyle.NUMBER_INDEX;
  private volatile long claimedTip = -1;
  private volatile CountDownLatch hold = new CountDownLatch(0);
  private volatile String heldMethod = "";
  private final Object arrivals = new Object();
  private final ExecutorService handlers = Executors.newFixedThreadPool(8);
  private final int httpPort;
  private volatile HttpServer http; // null while away
  private final FakeWebSocketServer webSocket;

  public FakeRippled() throws IOException {
    this(Optional.empty());
  }

  /** A fake that wants HTTP basic authentication with {@code user:password} when given. */
  public FakeRippled(Optional<String> credentials) throws IOException {
    authorization = credentials.map(c -> "Basic " + Base64.getEncoder().encodeToString(c.getBytes(StandardCharsets.UTF_8)));
    http = listen(0);
    httpPort = http.getAddress().getPort();
    webSocket = new FakeWebSocketServer(a -> authorization.isEmpty() || a.equals(authorization), this::handle, handlers);
  }

  private HttpServer listen(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    // more handler threads than any test's concurrency, so that too many requests at once would be seen
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
    return server;
  }

  public String httpUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  public String wsUrl() {
    return "ws://127.0.0.1:" + webSocket.port();
  }

  /** Stops the JSON-RPC listener: connections are refused until {@link #comeBack}. */
  public synchronized void goAway() {
    if (http != null) {
      http.stop(0);
      http = null;
    }
  }

  /** Listens again on the same port. */
  public synchronized void comeBack() throws IOException {
    if (http == null) {
      http = listen(httpPort);
    }
  }

  // ---- the ledgers

  /**
   * Holds a validated ledger: {@code recorded} is a bare ledger object (kept exactly as given), a {@code ledger}
   * result or a whole {@code ledger} response. Returns its index.
   */
  public long put(String recorded) {
    return put(recorded, true);
  }

  /** Holds a ledger that is closed but not validated. */
  public long putClosed(String recorded) {
    return put(recorded, false);
  }

  private synchronized long put(String recorded, boolean validated) {
    JsonNode tree = read(recorded);
    JsonNode ledger = tree.path("result").has("ledger") ? tree.path("result").path("ledger") : tree.has("ledger") ? tree.get("ledger") : tree;
    String text = ledger == tree ? recorded.trim() : ledger.toPrettyString();
    long index = Long.parseLong(ledger.has("ledger_index") ? ledger.get("ledger_index").asText() : ledger.path("seqNum").asText());
    String hash = ledger.hasNonNull("hash") ? ledger.get("hash").asText() : ledger.path("ledger_hash").asText();
    ObjectNode header = ledger.deepCopy();
    header.remove("transactions");
    ledgers.put(index, new Ledger(index, hash, text, header.toString()));
    if (validated) {
      unvalidated.remove(index);
    } else {
      unvalidated.add(index);
    }
    return index;
  }

  /** The network validated a ledger held closed. */
  public synchronized void validate(long index) {
    unvalidated.remove(index);
  }

  /** Answers a validated ledger as not validated the next {@code times} times it is asked for (validation lags). */
  public void answerNotValidated(long index, int times) {
    answeredUnvalidated.put(index, new AtomicInteger(times));
  }

  /** Forgets ledgers {@code first} through {@code last}: a hole in the server's history. */
  public synchronized void drop(long first, long last) {
    ledgers.subMap(first, true, last, true).clear();
  }

  /** A small ledger without transactions whose hash and parent hash are made up from the index. */
  public static String synthetic(long index) {
    return "{\"accepted\":true,\"close_time\":" + (700_000_000 + 4 * index) + ",\"closed\":true,\"hash\":\"" + syntheticHash(index)
        + "\",\"ledger_index\":\"" + index + "\",\"parent_hash\":\"" + syntheticHash(index - 1) + "\",\"total_coins\":\"99999999999999999\",\"transactions\":[]}";
  }

  public static String syntheticHash(long index) {
    return String.format("%032X%032X", 0xA11CEL, index);
  }

  /**
   * Makes {@code server_info} report {@code index} as the latest validated ledger even though the fake does not hold
   * the ledgers up to it (a server that restarted and is still acquiring them).
   */
  public void claimValidated(long index) {
    claimedTip = index;
  }

  public void answerStyle(AnswerStyle s) {
    style = s;
  }

  // ---- faults and what was asked

  /** The next request of {@code method} meets {@code fault}; several queue up in order. */
  public void fault(String method, Fault fault) {
    faults.computeIfAbsent(method, m -> new ConcurrentLinkedQueue<>()).add(fault);
  }

  public static Fault error(String token, String message) {
    return new Fault.Error(token, 0, message);
  }

  /** The next request for ledger {@code index} with its transactions meets {@code fault}; several queue up in order. */
  public void faultAt(long index, Fault fault) {
    ledgerFaults.computeIfAbsent(index, i -> new ConcurrentLinkedQueue<>()).add(fault);
  }

  /** The parameters of every request of {@code method}, in order of arrival. */
  public List<JsonNode> requests(String method) {
    return requests.stream().filter(r -> r.path("method").asText().equals(method)).map(r -> r.path("params")).toList();
  }

  /** Waits until {@code count} requests of {@code method} have arrived in all; false if they did not within {@code timeout}. */
  public boolean awaitRequests(String method, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (arrivals) {
      while (requests(method).size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(arrivals, left);
      }
      return true;
    }
  }

  /** The {@code result} object of the last {@code ledger} answer with transactions for {@code index}, as sent. */
  public byte[] served(long index) {
    return served.get(index);
  }

  /**
   * Holds the next {@code requests} requests of {@code method} until all of them are in flight together, or for at
   * most 5 s (less than the tests' request timeout, so that too few requests at once fail as such).
   */
  public void holdUntilInFlight(String method, int requests) {
    heldMethod = method;
    hold = new CountDownLatch(requests);
  }

  /** The most requests the fake was handling at once. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  @Override
  public void close() {
    closing.countDown();
    goAway();
    webSocket.close();
    handlers.shutdownNow();
  }

  // ---- serving

  /** An answer: an HTTP status and body; on the WebSocket, status 503 drops the connection. */
  private record Response(int status, String body) {}

  private void handle(HttpExchange exchange) throws IOException {
    Response response;
    if (authorization.isPresent() && !authorization.equals(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")))) {
      exchange.getRequestBody().readAllBytes();
      response = new Response(401, "Unauthorized");
    } else {
      JsonNode request = read(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      JsonNode params = request.path("params").path(0);
      response = respond(request.path("method").asText(), params.isObject() ? (ObjectNode) params : json.createObjectNode(), Optional.empty());
    }
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void handle(FakeWebSocketServer.Session session, String text) {
    ObjectNode request = (ObjectNode) read(text);
    ObjectNode params = request.deepCopy();
    params.remove(List.of("id", "command"));
    Response response = respond(request.path("command").asText(), params, Optional.of(request.path("id")));
    if (response.status() == 503) {
      session.drop();
    } else {
      session.send(response.body());
    }
  }

  /** The answer to one request; {@code id} is present for a WebSocket request. */
  private Response respond(String method, ObjectNode params, Optional<JsonNode> id) {
    synchronized (arrivals) {
      requests.add(json.createObjectNode().put("method", method).set("params", params));
      arrivals.notifyAll();
    }
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      if (method.equals(heldMethod)) {
        CountDownLatch held = hold;
        held.countDown();
        held.await(5, TimeUnit.SECONDS);
      }
      Fault fault = ledgerFault(method, params);
      if (fault == null) {
        Queue<Fault> queue = faults.get(method);
        fault = queue == null ? null : queue.poll();
      }
      if (fault instanceof Fault.Delay d) {
        // the request hangs, as on an overloaded server; closing the fake ends the wait
        closing.await(d.delay().toMillis(), TimeUnit.MILLISECONDS);
      }
      if (fault instanceof Fault.Unavailable) {
        return new Response(503, "Server is overloaded\r\n");
      }
      if (fault instanceof Fault.Garbage) {
        return new Response(200, "<html><body>502 Bad Gateway</body></html>");
      }
      if (fault instanceof Fault.Replace r) {
        return new Response(200, r.body());
      }
      String body = fault instanceof Fault.Error e ? error(method, params, id, e.token(), e.code(), e.message()) : answer(method, params, id);
      if (fault instanceof Fault.Truncated) {
        body = body.substring(0, body.length() / 2);
      }
      return new Response(200, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(503, "shutting down");
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** A fault queued with {@link #faultAt} for this request, if it asks for a ledger's transactions. */
  private Fault ledgerFault(String method, ObjectNode params) {
    if (!method.equals("ledger") || !params.path("transactions").asBoolean(false) || !params.path("ledger_index").canConvertToLong()) {
      return null;
    }
    Queue<Fault> queue = ledgerFaults.get(params.path("ledger_index").asLong());
    return queue == null ? null : queue.poll();
  }

  private synchronized String answer(String method, ObjectNode params, Optional<JsonNode> id) {
    return switch (method) {
      case "server_info" -> success(id, object(json.createObjectNode().set("info", info()), id.isEmpty()));
      case "ledger_closed" -> {
        if (ledgers.isEmpty()) {
          yield error(method, params, id, "noClosed", 17, "Closed ledger is unavailable.");
        }
        Ledger last = ledgers.lastEntry().getValue();
        yield success(id, object(json.createObjectNode().put("ledger_hash", last.hash()).put("ledger_index", last.index()), id.isEmpty()));
      }
      case "ledger" -> ledger(params, id);
      default -> error(method, params, id, "unknownCmd", 32, "Unknown method.");
    };
  }

  private String ledger(ObjectNode params, Optional<JsonNode> id) {
    JsonNode asked = params.path("ledger_index");
    Long index;
    if (asked.asText().equals("validated")) {
      index = validatedTip().orElse(null);
    } else if (asked.asText().equals("closed") || asked.asText().equals("current")) {
      index = ledgers.isEmpty() ? null : ledgers.lastKey();
    } else {
      index = asked.canConvertToLong() ? Long.valueOf(asked.asLong()) : asked.asText().matches("[0-9]+") ? Long.valueOf(asked.asText()) : null;
    }
    Ledger ledger = index == null ? null : ledgers.get(index);
    if (ledger == null) {
      return error("ledger", params, id, "lgrNotFound", 21, "ledgerNotFound");
    }
    boolean transactions = params.path("transactions").asBoolean(false);
    AtomicInteger lagging = answeredUnvalidated.get(ledger.index());
    boolean validated = !unvalidated.contains(ledger.index()) && (lagging == null || lagging.getAndDecrement() <= 0);
    StringBuilder r = new StringBuilder("{\"ledger\": ").append(transactions ? ledger.text() : ledger.header());
    switch (style) {
      case NUMBER_INDEX -> r.append(", \"ledger_hash\": \"").append(ledger.hash()).append("\", \"ledger_index\": ").append(ledger.index());
      case TEXT_INDEX -> r.append(", \"ledger_hash\": \"").append(ledger.hash()).append("\", \"ledger_index\": \"").append(ledger.index()).append('"');
      case LEDGER_OBJECT_ONLY -> { }
    }
    r.append(", \"validated\": ").append(validated);
    if (id.isEmpty()) {
      r.append(", \"status\": \"success\"");
    }
    String result = r.append('}').toString();
    if (transactions) {
      served.put(ledger.index(), result.getBytes(StandardCharsets.UTF_8));
    }
    return success(id, result);
  }

  private ObjectNode info() {
    ObjectNode info = json.createObjectNode().put("build_version", "2.3.0");
    StringBuilder complete = new StringBuilder();
    long first = -1;
    long previous = -1;
    for (long index : ledgers.keySet()) {
      if (unvalidated.contains(index)) {
        continue;
      }
      if (first < 0 || index != previous + 1) {
        if (first >= 0) {
          complete.append(complete.length() == 0 ? "" : ",").append(first).append('-').append(previous);
        }
        first = index;
      }
      previous = index;
    }
    if (first >= 0) {
      complete.append(complete.length() == 0 ? "" : ",").append(first).append('-').append(previous);
    }
    info.put("complete_ledgers", complete.length() == 0 ? "empty" : complete.toString());
    Optional<Long> tip = validatedTip();
    info.put("server_state", tip.isPresent() ? "full" : "connected");
    tip.ifPresent(t -> info.putObject("validated_ledger").put("seq", Math.max(t, claimedTip)).put("hash", ledgers.get(t).hash()).put("age", 2).put("base_fee_xrp", 0.00001));
    return info;
  }

  private Optional<Long> validatedTip() {
    return ledgers.descendingKeySet().stream().filter(i -> !unvalidated.contains(i)).findFirst();
  }

  /** A result object's text, with rippled's {@code status} inside it for JSON-RPC only. */
  private String object(ObjectNode result, boolean withStatus) {
    if (withStatus) {
      result.put("status", "success");
    }
    return result.toString();
  }

  private static String success(Optional<JsonNode> id, String result) {
    return id.isEmpty() ? "{\"result\": " + result + "}" : "{\"id\": " + id.get() + ", \"result\": " + result + ", \"status\": \"success\", \"type\": \"response\"}";
  }

  private String error(String method, ObjectNode params, Optional<JsonNode> id, String token, int code, String message) {
    ObjectNode e = json.createObjectNode();
    id.ifPresent(i -> e.set("id", i));
    e.put("error", token).put("error_code", code).put("error_message", message);
    ObjectNode request = params.deepCopy();
    request.put(id.isPresent() ? "command" : "method", method);
    e.set("request", request);
    e.put("status", "error");
    if (id.isPresent()) {
      return e.put("type", "response").toString();
    }
    return "{\"result\": " + e + "}";
  }

  private JsonNode read(String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + text, e);
    }
  }
}
