package org.openbds.bitcoin.codec;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Small hand-assembled blocks for codec tests. The transactions are real (mainnet block 50001: its coinbase and a
 * one-input spend); the header is built here with a merkle root computed independently of the codec.
 */
final class TestBlocks {
  static final HexFormat HEX = HexFormat.of();

  /** Coinbase e1882d41…, 135 bytes. */
  static final byte[] COINBASE =
      HEX.parseHex(
          "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff080415112a1c02cc00ff"
              + "ffffff0100f2052a01000000434104c1b5671c8975087cc796d6ea73d2407591528b5c669106f9b6ab6ef6e373a57553e148"
              + "66aaeffc44a9f58e5ee0c7faa7add7474f0a2c55a22cb40b949fdc933cac00000000");

  /** Spend f8476145…, 158 bytes: one input, one P2PKH output. */
  static final byte[] SPEND =
      HEX.parseHex(
          "01000000011632b99d5e40fe3257f203d05c43542a8631ad09f7803b43f891f9892b52370d000000004948304502204066eef7b0"
              + "f0b4869da7b841dbcde2279d0b787d7ea45d4b22ceb4d52474eb430221008ebf879fadadf71d426ed54d12fbb414ae63c8dc"
              + "66b542ec186ec0208f0ae2ac01ffffffff0100f2052a010000001976a914b5cd7aaed869cd5ccb45868e8666e7e934a23736"
              + "88ac00000000");

  static final int COINBASE_START = 81;
  static final int SPEND_START = COINBASE_START + COINBASE.length;
  /** Offset of the spend's scriptSig length byte: version, input count, outpoint. */
  static final int SPEND_SCRIPT_LENGTH = SPEND_START + 4 + 1 + 36;

  private TestBlocks() {}

  /** The coinbase and the spend under a header whose merkle root matches them. */
  static byte[] twoTransactionBlock() {
    return block(new byte[] {2}, COINBASE, SPEND);
  }

  /**
   * A header (version 1, zero parent, the merkle root of {@code txs} as whole-byte txids, fixed time, bits, nonce),
   * then {@code count} verbatim and the transactions. Transactions must not carry witness data.
   */
  static byte[] block(byte[] count, byte[]... txs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(HEX.parseHex("01000000"));
    out.writeBytes(new byte[32]);
    out.writeBytes(merkleRoot(txs));
    out.writeBytes(HEX.parseHex("29ab5f49" + "ffff001d" + "1dac2b7c"));
    out.writeBytes(count);
    for (byte[] tx : txs) {
      out.writeBytes(tx);
    }
    return out.toByteArray();
  }

  /** The merkle root in wire order, each transaction's id being the double SHA-256 of its bytes (zero if none). */
  static byte[] merkleRoot(byte[]... txs) {
    if (txs.length == 0) {
      return new byte[32];
    }
    byte[][] level = new byte[txs.length][];
    for (int i = 0; i < txs.length; i++) {
      level[i] = doubleSha256(txs[i]);
    }
    while (level.length > 1) {
      byte[][] next = new byte[(level.length + 1) / 2][];
      for (int i = 0; i < next.length; i++) {
        byte[] pair = new byte[64];
        System.arraycopy(level[2 * i], 0, pair, 0, 32);
        System.arraycopy(level[Math.min(2 * i + 1, level.length - 1)], 0, pair, 32, 32);
        next[i] = doubleSha256(pair);
      }
      level = next;
    }
    return level[0];
  }

  static byte[] doubleSha256(byte[] data) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return md.digest(md.digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] slice(byte[] data, int from, int to) {
    return Arrays.copyOfRange(data, from, to);
  }
}
