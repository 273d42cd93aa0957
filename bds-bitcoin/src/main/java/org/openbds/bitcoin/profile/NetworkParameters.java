package org.openbds.bitcoin.profile;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.openbds.api.Hash32;

/**
 * Parameters of one network of a chain (mainnet, testnet, regtest): block-file magic, address versions and prefixes,
 * genesis hash. Absent values mean the network does not use that encoding (no bech32 on Dogecoin, say) or, for the
 * genesis, that any genesis is accepted (the generator's {@code synthetic} network).
 */
public record NetworkParameters(
    String name,
    int diskMagic,
    int p2pkhVersion,
    int p2shVersion,
    Optional<String> bech32Prefix,
    Optional<String> cashAddrPrefix,
    Optional<Hash32> genesisHash,
    int defaultRpcPort,
    Optional<SubsidySchedule> subsidy) {

  public NetworkParameters {
    requireNonNull(name, "name is null");
    requireNonNull(bech32Prefix, "bech32Prefix is null");
    requireNonNull(cashAddrPrefix, "cashAddrPrefix is null");
    requireNonNull(genesisHash, "genesisHash is null");
    requireNonNull(subsidy, "subsidy is null");
  }

  /** The magic as the four bytes that precede each block record in a block file. */
  public byte[] diskMagicBytes() {
    return new byte[] {(byte) (diskMagic >>> 24), (byte) (diskMagic >>> 16), (byte) (diskMagic >>> 8), (byte) diskMagic};
  }
}
