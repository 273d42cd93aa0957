package org.openbds.api;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach a chain's node over its RPC interface.
 *
 * @param url the node's RPC URL, with {@code user:password@} when the node uses password authentication
 * @param cookieFile the node's cookie file, read when the URL carries no credentials
 * @param timeout how long one request may take
 * @param concurrency how many requests may be in flight at once (at least 1)
 * @param retry what to do when the node is unreachable, busy or still starting
 * @param options settings only one chain family knows (e.g. which trace API an Ethereum node has); a family rejects
 *     keys it does not know
 */
public record NodeSettings(String url, Optional<Path> cookieFile, Duration timeout, int concurrency, RetryPolicy retry, Map<String, String> options) {
  public NodeSettings {
    options = Map.copyOf(options);
    requireNonNull(url, "url is null");
    requireNonNull(cookieFile, "cookieFile is null");
    requireNonNull(timeout, "timeout is null");
    requireNonNull(retry, "retry is null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "node timeout must be positive, got " + timeout);
    }
    if (concurrency < 1 || concurrency > 64) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "node concurrency must be 1..64, got " + concurrency);
    }
  }

  public NodeSettings(String url, Optional<Path> cookieFile, Duration timeout, int concurrency, RetryPolicy retry) {
    this(url, cookieFile, timeout, concurrency, retry, Map.of());
  }

  /** Defaults: 60 s per request, 2 concurrent requests, retries for up to 30 s. */
  public static NodeSettings of(String url) {
    return new NodeSettings(url, Optional.empty(), Duration.ofSeconds(60), 2, RetryPolicy.upTo(Duration.ofSeconds(30)));
  }

  public NodeSettings withRetry(RetryPolicy policy) {
    return new NodeSettings(url, cookieFile, timeout, concurrency, policy, options);
  }

  public NodeSettings withCookieFile(Optional<Path> file) {
    return new NodeSettings(url, file, timeout, concurrency, retry, options);
  }

  public NodeSettings withConcurrency(int requests) {
    return new NodeSettings(url, cookieFile, timeout, requests, retry, options);
  }

  /** These settings with the family option {@code key} set to {@code value}. */
  public NodeSettings withOption(String key, String value) {
    java.util.Map<String, String> more = new java.util.HashMap<>(options);
    more.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
    return new NodeSettings(url, cookieFile, timeout, concurrency, retry, more);
  }

  /**
   * Fails with {@link ErrorCode#INVALID_CONFIG} when an option is not one of {@code known}, naming it and what is
   * known.
   */
  public void requireOnlyOptions(String family, java.util.Set<String> known) {
    for (String key : options.keySet()) {
      if (!known.contains(key)) {
        throw new BdsException(ErrorCode.INVALID_CONFIG,
            "unknown node option " + key + " for the " + family + " family" + (known.isEmpty() ? " (it has none)" : "; known: " + new java.util.TreeSet<>(known)));
      }
    }
  }
}
