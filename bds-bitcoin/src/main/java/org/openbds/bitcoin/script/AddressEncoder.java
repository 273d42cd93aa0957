package org.openbds.bitcoin.script;

import static java.util.Objects.requireNonNull;

import org.openbds.bitcoin.address.Base58;
import org.openbds.bitcoin.address.Bech32;
import org.openbds.bitcoin.address.CashAddr;
import org.openbds.bitcoin.profile.NetworkParameters;

/** Renders hashes and witness programs as addresses of one network (base58check, bech32/bech32m or CashAddr). */
public final class AddressEncoder {
  private final NetworkParameters network;

  public AddressEncoder(NetworkParameters network) {
    this.network = requireNonNull(network, "network is null");
  }

  public String p2pkh(byte[] hash160) {
    if (network.cashAddrPrefix().isPresent()) {
      return CashAddr.encode(network.cashAddrPrefix().get(), CashAddr.Type.P2PKH, hash160);
    }
    return Base58.encodeCheck(network.p2pkhVersion(), hash160);
  }

  public String p2sh(byte[] hash160) {
    if (network.cashAddrPrefix().isPresent()) {
      return CashAddr.encode(network.cashAddrPrefix().get(), CashAddr.Type.P2SH, hash160);
    }
    return Base58.encodeCheck(network.p2shVersion(), hash160);
  }

  /** The address of a witness program, or null when the network has no bech32 prefix. */
  public String witness(int version, byte[] program) {
    return network.bech32Prefix().map(hrp -> Bech32.encodeSegwit(hrp, version, program)).orElse(null);
  }
}
