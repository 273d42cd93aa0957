package org.openbds.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final RetryPolicy QUICK = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(5));

  @Test
  void presets() {
    assertThat(RetryPolicy.forever().retriesForever()).isTrue();
    assertThat(RetryPolicy.forever().maxDelay()).isEqualTo(Duration.ofSeconds(15));
    assertThat(RetryPolicy.upTo(Duration.ofSeconds(30))).isEqualTo(new RetryPolicy(Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    assertThat(RetryPolicy.none().giveUpAfter()).isZero();
    assertThat(NodeSettings.of("http://a:b@127.0.0.1:1"))
        .isEqualTo(new NodeSettings("http://a:b@127.0.0.1:1", java.util.Optional.empty(), Duration.ofSeconds(60), 2, RetryPolicy.upTo(Duration.ofSeconds(30))));
  }

  @Test
  void retriesRetryableFailuresUntilTheCallSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    int result =
        QUICK.call(
            "test",
            () -> {
              if (calls.incrementAndGet() < 4) {
                throw new BdsException(calls.get() % 2 == 0 ? ErrorCode.NODE_LAGGING : ErrorCode.NODE_UNAVAILABLE, "away");
              }
              return 42;
            });
    assertThat(result).isEqualTo(42);
    assertThat(calls).hasValue(4);
  }

  @Test
  void throwsOtherFailuresAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> QUICK.call("test", () -> {
              calls.incrementAndGet();
              throw new BdsException(ErrorCode.MALFORMED_RESPONSE, "garbage");
            }))
        .hasMessage("garbage");
    assertThat(calls).hasValue(1);
  }

  @Test
  void givesUpAfterItsBudget() {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy shortBudget = new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofMillis(60));
    assertThatThrownBy(() -> shortBudget.call("test", () -> {
              calls.incrementAndGet();
              throw new BdsException(ErrorCode.NODE_UNAVAILABLE, "down");
            }))
        .hasMessage("down");
    assertThat(calls.get()).isBetween(2, 13);
    assertThatThrownBy(() -> RetryPolicy.none().call("test", () -> {
              throw new BdsException(ErrorCode.NODE_UNAVAILABLE, "down");
            }))
        .hasMessage("down");
  }

  @Test
  void invalidPoliciesAreRefused() {
    assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO)).isInstanceOf(BdsException.class);
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO)).isInstanceOf(BdsException.class);
    assertThatThrownBy(() -> new NodeSettings("x", java.util.Optional.empty(), Duration.ZERO, 1, RetryPolicy.none())).isInstanceOf(BdsException.class);
    assertThatThrownBy(() -> new NodeSettings("x", java.util.Optional.empty(), Duration.ofSeconds(1), 0, RetryPolicy.none())).isInstanceOf(BdsException.class);
  }
}
