package org.openbds.xrp.rpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.NodeHttp;

/** rippled's JSON-RPC: one POST of {@code {"method": m, "params": [{...}]}} per request. */
final class RippledHttpTransport implements RippledTransport {
  private final URI endpoint;
  private final Optional<String> authorization;
  private final Duration timeout;
  private final HttpClient http;
  private final ObjectMapper json;

  RippledHttpTransport(URI endpoint, Optional<String> authorization, Duration timeout, ObjectMapper json) {
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    this.authorization = requireNonNull(authorization, "authorization is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.json = requireNonNull(json, "json is null");
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
  }

  @Override
  public RippledAnswer exchange(String method, ObjectNode params) {
    ObjectNode request = json.createObjectNode().put("method", method);
    request.putArray("params").add(params);
    byte[] text;
    try {
      text = json.writeValueAsBytes(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest.Builder r =
        HttpRequest.newBuilder(endpoint).timeout(timeout).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(text));
    authorization.ifPresent(a -> r.header("Authorization", a));
    HttpResponse<byte[]> response = send(method, r.build());
    int status = response.statusCode();
    byte[] body = response.body();
    if (status == 401 || status == 403) {
      throw new BdsException(ErrorCode.NODE_ERROR, method + ": " + endpoint + " refused the request (HTTP " + status + "): check the credentials in the URL and the server's admin settings");
    }
    if (status == 429 || status >= 500) {
      // rippled answers 503 "Server is overloaded" when its job queue is full
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, method + ": " + endpoint + " is busy or failing (HTTP " + status + " " + RippledTransport.excerpt(body) + ")");
    }
    if (status != 200) {
      throw new BdsException(ErrorCode.NODE_ERROR, method + ": " + endpoint + " answered HTTP " + status + ": " + RippledTransport.excerpt(body));
    }
    return RippledTransport.read(json, method, body, "");
  }

  /** Sends the request (see {@link NodeHttp#send}), with its failures as typed errors. */
  private HttpResponse<byte[]> send(String method, HttpRequest request) {
    try {
      return NodeHttp.send(http, request);
    } catch (HttpTimeoutException e) {
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, method + ": no answer from " + endpoint + " within " + timeout.toMillis() + " ms", e);
    } catch (ConnectException e) {
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, method + ": cannot connect to " + endpoint, e);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, method + ": " + endpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, method + ": interrupted", e);
    }
  }

  @Override
  public void close() {
    // HttpClient has no close in Java 17: its connections go with it
  }
}
