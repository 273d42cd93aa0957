package org.openbds.api;

/** The software's name and version, as case files and {@code bds --version} state it. */
public final class Software {
  /** {@code OpenBDS <version>}. */
  public static final String VERSION = "OpenBDS 0.1.0";

  private Software() {}
}
