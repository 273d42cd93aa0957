package org.openbds.bitcoin.script;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What an output script means. {@code address} is the one address that owns the output (null for multisig, OP_RETURN
 * and non-standard scripts); {@code addresses} lists every address involved (the keys of a multisig as P2PKH
 * addresses). {@code keyType} is {@code compressed}, {@code uncompressed} or {@code hybrid} for P2PK. {@code data}
 * holds the pushed bytes of an OP_RETURN output.
 */
public record OutputScript(
    ScriptType type, String address, List<String> addresses, Integer requiredSignatures, String keyType, byte[] data) {
  public OutputScript {
    requireNonNull(type, "type is null");
    addresses = List.copyOf(addresses);
  }

  static OutputScript single(ScriptType type, String address) {
    return new OutputScript(type, address, address == null ? List.of() : List.of(address), address == null ? null : 1, null, null);
  }

  /** Whether the node's UTXO set can never hold this output (it is provably unspendable). */
  public boolean unspendable() {
    return type == ScriptType.OP_RETURN;
  }
}
