package org.openbds.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller (an API key, or a client address without one): {@code perMinute} requests a minute,
 * refilled continuously, with bursts up to a minute's worth. Idle buckets are dropped once full again.
 */
final class RateLimiter {
  private static final class Bucket {
    double tokens;
    long lastNanos;
  }

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** Takes one request from {@code caller}'s bucket; returns 0 when allowed, else the seconds to wait. */
  long acquire(String caller, int perMinute, long nowNanos) {
    if (perMinute <= 0) {
      return 0;
    }
    Bucket b = buckets.computeIfAbsent(caller, c -> {
      Bucket n = new Bucket();
      n.tokens = perMinute;
      n.lastNanos = nowNanos;
      return n;
    });
    synchronized (b) {
      double refill = (nowNanos - b.lastNanos) / 60e9 * perMinute;
      b.tokens = Math.min(perMinute, b.tokens + refill);
      b.lastNanos = nowNanos;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - b.tokens) * 60.0 / perMinute);
    }
  }

  /** Forgets callers whose bucket has refilled: their state is the same as a new one's. */
  void sweep(long nowNanos, int perMinute) {
    buckets.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        return perMinute <= 0 || e.getValue().tokens + (nowNanos - e.getValue().lastNanos) / 60e9 * perMinute >= perMinute;
      }
    });
  }
}
