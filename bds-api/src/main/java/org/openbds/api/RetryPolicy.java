package org.openbds.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How long to keep retrying a call that failed with a {@linkplain BdsException#retryable() retryable} error: the delay
 * starts at {@code firstDelay} and doubles up to {@code maxDelay}; after {@code giveUpAfter} of failures in a row the
 * last error is thrown. Every other error is thrown at once. Each wait is reported on the {@code org.openbds.retry}
 * logger (level WARNING), so a user sees why nothing moves.
 *
 * @param giveUpAfter {@link #FOREVER} to retry until the call succeeds or the thread is interrupted
 */
public record RetryPolicy(Duration firstDelay, Duration maxDelay, Duration giveUpAfter) {
  public static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

  private static final System.Logger LOG = System.getLogger("org.openbds.retry");

  public RetryPolicy {
    requireNonNull(firstDelay, "firstDelay is null");
    requireNonNull(maxDelay, "maxDelay is null");
    requireNonNull(giveUpAfter, "giveUpAfter is null");
    if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0 || giveUpAfter.isNegative()) {
      throw new BdsException(
          ErrorCode.INVALID_CONFIG, "retry delays must satisfy 0 < firstDelay <= maxDelay and giveUpAfter >= 0, got " + this);
    }
  }

  /** No retries: the first failure is thrown. */
  public static RetryPolicy none() {
    return new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO);
  }

  /** Retries until the call succeeds, waiting 0.25 s, 0.5 s, … up to 15 s between attempts. */
  public static RetryPolicy forever() {
    return new RetryPolicy(Duration.ofMillis(250), Duration.ofSeconds(15), FOREVER);
  }

  /** Retries for up to {@code giveUpAfter}, waiting 0.25 s, 0.5 s, … up to 5 s between attempts. */
  public static RetryPolicy upTo(Duration giveUpAfter) {
    return new RetryPolicy(Duration.ofMillis(250), Duration.ofSeconds(5), giveUpAfter);
  }

  public boolean retriesForever() {
    return giveUpAfter.equals(FOREVER);
  }

  /** Runs {@code call}, retrying retryable failures as this policy says. {@code what} names the call in log lines. */
  public <T> T call(String what, Supplier<T> call) {
    long started = System.nanoTime();
    Duration delay = firstDelay;
    while (true) {
      try {
        return call.get();
      } catch (BdsException e) {
        if (!e.retryable()) {
          throw e;
        }
        Duration failingFor = Duration.ofNanos(System.nanoTime() - started);
        if (!retriesForever() && failingFor.plus(delay).compareTo(giveUpAfter) > 0) {
          throw e;
        }
        LOG.log(System.Logger.Level.WARNING, "{0}: {1}; retrying in {2} ms", what, e.getMessage(), delay.toMillis());
        sleep(delay, e);
        delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
      }
    }
  }

  private static void sleep(Duration delay, BdsException cause) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cause.addSuppressed(e);
      throw cause;
    }
  }
}
