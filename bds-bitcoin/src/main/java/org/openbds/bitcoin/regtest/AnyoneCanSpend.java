package org.openbds.bitcoin.regtest;

import org.openbds.bitcoin.address.Hash160;
import org.openbds.bitcoin.codec.DoubleSha256;
import org.openbds.bitcoin.profile.NetworkParameters;
import org.openbds.bitcoin.script.AddressEncoder;

/**
 * Scripts that anyone can spend without a signature, for building valid transactions fast. The witness or redeem
 * script {@code OP_TRUE} (or {@code <8-byte nonce> OP_DROP OP_TRUE}, which makes every output's address different)
 * leaves exactly one true item on the stack, as segwit's clean-stack rule requires. Spending one needs only the script
 * itself: as the witness stack for P2WSH, pushed in the scriptSig for P2SH.
 */
final class AnyoneCanSpend {
  static final int OP_0 = 0x00;
  static final int OP_TRUE = 0x51;
  static final int OP_RETURN = 0x6a;
  static final int OP_DROP = 0x75;
  static final int OP_EQUAL = 0x87;
  static final int OP_HASH160 = 0xa9;
  /** The largest data a single-byte push opcode carries. */
  static final int MAX_DIRECT_PUSH = 75;

  /** The script {@code OP_TRUE}, which the coinbases pay to (wrapped in P2WSH). */
  static final byte[] TRUE_SCRIPT = {OP_TRUE};

  /** Size of {@link #nonceScript}: push of 8 bytes, OP_DROP, OP_TRUE. */
  static final int NONCE_SCRIPT_SIZE = 11;

  private AnyoneCanSpend() {}

  /** {@code <nonce as 8 little-endian bytes> OP_DROP OP_TRUE}. */
  static byte[] nonceScript(long nonce) {
    byte[] s = new byte[NONCE_SCRIPT_SIZE];
    s[0] = 8;
    for (int i = 0; i < 8; i++) {
      s[1 + i] = (byte) (nonce >>> (8 * i));
    }
    s[9] = (byte) OP_DROP;
    s[10] = (byte) OP_TRUE;
    return s;
  }

  /** The P2WSH output script of a witness script: {@code OP_0 <SHA-256 of the script>}. */
  static byte[] p2wsh(byte[] witnessScript, DoubleSha256 sha) {
    byte[] s = new byte[34];
    s[0] = OP_0;
    s[1] = 32;
    System.arraycopy(sha.single(witnessScript, 0, witnessScript.length), 0, s, 2, 32);
    return s;
  }

  /** The P2SH output script of a redeem script: {@code OP_HASH160 <HASH160 of the script> OP_EQUAL}. */
  static byte[] p2sh(byte[] redeemScript) {
    byte[] s = new byte[23];
    s[0] = (byte) OP_HASH160;
    s[1] = 20;
    System.arraycopy(Hash160.of(redeemScript, 0, redeemScript.length), 0, s, 2, 20);
    s[22] = (byte) OP_EQUAL;
    return s;
  }

  /** A script that only pushes {@code item} (at most 75 bytes): a P2SH scriptSig for a redeem script. */
  static byte[] push(byte[] item) {
    if (item.length > MAX_DIRECT_PUSH) {
      throw new IllegalArgumentException("a direct push carries at most " + MAX_DIRECT_PUSH + " bytes, got " + item.length);
    }
    byte[] s = new byte[1 + item.length];
    s[0] = (byte) item.length;
    System.arraycopy(item, 0, s, 1, item.length);
    return s;
  }

  /** {@code OP_RETURN <data>}, a provably unspendable data output (at most 75 bytes of data). */
  static byte[] opReturn(byte[] data) {
    byte[] pushed = push(data);
    byte[] s = new byte[1 + pushed.length];
    s[0] = (byte) OP_RETURN;
    System.arraycopy(pushed, 0, s, 1, pushed.length);
    return s;
  }

  /** The bech32 address of the P2WSH of {@code OP_TRUE} on a network. */
  static String trueAddress(NetworkParameters network) {
    byte[] program = new DoubleSha256().single(TRUE_SCRIPT, 0, TRUE_SCRIPT.length);
    String address = new AddressEncoder(network).witness(0, program);
    if (address == null) {
      throw new IllegalArgumentException("network " + network + " has no segwit addresses");
    }
    return address;
  }
}
