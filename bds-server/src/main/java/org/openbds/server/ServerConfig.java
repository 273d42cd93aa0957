package org.openbds.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Settings of the server, each with a key (as in a properties file or {@code bds serve --set key=value}), a default
 * and a check. Unknown keys fail start-up; {@link #SETTINGS} documents every key.
 *
 * @param host address to listen on; loopback unless set otherwise
 * @param port TCP port (0: any free port)
 * @param corsOrigins origins allowed to call the API from a browser page of theirs (empty: same origin only)
 * @param anonymousRole what a request without a key may do while no API key exists: none, read or query
 * @param allowAnonymousRemote serve requests without a key on an address other than loopback
 * @param sqlTimeout a SQL or condition query is cancelled after this long
 * @param sqlMaxRows rows a SQL or condition query returns at most (the answer says when it was cut)
 * @param sqlMaxResultBytes approximate bytes of values a query returns at most
 * @param sqlMaxConcurrent SQL and condition queries running at once; more wait up to {@code sqlQueueWait}, then 429
 * @param sqlQueueWait how long a query waits for a free slot
 * @param rateLimitPerMinute requests per minute of one API key (a key may carry its own limit)
 * @param anonymousRateLimitPerMinute requests per minute of one client address without a key
 * @param readers warehouse connections for the API's own reads
 * @param cacheEntries answers of hot reads kept (blocks, transactions, metric series), dropped when the tip moves
 * @param accessLog one JSON line per request on standard error
 * @param lookupIndexes create the explorer's lookup indexes at start-up
 * @param addressTotals keep per-address totals of Bitcoin-family chains up to the tip
 * @param forensicsMaxTransactions the most transactions one trace through the API may pass through
 */
public record ServerConfig(
    String host,
    int port,
    List<String> corsOrigins,
    String anonymousRole,
    boolean allowAnonymousRemote,
    Duration sqlTimeout,
    int sqlMaxRows,
    long sqlMaxResultBytes,
    int sqlMaxConcurrent,
    Duration sqlQueueWait,
    int rateLimitPerMinute,
    int anonymousRateLimitPerMinute,
    int readers,
    int cacheEntries,
    boolean accessLog,
    boolean lookupIndexes,
    boolean addressTotals,
    int forensicsMaxTransactions) {

  /** A documented setting. */
  public record Setting(String key, String defaultValue, String description) {}

  public static final List<Setting> SETTINGS =
      List.of(
          new Setting("server.host", "127.0.0.1", "Address to listen on. Another than loopback needs API keys (or server.allow-anonymous-remote)."),
          new Setting("server.port", "8080", "TCP port; 0 picks a free one."),
          new Setting("server.cors-origins", "", "Comma-separated origins (https://app.example.org) allowed to call the API from their pages; empty: none."),
          new Setting("server.access-log", "true", "One JSON line per request on standard error."),
          new Setting("auth.anonymous-role", "query", "What a request without a key may do while no API key exists: none, read or query."),
          new Setting("auth.allow-anonymous-remote", "false", "Serve requests without a key on an address other than loopback."),
          new Setting("sql.timeout", "30s", "A SQL or condition query is cancelled after this long (ms, s or m)."),
          new Setting("sql.max-rows", "10000", "Rows a query returns at most; the answer says when it was cut."),
          new Setting("sql.max-result-bytes", "67108864", "Approximate bytes of values a query returns at most."),
          new Setting("sql.max-concurrent", "4", "SQL and condition queries running at once."),
          new Setting("sql.queue-wait", "2s", "How long a query waits for a free slot before a 429."),
          new Setting("rate-limit.per-minute", "600", "Requests per minute of one API key, unless the key carries its own limit (0: none)."),
          new Setting("rate-limit.anonymous-per-minute", "6000", "Requests per minute of one client address without a key (0: none)."),
          new Setting("warehouse.readers", "8", "Warehouse connections for the API's own reads."),
          new Setting("warehouse.lookup-indexes", "true", "Create the indexes the explorer's lookups need (txid, block hash, address) at start-up, once; every later write keeps them up."),
          new Setting("warehouse.address-totals", "true", "Keep per-address totals of Bitcoin-family chains up to the tip (built once, then block by block) for fast address summaries."),
          new Setting("cache.entries", "2000", "Answers of hot reads kept; all of a chain's are dropped when its tip moves."),
          new Setting("forensics.max-transactions", "10000", "The most transactions a trace through the API may pass through (a trace that reaches it says truncated);"
              + " traces, path searches and address profiles also run under sql.timeout and share sql.max-concurrent slots of their own."));

  public ServerConfig {
    requireNonNull(host, "host is null");
    corsOrigins = List.copyOf(corsOrigins);
    requireNonNull(anonymousRole, "anonymousRole is null");
    requireNonNull(sqlTimeout, "sqlTimeout is null");
    requireNonNull(sqlQueueWait, "sqlQueueWait is null");
  }

  public static ServerConfig defaults() {
    return fromSettings(Map.of());
  }

  /** The configuration from {@code key → value} pairs over the defaults; an unknown key or a bad value fails. */
  public static ServerConfig fromSettings(Map<String, String> given) {
    Map<String, String> v = new LinkedHashMap<>();
    for (Setting s : SETTINGS) {
      v.put(s.key(), s.defaultValue());
    }
    TreeSet<String> unknown = new TreeSet<>();
    for (Map.Entry<String, String> e : given.entrySet()) {
      if (!v.containsKey(e.getKey())) {
        unknown.add(e.getKey());
      } else {
        v.put(e.getKey(), e.getValue().strip());
      }
    }
    if (!unknown.isEmpty()) {
      throw new BdsException(
          ErrorCode.INVALID_CONFIG,
          "unknown server setting" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown) + "; known: "
              + String.join(", ", SETTINGS.stream().map(Setting::key).toList()));
    }
    List<String> origins = new ArrayList<>();
    for (String o : v.get("server.cors-origins").split(",", -1)) {
      String origin = o.strip();
      if (origin.isEmpty()) {
        continue;
      }
      if (!origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
        throw new BdsException(ErrorCode.INVALID_CONFIG, "server.cors-origins: '" + origin + "' is not an origin like https://host:port");
      }
      origins.add(origin);
    }
    String role = v.get("auth.anonymous-role").toLowerCase(Locale.ROOT);
    if (!List.of("none", "read", "query").contains(role)) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "auth.anonymous-role must be none, read or query, not '" + role + "'");
    }
    ServerConfig c =
        new ServerConfig(
            v.get("server.host"),
            integer(v, "server.port", 0, 65535),
            origins,
            role,
            bool(v, "auth.allow-anonymous-remote"),
            duration(v, "sql.timeout"),
            integer(v, "sql.max-rows", 1, 10_000_000),
            longValue(v, "sql.max-result-bytes", 1024, 1L << 34),
            integer(v, "sql.max-concurrent", 1, 256),
            duration(v, "sql.queue-wait"),
            integer(v, "rate-limit.per-minute", 0, 10_000_000),
            integer(v, "rate-limit.anonymous-per-minute", 0, 10_000_000),
            integer(v, "warehouse.readers", 1, 256),
            integer(v, "cache.entries", 0, 1_000_000),
            bool(v, "server.access-log"),
            bool(v, "warehouse.lookup-indexes"),
            bool(v, "warehouse.address-totals"),
            integer(v, "forensics.max-transactions", 1, 1_000_000));
    c.validate();
    return c;
  }

  /** Rules across settings. */
  void validate() {
    if (sqlTimeout.isZero() || sqlTimeout.isNegative() || sqlTimeout.toHours() > 24) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "sql.timeout must be between 1 ms and 24 h, not " + sqlTimeout);
    }
    if (sqlQueueWait.isNegative() || sqlQueueWait.toMinutes() > 10) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "sql.queue-wait must be between 0 and 10 minutes, not " + sqlQueueWait);
    }
  }

  /** Whether {@link #host} only accepts connections from this machine. */
  public boolean loopbackOnly() {
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
  }

  private static int integer(Map<String, String> v, String key, int min, int max) {
    return (int) longValue(v, key, min, max);
  }

  private static long longValue(Map<String, String> v, String key, long min, long max) {
    String text = v.get(key);
    try {
      long n = Long.parseLong(text);
      if (n < min || n > max) {
        throw new BdsException(ErrorCode.INVALID_CONFIG, key + " must be between " + min + " and " + max + ", not " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, key + " must be a whole number, not '" + text + "'", e);
    }
  }

  private static boolean bool(Map<String, String> v, String key) {
    String text = v.get(key).toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, key + " must be true or false, not '" + text + "'");
    }
    return text.equals("true");
  }

  private static Duration duration(Map<String, String> v, String key) {
    String text = v.get(key).toLowerCase(Locale.ROOT);
    BiFunction<String, Integer, Long> number =
        (t, cut) -> {
          try {
            return Long.parseLong(t.substring(0, t.length() - cut));
          } catch (NumberFormatException e) {
            throw new BdsException(ErrorCode.INVALID_CONFIG, key + " must be a duration like 500ms, 30s or 2m, not '" + t + "'", e);
          }
        };
    if (text.endsWith("ms")) {
      return Duration.ofMillis(number.apply(text, 2));
    }
    if (text.endsWith("s")) {
      return Duration.ofSeconds(number.apply(text, 1));
    }
    if (text.endsWith("m")) {
      return Duration.ofMinutes(number.apply(text, 1));
    }
    throw new BdsException(ErrorCode.INVALID_CONFIG, key + " must be a duration like 500ms, 30s or 2m, not '" + text + "'");
  }
}
