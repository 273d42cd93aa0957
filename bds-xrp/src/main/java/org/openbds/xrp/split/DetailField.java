package org.openbds.xrp.split;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One typed field of a transaction family's detail table, read from the transaction's JSON by name.
 *
 * @param column the column's name (an amount gives four columns: {@code _currency}, {@code _issuer}, {@code _drops},
 *     {@code _value})
 * @param fields the JSON field names, the first one present wins (e.g. {@code Amount}, then API v2's {@code DeliverMax})
 * @param kind how the value is read and stored
 */
record DetailField(String column, List<String> fields, Kind kind, String description) {
  DetailField {
    requireNonNull(column, "column is null");
    fields = List.copyOf(fields);
    requireNonNull(kind, "kind is null");
    requireNonNull(description, "description is null");
  }

  static DetailField of(String column, String field, Kind kind, String description) {
    return new DetailField(column, List.of(field), kind, description);
  }

  enum Kind {
    /** An r-address. */
    ACCOUNT,
    /** An unsigned integer of up to 32 bits. */
    UINT32,
    /** A hash or other hex field printed as is (uppercase hex). */
    HEX,
    /** Hex-encoded bytes shown as text when they are UTF-8 (a domain, a URI), else as 0x-prefixed hex. */
    TEXT_HEX,
    /** An XRP or issued-currency amount: four columns. */
    AMOUNT,
    /** An asset without amount ({@code {"currency":"XRP"}} or currency and issuer), as {@code XRP} or {@code USD.rIssuer}. */
    ASSET,
    /** The number of entries of a list (paths, signer entries, offers). */
    COUNT,
    /** Accounts named in a list of wrapped objects (signer entries: {@code SignerEntries[].SignerEntry.Account}). */
    ACCOUNT_LIST,
    /** A 64-bit unsigned integer printed as hex or decimal text; stored as exact decimal text. */
    UINT64
  }
}
