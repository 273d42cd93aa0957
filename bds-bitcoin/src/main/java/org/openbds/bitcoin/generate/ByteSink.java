package org.openbds.bitcoin.generate;

import java.util.Arrays;

/**
 * A growable little-endian byte buffer for consensus serialization. It is reused across transactions and blocks (call
 * {@link #reset()}) so that generating millions of transactions does not allocate per transaction. Not thread-safe.
 */
final class ByteSink {
  private byte[] data;
  private int size;

  ByteSink(int initialCapacity) {
    data = new byte[Math.max(16, initialCapacity)];
  }

  /** The backing array; valid up to {@link #size()} until the next write. */
  byte[] array() {
    return data;
  }

  int size() {
    return size;
  }

  void reset() {
    size = 0;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(data, size);
  }

  /** Reserves {@code n} bytes and returns the offset where they start, for callers that fill them in place. */
  int reserve(int n) {
    ensure(n);
    int at = size;
    size += n;
    return at;
  }

  void writeByte(int b) {
    ensure(1);
    data[size++] = (byte) b;
  }

  void writeUint16(int v) {
    ensure(2);
    data[size++] = (byte) v;
    data[size++] = (byte) (v >>> 8);
  }

  void writeUint32(long v) {
    ensure(4);
    putUint32(data, size, v);
    size += 4;
  }

  void writeInt64(long v) {
    ensure(8);
    putUint32(data, size, v);
    putUint32(data, size + 4, v >>> 32);
    size += 8;
  }

  /** Bitcoin's CompactSize: one byte below 0xfd, else a marker and 2, 4 or 8 bytes. */
  void writeVarInt(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative length " + n);
    }
    if (n < 0xfd) {
      writeByte((int) n);
    } else if (n <= 0xffff) {
      writeByte(0xfd);
      writeUint16((int) n);
    } else if (n <= 0xffffffffL) {
      writeByte(0xfe);
      writeUint32(n);
    } else {
      writeByte(0xff);
      writeInt64(n);
    }
  }

  void writeBytes(byte[] b) {
    writeBytes(b, 0, b.length);
  }

  void writeBytes(byte[] b, int offset, int length) {
    ensure(length);
    System.arraycopy(b, offset, data, size, length);
    size += length;
  }

  /** A length-prefixed byte string (scripts, witness items). */
  void writeVarBytes(byte[] b) {
    writeVarInt(b.length);
    writeBytes(b);
  }

  /**
   * Starts a CompactSize-prefixed byte string whose length is not known yet; returns a mark for
   * {@link #endLengthPrefixed(int)}. One byte is reserved, which fits every length below 0xfd.
   */
  int beginLengthPrefixed() {
    return reserve(1);
  }

  /** Fills in the length prefix started at {@code mark}, moving the content if the length needs 3 bytes. */
  void endLengthPrefixed(int mark) {
    int length = size - mark - 1;
    if (length < 0xfd) {
      data[mark] = (byte) length;
      return;
    }
    if (length > 0xffff) {
      throw new IllegalStateException("length-prefixed item of " + length + " bytes");
    }
    reserve(2);
    System.arraycopy(data, mark + 1, data, mark + 3, length);
    data[mark] = (byte) 0xfd;
    data[mark + 1] = (byte) length;
    data[mark + 2] = (byte) (length >>> 8);
  }

  static void putUint32(byte[] out, int offset, long v) {
    out[offset] = (byte) v;
    out[offset + 1] = (byte) (v >>> 8);
    out[offset + 2] = (byte) (v >>> 16);
    out[offset + 3] = (byte) (v >>> 24);
  }

  private void ensure(int n) {
    if (size + n > data.length) {
      long wanted = Math.max((long) data.length * 2, (long) size + n);
      if (wanted > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("buffer would exceed 2 GiB");
      }
      data = Arrays.copyOf(data, (int) wanted);
    }
  }
}
