package org.openbds.ethereum.codec;

import static java.util.Objects.checkFromIndexSize;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;

/**
 * The exact bytes of one JSON value inside a larger array, such as one answer of a JSON-RPC batch: a slice of that
 * array, not a copy, so that the value can be stored again without being written again from its tree. The array must
 * not change while the slice is in use.
 */
public final class JsonBytes {
  private final byte[] array;
  private final int offset;
  private final int length;

  private JsonBytes(byte[] array, int offset, int length) {
    this.array = array;
    this.offset = offset;
    this.length = length;
  }

  /** The {@code length} bytes of {@code array} from {@code offset}, which must hold exactly one JSON value. */
  public static JsonBytes of(byte[] array, int offset, int length) {
    requireNonNull(array, "array is null");
    checkFromIndexSize(offset, length, array.length);
    return new JsonBytes(array, offset, length);
  }

  public int length() {
    return length;
  }

  public void writeTo(ByteArrayOutputStream out) {
    out.write(array, offset, length);
  }
}
