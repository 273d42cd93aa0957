package org.openbds.api;

/**
 * Options of a chain family's splitter.
 *
 * @param storeInputScripts keep every input's script and witness bytes (larger and slower; off by default)
 */
public record SplitOptions(boolean storeInputScripts) {
  public static SplitOptions defaults() {
    return new SplitOptions(false);
  }
}
