package org.openbds.api;

/**
 * The rows of one resolved block, ready to be written. Immutable once returned by {@link BlockSplitter#resolve}; it
 * may be written on another thread than the one that resolved it.
 */
@FunctionalInterface
public interface BlockRows {
  void write(WriteTransaction transaction);
}
