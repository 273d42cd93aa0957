package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Where {@link EvmActivity} deployed the test contracts (lower-case addresses). {@code testToken} is a standard ERC-20
 * (18 decimals); {@code hugeToken} is the same contract whose whole supply is 2^256-1, so its transfers carry amounts
 * of up to 256 bits.
 */
public record DeployedContracts(
    String testToken, String hugeToken, String bytes32Token, String brokenToken, String nft, String multi, String forwarder) {
  public DeployedContracts {
    requireNonNull(testToken, "testToken is null");
    requireNonNull(hugeToken, "hugeToken is null");
    requireNonNull(bytes32Token, "bytes32Token is null");
    requireNonNull(brokenToken, "brokenToken is null");
    requireNonNull(nft, "nft is null");
    requireNonNull(multi, "multi is null");
    requireNonNull(forwarder, "forwarder is null");
  }

  /** The ERC-20 contracts: test, huge, bytes32 and broken token. */
  public List<String> erc20Tokens() {
    return List.of(testToken, hugeToken, bytes32Token, brokenToken);
  }

  public List<String> all() {
    return List.of(testToken, hugeToken, bytes32Token, brokenToken, nft, multi, forwarder);
  }
}
