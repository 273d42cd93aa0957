package org.openbds.bitcoin.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 applied twice, as Bitcoin hashes headers and transactions. One instance per thread. */
public final class DoubleSha256 {
  private final MessageDigest digest;
  private final byte[] first = new byte[32];

  public DoubleSha256() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Feeds a range of bytes into the running hash. */
  public void update(byte[] data, int offset, int length) {
    digest.update(data, offset, length);
  }

  /** Finishes the running hash and writes the 32-byte result (wire order) into {@code out} at {@code offset}. */
  public void finish(byte[] out, int offset) {
    try {
      digest.digest(first, 0, 32);
      digest.update(first, 0, 32);
      digest.digest(out, offset, 32);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The double SHA-256 of a range, in wire order. */
  public byte[] hash(byte[] data, int offset, int length) {
    byte[] out = new byte[32];
    update(data, offset, length);
    finish(out, 0);
    return out;
  }

  /** Single SHA-256 (used by witness-program and checksum code paths that need it). */
  public byte[] single(byte[] data, int offset, int length) {
    digest.update(data, offset, length);
    return digest.digest();
  }
}
