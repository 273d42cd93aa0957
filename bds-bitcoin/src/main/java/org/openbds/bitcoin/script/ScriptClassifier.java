package org.openbds.bitcoin.script;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openbds.bitcoin.address.Hash160;

/**
 * Classifies output scripts the way Bitcoin Core's solver does and derives their addresses. Thread-safe (stateless
 * apart from the immutable encoder).
 */
public final class ScriptClassifier {
  private static final int OP_0 = 0x00;
  private static final int OP_PUSHDATA1 = 0x4c;
  private static final int OP_PUSHDATA2 = 0x4d;
  private static final int OP_PUSHDATA4 = 0x4e;
  private static final int OP_1 = 0x51;
  private static final int OP_16 = 0x60;
  private static final int OP_RETURN = 0x6a;
  private static final int OP_DUP = 0x76;
  private static final int OP_EQUAL = 0x87;
  private static final int OP_EQUALVERIFY = 0x88;
  private static final int OP_HASH160 = 0xa9;
  private static final int OP_CHECKSIG = 0xac;
  private static final int OP_CHECKMULTISIG = 0xae;

  private final AddressEncoder encoder;
  private final boolean segwit;

  /** @param segwit whether the chain knows witness programs; on other chains they are non-standard scripts */
  public ScriptClassifier(AddressEncoder encoder, boolean segwit) {
    this.encoder = requireNonNull(encoder, "encoder is null");
    this.segwit = segwit;
  }

  public OutputScript classify(byte[] s) {
    int n = s.length;
    if (n == 25
        && u(s, 0) == OP_DUP
        && u(s, 1) == OP_HASH160
        && u(s, 2) == 20
        && u(s, 23) == OP_EQUALVERIFY
        && u(s, 24) == OP_CHECKSIG) {
      return OutputScript.single(ScriptType.P2PKH, encoder.p2pkh(Arrays.copyOfRange(s, 3, 23)));
    }
    if (n == 23 && u(s, 0) == OP_HASH160 && u(s, 1) == 20 && u(s, 22) == OP_EQUAL) {
      return OutputScript.single(ScriptType.P2SH, encoder.p2sh(Arrays.copyOfRange(s, 2, 22)));
    }
    if (segwit && n >= 4 && n <= 42 && (u(s, 0) == OP_0 || (u(s, 0) >= OP_1 && u(s, 0) <= OP_16)) && u(s, 1) == n - 2) {
      return witnessProgram(u(s, 0) == OP_0 ? 0 : u(s, 0) - OP_1 + 1, Arrays.copyOfRange(s, 2, n));
    }
    if (n > 0 && u(s, 0) == OP_RETURN) {
      // like Bitcoin Core's solver, a data carrier of any size (BSV allows large ones)
      byte[] data = pushedData(s, 1);
      if (data != null) {
        return new OutputScript(ScriptType.OP_RETURN, null, List.of(), null, null, data);
      }
      return nonstandard();
    }
    if ((n == 35 || n == 67) && u(s, 0) == n - 2 && u(s, n - 1) == OP_CHECKSIG && validKey(s, 1, n - 2)) {
      String address = encoder.p2pkh(Hash160.of(s, 1, n - 2));
      return new OutputScript(ScriptType.P2PK, address, List.of(address), 1, keyType(s[1]), null);
    }
    OutputScript multisig = multisig(s);
    if (multisig != null) {
      return multisig;
    }
    return nonstandard();
  }

  private OutputScript witnessProgram(int version, byte[] program) {
    if (version == 0 && program.length == 20) {
      return OutputScript.single(ScriptType.P2WPKH, encoder.witness(0, program));
    }
    if (version == 0 && program.length == 32) {
      return OutputScript.single(ScriptType.P2WSH, encoder.witness(0, program));
    }
    if (version == 0) {
      return nonstandard();
    }
    if (version == 1 && program.length == 32) {
      return OutputScript.single(ScriptType.P2TR, encoder.witness(1, program));
    }
    return OutputScript.single(ScriptType.WITNESS_UNKNOWN, encoder.witness(version, program));
  }

  private OutputScript multisig(byte[] s) {
    int n = s.length;
    if (n < 37 || u(s, n - 1) != OP_CHECKMULTISIG) {
      return null;
    }
    int m = u(s, 0);
    int keysDeclared = u(s, n - 2);
    if (m < OP_1 || m > OP_16 || keysDeclared < OP_1 || keysDeclared > OP_16) {
      return null;
    }
    List<String> addresses = new ArrayList<>();
    int p = 1;
    while (p < n - 2) {
      int len = u(s, p);
      if ((len != 33 && len != 65) || p + 1 + len > n - 2 || !validKey(s, p + 1, len)) {
        return null;
      }
      addresses.add(encoder.p2pkh(Hash160.of(s, p + 1, len)));
      p += 1 + len;
    }
    int required = m - OP_1 + 1;
    int total = keysDeclared - OP_1 + 1;
    if (p != n - 2 || addresses.size() != total || required > total) {
      return null;
    }
    return new OutputScript(ScriptType.MULTISIG, null, addresses, required, null, null);
  }

  private static OutputScript nonstandard() {
    return new OutputScript(ScriptType.NONSTANDARD, null, List.of(), null, null, null);
  }

  /** The concatenated payloads of the pushes from {@code from} to the end, or null if any opcode is not a push. */
  static byte[] pushedData(byte[] s, int from) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length);
    int p = from;
    while (p < s.length) {
      int op = u(s, p++);
      int len;
      if (op > OP_16) {
        return null;
      } else if (op < OP_PUSHDATA1) {
        len = op;
      } else if (op == OP_PUSHDATA1) {
        if (p + 1 > s.length) return null;
        len = u(s, p);
        p += 1;
      } else if (op == OP_PUSHDATA2) {
        if (p + 2 > s.length) return null;
        len = u(s, p) | u(s, p + 1) << 8;
        p += 2;
      } else if (op == OP_PUSHDATA4) {
        if (p + 4 > s.length) return null;
        long l = u(s, p) | u(s, p + 1) << 8 | u(s, p + 2) << 16 | (long) u(s, p + 3) << 24;
        if (l > s.length) return null;
        len = (int) l;
        p += 4;
      } else {
        continue; // OP_1NEGATE, OP_RESERVED, OP_1..OP_16 push small numbers and carry no data bytes
      }
      if (p + len > s.length) {
        return null;
      }
      out.write(s, p, len);
      p += len;
    }
    return out.toByteArray();
  }

  private static boolean validKey(byte[] s, int offset, int length) {
    int prefix = u(s, offset);
    if (length == 33) {
      return prefix == 2 || prefix == 3;
    }
    return length == 65 && (prefix == 4 || prefix == 6 || prefix == 7);
  }

  private static String keyType(byte prefix) {
    int p = prefix & 0xff;
    return p == 2 || p == 3 ? "compressed" : p == 4 ? "uncompressed" : "hybrid";
  }

  private static int u(byte[] s, int i) {
    return s[i] & 0xff;
  }
}
