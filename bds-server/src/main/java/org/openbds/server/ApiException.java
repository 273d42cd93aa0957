package org.openbds.server;

import java.util.Map;

/**
 * A request the API answers with an error: the HTTP status, a stable machine-readable code, a message for people and
 * optional details. Every error response of the API has this shape: {@code {"error": {"code", "message", "details"}}}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Map<String, Object> details;

  public ApiException(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public ApiException(int status, String code, String message, Map<String, Object> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = Map.copyOf(details);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, "BAD_REQUEST", message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "NOT_FOUND", message);
  }
}
