package org.openbds.ethereum.token;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.Optional;

/**
 * What a token contract says about itself. Each field is empty when the contract did not answer it in a form we can
 * decode without guessing (reverted, empty, garbage, out of range); see {@link TokenMetadataReader}.
 *
 * @param name free text without NUL characters, never empty when present
 * @param symbol free text without NUL characters, never empty when present
 * @param decimals 0 to 255
 * @param totalSupply in the token's base unit, 0 to 2^256-1
 */
public record TokenMetadata(
    Optional<String> name, Optional<String> symbol, Optional<Integer> decimals, Optional<BigInteger> totalSupply) {
  public TokenMetadata {
    requireNonNull(name, "name is null");
    requireNonNull(symbol, "symbol is null");
    requireNonNull(decimals, "decimals is null");
    requireNonNull(totalSupply, "totalSupply is null");
  }
}
