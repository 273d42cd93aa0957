package org.openbds.ethereum.split;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbds.ethereum.token.TokenHolding;

/**
 * What the source read from the node's state besides the block itself, for the splitter to use where the block alone
 * does not say it: the headers of included uncles (their miners), the opening balance of each address the source had
 * not seen before (its balance at the block before), and the raw {@code eth_call} answers of new token contracts
 * (name, symbol, decimals, totalSupply; empty where the call failed), and the opening token holdings (at the block
 * before) of each holding of a token contract that predates the synced range which the source had not seen before, by
 * {@link TokenHolding#key()}. Addresses are {@code 0x} and lowercase hex.
 */
public record NodeFacts(
    List<NativeBalanceChanges.Uncle> uncles, Map<String, BigInteger> openings, Map<String, TokenCalls> tokenCalls, Map<String, TokenOpening> tokenOpenings) {
  public NodeFacts {
    uncles = List.copyOf(uncles);
    openings = Map.copyOf(openings);
    tokenCalls = Map.copyOf(tokenCalls);
    tokenOpenings = Map.copyOf(tokenOpenings);
  }

  /** Facts without token openings (every token contract is younger than the synced range). */
  public NodeFacts(List<NativeBalanceChanges.Uncle> uncles, Map<String, BigInteger> openings, Map<String, TokenCalls> tokenCalls) {
    this(uncles, openings, tokenCalls, Map.of());
  }

  public static NodeFacts none() {
    return new NodeFacts(List.of(), Map.of(), Map.of(), Map.of());
  }

  /** A token holding at the block before; {@code held} is empty when the contract gave no usable answer. */
  public record TokenOpening(TokenHolding holding, Optional<TokenHolding.Held> held) {}

  /** The hex answers of a token's metadata calls at the block; empty where the call reverted or failed. */
  public record TokenCalls(Optional<String> name, Optional<String> symbol, Optional<String> decimals, Optional<String> totalSupply) {}
}
