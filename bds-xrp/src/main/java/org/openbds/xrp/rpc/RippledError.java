package org.openbds.xrp.rpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * An error answer from rippled, with its error token ({@code lgrNotFound}, {@code tooBusy}, {@code unknownCmd}…). The
 * tokens that mean the server is busy or not in sync with the network are retryable; every other is a
 * {@link ErrorCode#NODE_ERROR}.
 */
public final class RippledError extends BdsException {
  private static final long serialVersionUID = 1L;

  /** The ledger asked for is not one the server has (not yet, never acquired, or deleted from its history). */
  public static final String LEDGER_NOT_FOUND = "lgrNotFound";

  /** Tokens retrying cures: the server is overloaded, or not (yet) following the network. */
  private static final Map<String, ErrorCode> RETRYABLE =
      Map.of(
          "tooBusy", ErrorCode.NODE_UNAVAILABLE,
          "slowDown", ErrorCode.NODE_UNAVAILABLE,
          "failedToForward", ErrorCode.NODE_UNAVAILABLE,
          // an amendment-blocked server answers nothing about the ledger until it is upgraded and restarted
          "amendmentBlocked", ErrorCode.NODE_UNAVAILABLE,
          "noNetwork", ErrorCode.NODE_LAGGING,
          "noCurrent", ErrorCode.NODE_LAGGING,
          "noClosed", ErrorCode.NODE_LAGGING,
          "notSynced", ErrorCode.NODE_LAGGING);

  private final String method;
  private final String error;

  RippledError(String method, String error, String message) {
    super(
        RETRYABLE.getOrDefault(error, ErrorCode.NODE_ERROR),
        method + ": rippled error " + error + (message.isEmpty() || message.equals(error) ? "" : ": " + message));
    this.method = requireNonNull(method, "method is null");
    this.error = requireNonNull(error, "error is null");
  }

  /** The error of an answer object holding {@code error} (and maybe {@code error_message}, {@code error_exception}). */
  static RippledError of(String method, JsonNode holder) {
    String error = holder.path("error").asText(String.valueOf(holder.get("error")));
    String message = holder.path("error_message").asText(holder.path("error_exception").asText(""));
    return new RippledError(method, error, message);
  }

  /** The method that failed. */
  public String method() {
    return method;
  }

  /** rippled's error token, e.g. {@code lgrNotFound}. */
  public String error() {
    return error;
  }

  public boolean ledgerNotFound() {
    return LEDGER_NOT_FOUND.equals(error);
  }
}
