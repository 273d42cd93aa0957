package org.openbds.bitcoin.generate;

import static java.util.Objects.requireNonNull;

/**
 * Writes output scripts, scriptSigs and witness stacks for each {@link OutputKind}, straight into a {@link ByteSink}.
 * Keys, hashes and signatures are random bytes of the real shapes: DER signatures of 71–72 bytes plus a sighash byte
 * (low S, minimal R), 64-byte Schnorr signatures, 33-byte keys prefixed 02/03 and 65-byte keys prefixed 04. They do not
 * verify, and a spending input's key is not the preimage of the spent output's hash: nothing downstream executes
 * scripts, and hashing every key would cost more than the rest of the generator. Not thread-safe.
 */
final class ScriptWriter {
  static final int OP_0 = 0x00;
  static final int OP_PUSHDATA1 = 0x4c;
  static final int OP_1 = 0x51;
  static final int OP_2 = 0x52;
  static final int OP_3 = 0x53;
  static final int OP_RETURN = 0x6a;
  static final int OP_DUP = 0x76;
  static final int OP_EQUAL = 0x87;
  static final int OP_EQUALVERIFY = 0x88;
  static final int OP_HASH256 = 0xaa;
  static final int OP_HASH160 = 0xa9;
  static final int OP_CHECKSIG = 0xac;
  static final int OP_CHECKMULTISIG = 0xae;

  /** Size of the 2-of-3 multisig redeem and witness scripts: OP_2, three 33-byte key pushes, OP_3, OP_CHECKMULTISIG. */
  static final int MULTISIG_2_OF_3_SIZE = 105;

  private final SeededRandom random;

  ScriptWriter(SeededRandom random) {
    this.random = requireNonNull(random, "random is null");
  }

  /** Writes a length-prefixed output script of the given kind (OP_RETURN carries 0–80 random data bytes). */
  void outputScript(OutputKind kind, ByteSink out) {
    switch (kind) {
      case P2PKH -> {
        out.writeByte(25);
        out.writeByte(OP_DUP);
        out.writeByte(OP_HASH160);
        randomPush(out, 20);
        out.writeByte(OP_EQUALVERIFY);
        out.writeByte(OP_CHECKSIG);
      }
      case P2PK_COMPRESSED -> {
        out.writeByte(35);
        out.writeByte(33);
        compressedKey(out);
        out.writeByte(OP_CHECKSIG);
      }
      case P2PK_UNCOMPRESSED -> {
        out.writeByte(67);
        out.writeByte(65);
        uncompressedKey(out);
        out.writeByte(OP_CHECKSIG);
      }
      case MULTISIG_1_OF_2 -> {
        out.writeByte(71);
        out.writeByte(OP_1);
        keyPush(out);
        keyPush(out);
        out.writeByte(OP_2);
        out.writeByte(OP_CHECKMULTISIG);
      }
      case MULTISIG_2_OF_3 -> {
        out.writeByte(MULTISIG_2_OF_3_SIZE);
        multisig2of3(out);
      }
      case P2SH_MULTISIG, P2SH_P2WPKH -> {
        out.writeByte(23);
        out.writeByte(OP_HASH160);
        randomPush(out, 20);
        out.writeByte(OP_EQUAL);
      }
      case P2WPKH -> {
        out.writeByte(22);
        out.writeByte(OP_0);
        randomPush(out, 20);
      }
      case P2WSH -> {
        out.writeByte(34);
        out.writeByte(OP_0);
        randomPush(out, 32);
      }
      case P2TR -> {
        out.writeByte(34);
        out.writeByte(OP_1);
        randomPush(out, 32);
      }
      case NONSTANDARD_HASH_PUZZLE -> {
        out.writeByte(35);
        out.writeByte(OP_HASH256);
        randomPush(out, 32);
        out.writeByte(OP_EQUAL);
      }
      case NONSTANDARD_ANYONE_CAN_SPEND -> {
        out.writeByte(1);
        out.writeByte(OP_1);
      }
      case OP_RETURN -> opReturn(out);
    }
  }

  /** Writes the length-prefixed scriptSig of an input spending {@code kind}. */
  void scriptSig(OutputKind kind, ByteSink out) {
    int mark = out.beginLengthPrefixed();
    switch (kind) {
      case P2PKH -> {
        signaturePush(out);
        if (random.nextInt(20) == 0) {
          out.writeByte(65);
          uncompressedKey(out);
        } else {
          keyPush(out);
        }
      }
      case P2PK_COMPRESSED, P2PK_UNCOMPRESSED -> signaturePush(out);
      case MULTISIG_1_OF_2 -> {
        out.writeByte(OP_0);
        signaturePush(out);
      }
      case MULTISIG_2_OF_3 -> {
        out.writeByte(OP_0);
        signaturePush(out);
        signaturePush(out);
      }
      case P2SH_MULTISIG -> {
        out.writeByte(OP_0);
        signaturePush(out);
        signaturePush(out);
        out.writeByte(OP_PUSHDATA1);
        out.writeByte(MULTISIG_2_OF_3_SIZE);
        multisig2of3(out);
      }
      case P2SH_P2WPKH -> {
        out.writeByte(22);
        out.writeByte(OP_0);
        randomPush(out, 20);
      }
      case NONSTANDARD_HASH_PUZZLE -> randomPush(out, 32);
      case P2WPKH, P2WSH, P2TR, NONSTANDARD_ANYONE_CAN_SPEND -> {
        // witness spends and OP_TRUE need nothing in the scriptSig
      }
      case OP_RETURN -> throw new IllegalArgumentException("OP_RETURN outputs are unspendable");
    }
    out.endLengthPrefixed(mark);
  }

