package org.openbds.server;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's own measurements in the Prometheus text format (version 0.0.4): HTTP requests and their latency by
 * route, SQL outcomes, the answer cache. Chain figures (tips, lag, reorgs) come from {@link ChainStatus} when
 * rendered. Thread-safe; recording is a few atomic additions.
 */
final class ServerMetrics {
  /** Upper bounds of the latency buckets, in seconds. */
  static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  private static final class Histogram {
    final LongAdder[] counts = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final AtomicLong sumNanos = new AtomicLong();

    Histogram() {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void observe(long nanos) {
      double seconds = nanos / 1e9;
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          counts[i].increment();
        }
      }
      count.increment();
      sumNanos.addAndGet(nanos);
    }
  }

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> queries = new ConcurrentHashMap<>();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder cacheMisses = new LongAdder();
  private final LongAdder rateLimited = new LongAdder();

  void request(String method, String route, int status, long nanos) {
    requests.computeIfAbsent(label("method", method) + "," + label("route", route) + "," + label("status", Integer.toString(status)), k -> new LongAdder()).increment();
    latency.computeIfAbsent(label("method", method) + "," + label("route", route), k -> new Histogram()).observe(nanos);
  }

  void query(String outcome) {
    queries.computeIfAbsent(label("outcome", outcome), k -> new LongAdder()).increment();
  }

  void cache(boolean hit) {
    (hit ? cacheHits : cacheMisses).increment();
  }

  void rateLimited() {
    rateLimited.increment();
  }

  /** The exposition: the server's counters and histograms, then every chain's status. */
  String render(Iterable<ChainStatus.Snapshot> chains) {
    StringBuilder out = new StringBuilder();
    out.append("# HELP bds_http_requests_total HTTP requests answered, by method, route and status.\n");
    out.append("# TYPE bds_http_requests_total counter\n");
    requests.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.append("bds_http_requests_total{").append(e.getKey()).append("} ").append(e.getValue().sum()).append('\n'));
    out.append("# HELP bds_http_request_duration_seconds Time to answer an HTTP request, by method and route.\n");
    out.append("# TYPE bds_http_request_duration_seconds histogram\n");
    latency.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              Histogram h = e.getValue();
              for (int i = 0; i < BUCKETS.length; i++) {
                out.append("bds_http_request_duration_seconds_bucket{").append(e.getKey()).append(",le=\"").append(format(BUCKETS[i]))
                    .append("\"} ").append(h.counts[i].sum()).append('\n');
              }
              out.append("bds_http_request_duration_seconds_bucket{").append(e.getKey()).append(",le=\"+Inf\"} ").append(h.count.sum()).append('\n');
              out.append("bds_http_request_duration_seconds_sum{").append(e.getKey()).append("} ").append(format(h.sumNanos.get() / 1e9)).append('\n');
              out.append("bds_http_request_duration_seconds_count{").append(e.getKey()).append("} ").append(h.count.sum()).append('\n');
            });
    out.append("# HELP bds_sql_queries_total SQL and condition queries run, by outcome (ok, truncated, timeout, error).\n");
    out.append("# TYPE bds_sql_queries_total counter\n");
    queries.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.append("bds_sql_queries_total{").append(e.getKey()).append("} ").append(e.getValue().sum()).append('\n'));
    out.append("# HELP bds_cache_requests_total Reads answered from the answer cache (hit) or the warehouse (miss).\n");
    out.append("# TYPE bds_cache_requests_total counter\n");
    out.append("bds_cache_requests_total{result=\"hit\"} ").append(cacheHits.sum()).append('\n');
    out.append("bds_cache_requests_total{result=\"miss\"} ").append(cacheMisses.sum()).append('\n');
    out.append("# HELP bds_rate_limited_total Requests refused by a rate limit.\n");
    out.append("# TYPE bds_rate_limited_total counter\n");
    out.append("bds_rate_limited_total ").append(rateLimited.sum()).append('\n');
    ChainStatus.render(chains, out);
    return out.toString();
  }

  static String label(String name, String value) {
    return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
