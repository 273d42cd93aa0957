package org.openbds.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A JSON-RPC proxy on a loopback port in front of a node, with faults the test switches on and off: methods the
 * "node" lacks (answered with JSON-RPC error -32601, alone or inside a batch, while the rest of the batch is
 * forwarded), a block whose answer is spoiled (garbage or truncated JSON, HTTP 200), and an outage that starts at
 * the n-th request carrying a method (HTTP 503 answers, or no listener at all: connections are refused). It counts
 * the calls it forwarded and the ones it answered itself. Thread-safe; {@link #close()} stops it.
 */
final class FaultyRpcProxy implements AutoCloseable {
  /** How a spoiled answer looks. */
  enum Spoil {
    /** An HTML error page with HTTP 200, as a misconfigured gateway sends. */
    GARBAGE,
    /** The first half of the node's answer. */
    TRUNCATED
  }

  /** How the node is away during an outage. */
  enum Outage {
    /** Every request is answered HTTP 503. */
    BUSY,
    /** The proxy stops listening: the request that starts it is dropped, the next ones are refused. */
    REFUSED
  }

  private record SpoiledBlock(String height, Spoil spoil) {}

  private record Answer(int statusCode, String body) {}

  private record PlannedOutage(String method, long request, Duration length, Outage kind) {}

  private final URI upstream;
  private final int port;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ExecutorService handlers = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final Set<String> missing = ConcurrentHashMap.newKeySet();
  private final Map<String, LongAdder> forwarded = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> answeredMissing = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> requestsCarrying = new ConcurrentHashMap<>();
  private final LongAdder busyAnswers = new LongAdder();
  private final LongAdder spoiledAnswers = new LongAdder();
  private final AtomicReference<Optional<SpoiledBlock>> spoiled = new AtomicReference<>(Optional.empty());
  private final AtomicReference<Optional<PlannedOutage>> outage = new AtomicReference<>(Optional.empty());
  /** The end of an outage that refuses connections, while one is under way. */
  private final AtomicReference<Future<?>> backOnline = new AtomicReference<>(CompletableFuture.completedFuture(null));
  private volatile long busyUntilNanos = Long.MIN_VALUE;
  /**
   * The end of an outage that refuses connections: a request the listener still takes before it has stopped is dropped
   * all the same, so that the node is away from the request that starts the outage on.
   */
  private volatile long awayUntilNanos = Long.MIN_VALUE;
  private HttpServer server;

  private FaultyRpcProxy(URI upstream) {
    this.upstream = upstream;
    this.server = listen(0);
    this.port = server.getAddress().getPort();
  }

  /** A proxy forwarding to the node at {@code url} ({@code http://host:port}), without faults. */
  static FaultyRpcProxy start(String url) {
    return new FaultyRpcProxy(URI.create(requireNonNull(url, "url is null") + "/"));
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** From now on, calls of these methods are answered "method not found" (-32601). */
  FaultyRpcProxy withoutMethods(String... methods) {
    missing.addAll(List.of(methods));
    return this;
  }

  /** From now on, every answer to a request that asks for {@code eth_getBlockByNumber} at {@code height} is spoiled. */
  FaultyRpcProxy spoilBlock(long height, Spoil spoil) {
    spoiled.set(Optional.of(new SpoiledBlock("0x" + Long.toHexString(height), requireNonNull(spoil, "spoil is null"))));
    return this;
  }

  /** The node goes away for {@code length} at the {@code request}-th request (1 = the next) that carries {@code method}. */
  FaultyRpcProxy outageAt(String method, long request, Duration length, Outage kind) {
    requestsCarrying.remove(method);
    outage.set(Optional.of(new PlannedOutage(method, request, length, kind)));
    return this;
  }

  /** Clears every fault: all methods are there again, no answer is spoiled, no outage is planned. */
  void heal() {
    missing.clear();
    spoiled.set(Optional.empty());
    outage.set(Optional.empty());
  }

  /** Calls of {@code method} forwarded to the node (alone or inside batches). */
  long forwarded(String method) {
    LongAdder n = forwarded.get(method);
    return n == null ? 0 : n.sum();
  }

  /** Calls of {@code method} the proxy answered "method not found". */
  long answeredMissing(String method) {
    LongAdder n = answeredMissing.get(method);
    return n == null ? 0 : n.sum();
  }

  /** Requests answered HTTP 503 during outages. */
  long busyAnswers() {
    return busyAnswers.sum();
  }

  /** Answers spoiled so far. */
  long spoiledAnswers() {
    return spoiledAnswers.sum();
  }

  @Override
  public synchronized void close() {
    // the timer first: an outage's end must not bring the listener back after this
    backOnline.get().cancel(false);
    timer.shutdownNow();
    server.stop(0);
    handlers.shutdownNow();
  }

  private HttpServer listen(int onPort) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
      s.setExecutor(handlers);
      s.createContext("/", this::handle);
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback port " + onPort, e);
    }
  }

  private synchronized void stopListening() {
    server.stop(0);
  }

  private synchronized void listenAgain() {
    server = listen(port);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      JsonNode request = json.readTree(body);
      List<JsonNode> calls = new ArrayList<>();
      if (request.isArray()) {
        request.forEach(calls::add);
      } else {
        calls.add(request);
      }
      if (startsOutage(calls) || System.nanoTime() < awayUntilNanos) {
        return; // the connection is dropped without an answer
      }
      if (System.nanoTime() < busyUntilNanos) {
        busyAnswers.increment();
        send(exchange, 503, "Service Unavailable");
        return;
      }
      Answer answer = request.isArray() ? batch(calls) : single(calls.get(0));
      Optional<SpoiledBlock> spoil = spoiled.get();
      if (spoil.isPresent() && calls.stream().anyMatch(c -> asksForBlock(c, spoil.get().height()))) {
        spoiledAnswers.increment();
        String text = answer.body();
        String garbage = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        send(exchange, 200, spoil.get().spoil() == Spoil.GARBAGE ? garbage : text.substring(0, text.length() / 2));
        return;
      }
      send(exchange, answer.statusCode(), answer.body());
    }
  }

  /** Whether this request starts the planned outage and is to be dropped. */
  private boolean startsOutage(List<JsonNode> calls) {
    Optional<PlannedOutage> planned = outage.get();
    if (planned.isEmpty() || calls.stream().noneMatch(c -> c.path("method").asText().equals(planned.get().method()))) {
      return false;
    }
    long n = requestsCarrying.computeIfAbsent(planned.get().method(), m -> new AtomicLong()).incrementAndGet();
    if (n != planned.get().request() || !outage.compareAndSet(planned, Optional.empty())) {
      return false;
    }
    Duration length = planned.get().length();
    if (planned.get().kind() == Outage.BUSY) {
      busyUntilNanos = System.nanoTime() + length.toNanos();
      return false;
    }
    awayUntilNanos = System.nanoTime() + length.toNanos();
    timer.execute(this::stopListening);
    backOnline.set(timer.schedule(this::listenAgain, length.toMillis(), TimeUnit.MILLISECONDS));
    return true;
  }

  private static boolean asksForBlock(JsonNode call, String height) {
    return call.path("method").asText().equals("eth_getBlockByNumber") && call.path("params").path(0).asText().equals(height);
  }

  private Answer single(JsonNode call) throws IOException {
    String method = call.path("method").asText();
    if (missing.contains(method)) {
      answeredMissing.computeIfAbsent(method, m -> new LongAdder()).increment();
      return local(json.writeValueAsString(methodNotFound(call)));
    }
    forwarded.computeIfAbsent(method, m -> new LongAdder()).increment();
    return forward(json.writeValueAsString(call));
  }

  /** Answers the missing methods of a batch itself and forwards the rest as one batch; the answers in request order. */
  private Answer batch(List<JsonNode> calls) throws IOException {
    ArrayNode toNode = json.createArrayNode();
    Map<String, JsonNode> answers = new HashMap<>();
    for (JsonNode call : calls) {
      String method = call.path("method").asText();
      if (missing.contains(method)) {
        answeredMissing.computeIfAbsent(method, m -> new LongAdder()).increment();
        answers.put(call.path("id").toString(), methodNotFound(call));
      } else {
        forwarded.computeIfAbsent(method, m -> new LongAdder()).increment();
        toNode.add(call);
      }
    }
    if (!toNode.isEmpty()) {
      Answer fromNode = forward(json.writeValueAsString(toNode));
      JsonNode parsed = json.readTree(fromNode.body());
      if (fromNode.statusCode() != 200 || !parsed.isArray()) {
        return fromNode;
      }
      parsed.forEach(a -> answers.put(a.path("id").toString(), a));
    }
    ArrayNode out = json.createArrayNode();
    for (JsonNode call : calls) {
      out.add(answers.get(call.path("id").toString()));
    }
    return local(json.writeValueAsString(out));
  }

  private ObjectNode methodNotFound(JsonNode call) {
    ObjectNode error = json.createObjectNode();
    error.put("code", -32601);
    error.put("message", "the method " + call.path("method").asText() + " does not exist/is not available");
    ObjectNode answer = json.createObjectNode();
    answer.put("jsonrpc", "2.0");
    answer.set("id", call.path("id"));
    answer.set("error", error);
    return answer;
  }

  private Answer forward(String body) throws IOException {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(upstream).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding", e);
    }
  }

  private static Answer local(String body) {
    return new Answer(200, body);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "text/plain");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
