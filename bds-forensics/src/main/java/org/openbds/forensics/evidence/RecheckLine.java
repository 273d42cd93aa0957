package org.openbds.forensics.evidence;

import static java.util.Objects.requireNonNull;

/**
 * One line of a step's re-check: a node call to run, what its answer must show, or a piece of arithmetic the report
 * worked out from the case file with its verdict.
 */
record RecheckLine(Kind kind, String text) {
  enum Kind {
    /** A node call, to be run as written. */
    CALL,
    /** What the call's answer must show. */
    EXPECT,
    /** Arithmetic on the case file's figures that comes out as the file says. */
    AGREES,
    /** Arithmetic on the case file's figures that does not: the file is inconsistent. */
    DISAGREES,
    /** An explanation, or arithmetic the case file does not hold enough to redo. */
    NOTE
  }

  RecheckLine {
    requireNonNull(kind, "kind is null");
    requireNonNull(text, "text is null");
  }

  static RecheckLine call(String text) {
    return new RecheckLine(Kind.CALL, text);
  }

  static RecheckLine expect(String text) {
    return new RecheckLine(Kind.EXPECT, text);
  }

  static RecheckLine note(String text) {
    return new RecheckLine(Kind.NOTE, text);
  }

  /** {@code text}, judged: agrees when {@code holds}. */
  static RecheckLine check(boolean holds, String text) {
    return new RecheckLine(holds ? Kind.AGREES : Kind.DISAGREES, text);
  }
}
