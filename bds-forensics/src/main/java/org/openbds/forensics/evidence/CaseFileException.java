package org.openbds.forensics.evidence;

import static java.util.Objects.requireNonNull;

/**
 * A case file that cannot be read as one: not JSON, another format, or a required field missing or of the wrong shape.
 * {@link #field()} names the field as a path into the file ({@code steps[3].inputs[0].value}); it is empty when the
 * file as a whole is at fault (not JSON, not UTF-8).
 */
public final class CaseFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  CaseFileException(String field, String problem) {
    super(field.isEmpty() ? problem : field + ": " + problem);
    this.field = requireNonNull(field, "field is null");
  }

  CaseFileException(String field, String problem, Throwable cause) {
    super(field.isEmpty() ? problem : field + ": " + problem, cause);
    this.field = requireNonNull(field, "field is null");
  }

  /** The faulty field's path in the file, such as {@code summary.started}; empty for the file as a whole. */
  public String field() {
    return field;
  }
}
