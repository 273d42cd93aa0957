package org.openbds.xrp.balance;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import org.openbds.xrp.amount.XrpAmount;

/**
 * How much one transaction changed one holding of one account.
 *
 * @param account the account whose holding changed (for {@link Kind#ESCROW} and {@link Kind#PAYCHAN}: the owner or
 *     source that funded the object)
 * @param currency {@code "XRP"}, a 3-character code or 40 hexadecimal digits, as the ledger prints it
 * @param issuer the counterparty of a trust line (the issuer from this account's view); {@code null} for XRP
 * @param value XRP in drops as an integer {@link BigDecimal}; an issued currency exactly (it may carry more than 16
 *     digits, being a difference of two 16-digit values); never zero
 * @param kind what holds the value
 */
public record BalanceChange(String account, String currency, String issuer, BigDecimal value, Kind kind) {
  /** What holds the value. */
  public enum Kind {
    /** The account's own balance: its AccountRoot (XRP) or its side of a trust line (issued currency). */
    ACCOUNT,
    /** Held by an Escrow object that the account created, until it finishes or is cancelled. */
    ESCROW,
    /** Held by a payment channel the account funds: its Amount less what the destination has claimed. */
    PAYCHAN
  }

  public BalanceChange {
    requireNonNull(account, "account is null");
    requireNonNull(currency, "currency is null");
    requireNonNull(value, "value is null");
    requireNonNull(kind, "kind is null");
    if (isXrp(currency) != (issuer == null)) {
      throw new IllegalArgumentException("XRP has no issuer and an issued currency needs one: " + currency);
    }
  }

  public boolean isXrp() {
    return isXrp(currency);
  }

  private static boolean isXrp(String currency) {
    return XrpAmount.XRP.equals(currency);
  }
}
