package org.openbds.forensics.evidence;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.openbds.forensics.taint.Rational;

/**
 * How a case's amounts read: exactly in base units (satoshis, wei, a token's smallest unit), and beside them in coin
 * units — 8 decimals on a UTXO chain, 18 for an account chain's native coin (wei to ether). A token's decimals are not
 * in the case file, so its amounts stay in base units. Times read in UTC, whatever the machine's zone.
 */
final class Units {
  static final String NATIVE = "native";
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final EvidenceCase.Model model;
  private final String coin;

  Units(EvidenceCase evidence) {
    this.model = evidence.model();
    this.coin = evidence.chain().id().toUpperCase(Locale.ROOT);
  }

  /** The decimals of {@code asset}'s coin unit ({@code native} on a UTXO chain too), or empty for a token. */
  Optional<Integer> decimals(String asset) {
    if (!asset.equals(NATIVE)) {
      return Optional.empty();
    }
    return Optional.of(model == EvidenceCase.Model.UTXO ? 8 : 18);
  }

  /** The name of the coin unit: the chain's id in capitals (LTC, BTC, ETH). */
  String coin() {
    return coin;
  }

  /** {@code amount} exactly in base units: an integer, or a fraction {@code numerator/denominator}. */
  static String base(Rational amount) {
    return amount.toString();
  }

  static String base(BigInteger amount) {
    return amount.toString();
  }

  /** {@code amount} of {@code asset} in coin units, all decimals shown ({@code 0.50000000 LTC}); empty for a token. */
  Optional<String> inCoins(Rational amount, String asset) {
    return decimals(asset).map(d -> {
      // exact for whole amounts (base units are the coin's last decimal); a fraction is rounded to that decimal
      BigDecimal coins = new BigDecimal(amount.numerator()).divide(new BigDecimal(amount.denominator()).scaleByPowerOfTen(d), d, RoundingMode.HALF_EVEN);
      return (amount.isWhole() ? "" : "≈ ") + coins.toPlainString() + " " + coin;
    });
  }

  Optional<String> inCoins(BigInteger amount, String asset) {
    return inCoins(new Rational(amount, BigInteger.ONE), asset);
  }

  /** Base units, then coin units where there are any: {@code 50000000 (0.50000000 LTC)}. */
  String both(Rational amount, String asset) {
    return base(amount) + inCoins(amount, asset).map(c -> " (" + c + ")").orElse(asset.equals(NATIVE) ? "" : " base units of " + asset);
  }

  String both(BigInteger amount, String asset) {
    return both(new Rational(amount, BigInteger.ONE), asset);
  }

  /** {@code time} in UTC to the second: {@code 2026-10-31 12:00:00 UTC}. */
  static String utc(Instant time) {
    return UTC.format(time);
  }
}
