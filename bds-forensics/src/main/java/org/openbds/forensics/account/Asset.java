package org.openbds.forensics.account;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * What an account-chain trace follows: the chain's native coin (wei on Ethereum) or one fungible (ERC-20) token, by
 * its contract address. Amounts are integers of the asset's base unit.
 */
public record Asset(Optional<String> token) {
  public static final Asset NATIVE = new Asset(Optional.empty());

  public Asset {
    requireNonNull(token, "token is null");
    token.ifPresent(t -> {
      if (!t.matches("0x[0-9a-f]{40}")) {
        throw new IllegalArgumentException("a token is named by its contract address (0x and 40 lower-case hex digits), not '" + t + "'");
      }
    });
  }

  /** {@code native} or a token contract address (any case). */
  public static Asset parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("native")) {
      return NATIVE;
    }
    if (!t.matches("0x[0-9a-f]{40}")) {
      throw new IllegalArgumentException("an asset is 'native' or a token contract address (0x and 40 hex digits), not '" + text + "'");
    }
    return new Asset(Optional.of(t));
  }

  public boolean isNative() {
    return token.isEmpty();
  }

  @Override
  public String toString() {
    return token.orElse("native");
  }
}
