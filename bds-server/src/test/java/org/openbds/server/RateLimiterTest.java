package org.openbds.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void aBucketAllowsAMinutesWorthThenRefillsContinuously() {
    RateLimiter limiter = new RateLimiter();
    long t = 1_000_000_000L;
    for (int i = 0; i < 60; i++) {
      assertThat(limiter.acquire("key:a", 60, t)).isZero();
    }
    assertThat(limiter.acquire("key:a", 60, t)).isEqualTo(1);
    assertThat(limiter.acquire("key:b", 60, t)).as("callers have buckets of their own").isZero();
    assertThat(limiter.acquire("key:a", 60, t + 1_000_000_000L)).as("one second refills one request").isZero();
    assertThat(limiter.acquire("key:a", 60, t + 1_000_000_000L)).isPositive();
    assertThat(limiter.acquire("key:a", 0, t)).as("0 is no limit").isZero();
  }
}
