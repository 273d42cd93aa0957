package org.openbds.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/** Sending a request to a node over HTTP, as every family's RPC client does. */
public final class NodeHttp {
  private NodeHttp() {}

  /**
   * Sends {@code request}; once more at once when a kept-alive connection turns out to have been closed by the node
   * meanwhile (the answer then has no bytes at all), since the request never reached it. Timeouts, refused
   * connections and every other failure reach the caller, which decides whether to retry.
   */
  public static HttpResponse<byte[]> send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException | ConnectException e) {
      throw e;
    } catch (IOException e) {
      if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
        throw e;
      }
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
  }
}
