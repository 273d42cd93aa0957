package org.openbds.forensics;

import static java.util.Objects.requireNonNull;

/**
 * A parameter of an investigation that cannot be used, named: the CLI shows the message, the API answers 400 with
 * the parameter in its details.
 */
public final class InvalidParameterException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String parameter;

  public InvalidParameterException(String parameter, String message) {
    super(message);
    this.parameter = requireNonNull(parameter, "parameter is null");
  }

  public InvalidParameterException(String parameter, String message, Throwable cause) {
    super(message, cause);
    this.parameter = requireNonNull(parameter, "parameter is null");
  }

  /** The parameter's name as the API spells it ({@code from}, {@code hops}, {@code stop_at_labels}…). */
  public String parameter() {
    return parameter;
  }
}
