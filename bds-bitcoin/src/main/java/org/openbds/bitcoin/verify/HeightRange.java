package org.openbds.bitcoin.verify;

import java.util.ArrayList;
import java.util.List;

/** The heights {@code first} through {@code last}, both included. */
record HeightRange(long first, long last) {
  HeightRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("not a height range: " + first + ".." + last);
    }
  }

  long size() {
    return last - first + 1;
  }

  /** Consecutive pieces of at most {@code maxSize} heights covering this range, in order. */
  List<HeightRange> chunks(int maxSize) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("chunk size must be positive, got " + maxSize);
    }
    List<HeightRange> out = new ArrayList<>();
    for (long start = first; start <= last; start += maxSize) {
      out.add(new HeightRange(start, Math.min(last, start + maxSize - 1)));
    }
    return out;
  }

  @Override
  public String toString() {
    return "blocks " + first + ".." + last;
  }
}