  /** Writes the witness stack of an input spending {@code kind}: an empty stack for kinds without witness. */
  void witness(OutputKind kind, ByteSink out) {
    switch (kind) {
      case P2WPKH, P2SH_P2WPKH -> {
        out.writeByte(2);
        signaturePush(out);
        keyPush(out);
      }
      case P2WSH -> {
        out.writeByte(4);
        out.writeByte(0); // the empty item CHECKMULTISIG consumes
        signaturePush(out);
        signaturePush(out);
        out.writeByte(MULTISIG_2_OF_3_SIZE);
        multisig2of3(out);
      }
      case P2TR -> {
        if (random.nextInt(10) == 0) {
          // script path: signature, leaf script <key> OP_CHECKSIG, control block (leaf version and internal key)
          out.writeByte(3);
          randomPush(out, 64);
          out.writeByte(34);
          randomPush(out, 32);
          out.writeByte(OP_CHECKSIG);
          out.writeByte(33);
          out.writeByte(0xc0 | random.nextInt(2));
          fill(out, 32);
        } else {
          out.writeByte(1);
          randomPush(out, 64);
        }
      }
      default -> out.writeByte(0);
    }
  }

  /**
   * Writes the length-prefixed coinbase scriptSig: the BIP34 height (as Bitcoin Core pushes it: OP_0 for 0, OP_1..OP_16
   * up to 16, else a minimal script number), an 8-byte extra nonce and a tag.
   */
  void coinbaseScriptSig(long height, byte[] tag, ByteSink out) {
    int mark = out.beginLengthPrefixed();
    if (height == 0) {
      out.writeByte(OP_0);
    } else if (height <= 16) {
      out.writeByte(OP_1 - 1 + (int) height);
    } else {
      int lengthAt = out.reserve(1);
      long v = height;
      int n = 0;
      while (v != 0) {
        out.writeByte((int) (v & 0xff));
        v >>>= 8;
        n++;
      }
      if ((out.array()[out.size() - 1] & 0x80) != 0) {
        out.writeByte(0); // keep the number positive
        n++;
      }
      out.array()[lengthAt] = (byte) n;
    }
    out.writeByte(8);
    fill(out, 8);
    out.writeByte(tag.length);
    out.writeBytes(tag);
    out.endLengthPrefixed(mark);
  }

  private void multisig2of3(ByteSink out) {
    out.writeByte(OP_2);
    keyPush(out);
    keyPush(out);
    keyPush(out);
    out.writeByte(OP_3);
    out.writeByte(OP_CHECKMULTISIG);
  }

  private void opReturn(ByteSink out) {
    int length = random.nextInt(4) == 0 ? 80 : random.between(4, 40);
    int prefixed = length <= 75 ? 1 + length : 2 + length;
    out.writeByte(1 + prefixed);
    out.writeByte(OP_RETURN);
    if (length > 75) {
      out.writeByte(OP_PUSHDATA1);
    }
    out.writeByte(length);
    fill(out, length);
  }

  /** A DER signature with SIGHASH_ALL, preceded by its push (the same byte as a witness item's length). */
  private void signaturePush(ByteSink out) {
    long r0 = random.nextLong();
    boolean highR = (r0 & 0x80) != 0;
    int rLength = highR ? 33 : 32;
    int total = 6 + rLength + 32 + 1;
    out.writeByte(total);
    out.writeByte(0x30);
    out.writeByte(4 + rLength + 32);
    out.writeByte(0x02);
    out.writeByte(rLength);
    if (highR) {
      out.writeByte(0);
    }
    int r = out.reserve(32);
    byte[] a = out.array();
    random.nextBytes(a, r, 32);
    a[r] = (byte) (highR ? (r0 | 0x80) : ((r0 & 0x7f) | 1));
    out.writeByte(0x02);
    out.writeByte(32);
    int s = out.reserve(32);
    a = out.array();
    random.nextBytes(a, s, 32);
    a[s] = (byte) ((a[s] & 0x7f) | 1); // low S, no leading zero byte
    out.writeByte(0x01);
  }

  private void keyPush(ByteSink out) {
    out.writeByte(33);
    compressedKey(out);
  }

  private void compressedKey(ByteSink out) {
    int at = out.reserve(33);
    byte[] a = out.array();
    random.nextBytes(a, at, 33);
    a[at] = (byte) (2 + (a[at] & 1));
  }

  private void uncompressedKey(ByteSink out) {
    int at = out.reserve(65);
    byte[] a = out.array();
    random.nextBytes(a, at, 65);
    a[at] = 4;
  }

  private void randomPush(ByteSink out, int length) {
    out.writeByte(length);
    fill(out, length);
  }

  /** Appends random bytes (reserving first: the reservation may move the backing array). */
  private void fill(ByteSink out, int length) {
    int at = out.reserve(length);
    random.nextBytes(out.array(), at, length);
  }
}
