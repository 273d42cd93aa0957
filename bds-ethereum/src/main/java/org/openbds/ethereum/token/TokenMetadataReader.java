package org.openbds.ethereum.token;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a token contract's {@code name()}, {@code symbol()}, {@code decimals()} and {@code totalSupply()} through a
 * {@link ContractCaller}. Each field is decoded on its own: a reverted, empty or undecodable answer leaves that field
 * unknown and never stops the others. Failures to reach the node propagate from the caller unchanged.
 *
 * <p>Rules (see {@code docs/ethereum-tokens.md}): name and symbol accept an ABI {@code string} or an exactly 32-byte
 * {@code bytes32}, must be valid UTF-8, lose their NUL characters and are unknown when nothing is left; decimals is the
 * first word when it is at most 255; total supply is the first word. Thread-safe if the caller is.
 */
public final class TokenMetadataReader {
  public static final String NAME = Keccak256.selector("name()");
  public static final String SYMBOL = Keccak256.selector("symbol()");
  public static final String DECIMALS = Keccak256.selector("decimals()");
  public static final String TOTAL_SUPPLY = Keccak256.selector("totalSupply()");

  private final ContractCaller caller;

  public TokenMetadataReader(ContractCaller caller) {
    this.caller = requireNonNull(caller, "caller is null");
  }

  public TokenMetadata read(String tokenAddress) {
    requireNonNull(tokenAddress, "tokenAddress is null");
    return new TokenMetadata(
        call(tokenAddress, NAME, AbiReturnDecoder::string),
        call(tokenAddress, SYMBOL, AbiReturnDecoder::string),
        call(tokenAddress, DECIMALS, AbiReturnDecoder::uint8),
        call(tokenAddress, TOTAL_SUPPLY, AbiReturnDecoder::uint256));
  }

  private <T> Optional<T> call(String tokenAddress, String selector, Function<byte[], Optional<T>> decoder) {
    return caller.call(tokenAddress, selector).flatMap(AbiWords::parseHex).flatMap(decoder);
  }
}
