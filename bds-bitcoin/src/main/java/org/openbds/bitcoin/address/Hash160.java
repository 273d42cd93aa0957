package org.openbds.bitcoin.address;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/** RIPEMD-160 of SHA-256, the hash behind key-hash addresses. */
public final class Hash160 {
  private Hash160() {}

  public static byte[] of(byte[] data, int offset, int length) {
    byte[] sha;
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(data, offset, length);
      sha = md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    RIPEMD160Digest ripemd = new RIPEMD160Digest();
    ripemd.update(sha, 0, sha.length);
    byte[] out = new byte[20];
    ripemd.doFinal(out, 0);
    return out;
  }
}
