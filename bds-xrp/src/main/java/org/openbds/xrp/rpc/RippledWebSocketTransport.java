package org.openbds.xrp.rpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * rippled's WebSocket API over one connection: requests {@code {"id": n, "command": m, ...}} go out as they come,
 * answers are matched to them by {@code id}, messages without a known id (a stream, a late answer to a request that
 * timed out) are dropped. A connection that closes, fails or sends something that is not JSON fails every request
 * waiting on it and is replaced by a new one at the next request.
 */
final class RippledWebSocketTransport implements RippledTransport {
  private final URI endpoint;
  private final Optional<String> authorization;
  private final Duration timeout;
  private final ObjectMapper json;
  private final HttpClient http;
  private final AtomicLong ids = new AtomicLong();
  private final Object connecting = new Object();
  private Connection connection; // guarded by connecting
  private volatile boolean closed;

  RippledWebSocketTransport(URI endpoint, Optional<String> authorization, Duration timeout, ObjectMapper json) {
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    this.authorization = requireNonNull(authorization, "authorization is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.json = requireNonNull(json, "json is null");
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public RippledAnswer exchange(String method, ObjectNode params) {
    long id = ids.incrementAndGet();
    ObjectNode request = json.createObjectNode().put("id", id).put("command", method);
    request.setAll(params);
    String text;
    try {
      text = json.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Connection c = connection(method);
    CompletableFuture<RippledAnswer> answer = c.expect(id, method);
    try {
      c.send(method, text);
      return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, method + ": no answer from " + endpoint + " within " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof BdsException b ? b : new BdsException(ErrorCode.NODE_UNAVAILABLE, method + ": " + endpoint + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, method + ": interrupted", e);
    } finally {
      c.forget(id);
    }
  }

  /** The open connection, or a new one when there is none or it died. */
  private Connection connection(String method) {
    synchronized (connecting) {
      if (closed) {
        throw new BdsException(ErrorCode.NODE_UNAVAILABLE, method + ": the connection to " + endpoint + " is closed");
      }
      if (connection == null || connection.dead()) {
        connection = connect(method);
      }
      return connection;
    }
  }

  private Connection connect(String method) {
    Connection c = new Connection();
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
    authorization.ifPresent(a -> builder.header("Authorization", a));
    try {
      c.socket = builder.buildAsync(endpoint, c).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return c;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        int status = h.getResponse().statusCode();
        if (status == 401 || status == 403) {
          throw new BdsException(ErrorCode.NODE_ERROR, method + ": " + endpoint + " refused the connection (HTTP " + status + "): check the credentials in the URL", h);
        }
        throw new BdsException(ErrorCode.NODE_UNAVAILABLE, method + ": " + endpoint + " did not open a WebSocket (HTTP " + status + ")", h);
      }
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, method + ": cannot connect to " + endpoint + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, method + ": no WebSocket connection to " + endpoint + " within " + timeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, method + ": interrupted", e);
    }
  }

  @Override
  public void close() {
    synchronized (connecting) {
      closed = true;
      if (connection != null) {
        connection.fail(m -> new BdsException(ErrorCode.NODE_UNAVAILABLE, m + ": the connection to " + endpoint + " was closed"));
      }
    }
  }

  private record Pending(String method, CompletableFuture<RippledAnswer> answer) {}

  /** One WebSocket connection and the requests waiting on it. Listener calls come one at a time. */
  private final class Connection implements WebSocket.Listener {
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile Function<String, BdsException> failure;

    boolean dead() {
      return failure != null;
    }

    CompletableFuture<RippledAnswer> expect(long id, String method) {
      Pending p = new Pending(method, new CompletableFuture<>());
      pending.put(id, p);
      Function<String, BdsException> f = failure;
      if (f != null) {
        // the connection died before the request was registered: nothing would ever answer it
        p.answer().completeExceptionally(f.apply(method));
      }
      return p.answer();
    }

    void forget(long id) {
      pending.remove(id);
    }

    /** Sends one message; the JDK's WebSocket takes one at a time. */
    synchronized void send(String method, String text) throws InterruptedException, TimeoutException {
      try {
        socket.sendText(text, true).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        BdsException failed = new BdsException(ErrorCode.NODE_UNAVAILABLE, method + ": sending to " + endpoint + " failed: " + e.getCause(), e.getCause());
        fail(m -> new BdsException(ErrorCode.NODE_UNAVAILABLE, m + ": the connection to " + endpoint + " failed: " + e.getCause()));
        throw failed;
      }
    }

    /** Marks the connection dead, fails every waiting request with {@code error} and drops the socket. */
    void fail(Function<String, BdsException> error) {
      if (failure == null) {
        failure = error;
      }
      for (Pending p : pending.values()) {
        p.answer().completeExceptionally(error.apply(p.method()));
      }
      WebSocket s = socket;
      if (s != null) {
        s.abort();
      }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      socket = webSocket;
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String message = partial.toString();
        partial.setLength(0);
        deliver(message.getBytes(StandardCharsets.UTF_8));
      }
      webSocket.request(1);
      return null;
    }

    private void deliver(byte[] message) {
      RippledAnswer answer;
      try {
        answer = RippledAnswer.read(json, message);
      } catch (IOException e) {
        // which request it answers cannot be known: the connection cannot be trusted with any of them
        String reason = "not JSON (" + (e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ").replaceAll(" at \\[Source.*", "")) + "): " + RippledTransport.excerpt(message);
        fail(m -> RippledTransport.malformed(m, "a message on the WebSocket is " + reason));
        return;
      }
      JsonNode id = answer.envelope().get("id");
      Pending p = id != null && id.canConvertToLong() ? pending.remove(id.asLong()) : null;
      if (p != null) {
        p.answer().complete(answer);
      }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
      fail(m -> RippledTransport.malformed(m, "a binary message on the WebSocket, rippled sends text"));
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      fail(m -> new BdsException(ErrorCode.NODE_UNAVAILABLE, m + ": " + endpoint + " closed the connection (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")"));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      fail(m -> new BdsException(ErrorCode.NODE_UNAVAILABLE, m + ": the connection to " + endpoint + " failed: " + error));
    }
  }
}
