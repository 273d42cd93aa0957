package org.openbds.forensics.trace;

import java.util.Locale;

/** Forward: where funds went. Backward: where they came from. */
public enum Direction {
  FORWARD,
  BACKWARD;

  public static Direction parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("no direction '" + name + "'; the directions are forward and backward", e);
    }
  }
}
