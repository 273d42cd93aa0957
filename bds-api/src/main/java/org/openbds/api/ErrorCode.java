package org.openbds.api;

/**
 * Categories of failure. A retryable code means the same call may succeed later (the node was busy or away); every
 * other code is fatal for the operation that raised it and must reach the user.
 */
public enum ErrorCode {
  NODE_UNAVAILABLE(true),
  NODE_LAGGING(true),
  MALFORMED_BLOCK(false),
  /** The node answered something that is not a valid answer (garbage, truncated JSON, a wrong shape). */
  MALFORMED_RESPONSE(false),
  /** The node answered with an error that retrying will not cure (wrong password, unknown method…). */
  NODE_ERROR(false),
  CORRUPT_BLOCK_FILE(false),
  BROKEN_CHAIN(false),
  CHECKPOINT_MISMATCH(false),
  UNKNOWN_CHAIN(false),
  INVALID_CONFIG(false),
  INVALID_ARGUMENT(false),
  /** A query the SQL sandbox does not run: not read-only, or reaching a file, setting or extension. */
  QUERY_REFUSED(false),
  WAREHOUSE_FAILURE(false),
  /** The block queue failed: its Kafka broker did not start or stop, or refused what it was given. */
  QUEUE_FAILURE(false),
  IO_FAILURE(false);

  private final boolean retryable;

  ErrorCode(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
