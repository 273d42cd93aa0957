package org.openbds.api;

import static java.util.Objects.requireNonNull;

/** The one exception type of the product: every failure carries an {@link ErrorCode} and a message for the user. */
public class BdsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public BdsException(ErrorCode code, String message) {
    super(message);
    this.code = requireNonNull(code, "code is null");
  }

  public BdsException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = requireNonNull(code, "code is null");
  }

  public ErrorCode code() {
    return code;
  }

  public boolean retryable() {
    return code.retryable();
  }

  @Override
  public String toString() {
    return code + ": " + getMessage();
  }
}
