package org.openbds.api;

import java.util.regex.Pattern;

/** The short lower-case id of a chain (`btc`, `ltc`, `eth`…); it also names the chain's warehouse schema. */
public record ChainId(String value) {
  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  public ChainId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new BdsException(ErrorCode.UNKNOWN_CHAIN, "not a valid chain id: " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
