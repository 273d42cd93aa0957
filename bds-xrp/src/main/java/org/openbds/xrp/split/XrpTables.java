package org.openbds.xrp.split;

import static org.openbds.api.Column.nullable;
import static org.openbds.api.Column.required;
import static org.openbds.api.ColumnType.BIGINT;
import static org.openbds.api.ColumnType.BOOLEAN;
import static org.openbds.api.ColumnType.INTEGER;
import static org.openbds.api.ColumnType.TIMESTAMP;
import static org.openbds.api.ColumnType.VARCHAR;
import static org.openbds.api.ColumnType.VARCHAR_LIST;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openbds.api.BlockTable;
import org.openbds.api.Column;
import org.openbds.api.TableSchema;
import org.openbds.xrp.codec.TransactionFamily;

/**
 * The {@code xrp} schema. Every table carries {@code ledger_index}; rows of a transaction are keyed by
 * {@code (ledger_index, position)} and carry the transaction's {@code hash}. Amounts take four columns: the currency
 * ({@code XRP} for XRP), the issuer (NULL for XRP), the drops (XRP only, an exact integer) and the value (issued
 * currencies only, an exact decimal as text: up to 16 significant digits and exponents from −96 to 80 do not fit a
 * fixed-point type, and binary floating point would round them).
 */
public final class XrpTables {
  public static final String LEDGERS = "ledgers";
  public static final String TRANSACTIONS = "transactions";
  public static final String BALANCE_CHANGES = "balance_changes";
  public static final String OFFER_CHANGES = "offer_changes";
  public static final String TRUST_LINE_CHANGES = "trust_line_changes";
  public static final String ACCOUNT_EVENTS = "account_events";

  private XrpTables() {}

  public static final BlockTable BLOCK_TABLE = new BlockTable(LEDGERS, "ledger_index", "ledger_hash", "parent_hash");

  static final List<String> FAMILIES =
      Arrays.stream(TransactionFamily.values()).map(TransactionFamily::sqlName).toList();

  /** The four columns of an amount named {@code prefix}. */
  static List<Column> amount(String prefix, String description) {
    return List.of(
        nullable(prefix + "_currency", VARCHAR, description + " Currency: XRP, a three-letter code or 40 hex digits."),
        nullable(prefix + "_issuer", VARCHAR, description + " Issuer of an issued currency; NULL for XRP."),
        nullable(prefix + "_drops", BIGINT, description + " XRP amount in drops (1 XRP = 1,000,000 drops); NULL for issued currencies."),
        nullable(prefix + "_value", VARCHAR, description + " Issued-currency amount as an exact decimal; NULL for XRP."));
  }

  private static List<Column> transactionKey() {
    return List.of(
        required("ledger_index", BIGINT, "The ledger (ledgers.ledger_index)."),
        required("position", INTEGER, "The transaction's index in the ledger (order of application)."),
        required("hash", VARCHAR, "The transaction's hash, 64 hex digits."));
  }

  private static List<Column> concat(List<Column> a, List<Column> b) {
    List<Column> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  public static final TableSchema LEDGERS_TABLE = new TableSchema(LEDGERS, "One row per validated ledger.", "ledger_index",
      List.of(
          required("ledger_index", BIGINT, "The ledger's sequence number."),
          required("ledger_hash", VARCHAR, "The ledger's hash, 64 hex digits."),
          required("parent_hash", VARCHAR, "The previous ledger's hash."),
          required("close_time", TIMESTAMP, "When the ledger closed, UTC (converted from seconds since 2000-01-01)."),
          required("close_time_raw", BIGINT, "The close time as the header has it: seconds since 2000-01-01 UTC, rounded to close_time_resolution."),
          nullable("parent_close_time", TIMESTAMP, "The previous ledger's close time, UTC, when the answer has it."),
          required("close_time_resolution", INTEGER, "Seconds the close time is rounded to."),
          nullable("close_flags", INTEGER, "Close flags (1: validators did not agree on a close time)."),
          required("total_coins", BIGINT, "Drops in existence after this ledger; falls by the fees burnt."),
          required("fees_burnt", BIGINT, "Drops destroyed as fees by the ledger's transactions."),
          required("tx_count", INTEGER, "Transactions in the ledger, failed (tec) ones included."),
          required("succeeded_count", INTEGER, "Transactions with result tesSUCCESS."),
          nullable("transaction_hash", VARCHAR, "Root of the ledger's transaction tree."),
          nullable("account_hash", VARCHAR, "Root of the ledger's state tree."),
          required("size", INTEGER, "Bytes of its transactions and their metadata in the network's binary form (the same whatever API printed them).")));

  public static final TableSchema TRANSACTIONS_TABLE = new TableSchema(TRANSACTIONS,
      "One row per transaction, with its result and, for payments and check cashes, what was delivered.", "ledger_index",
      concat(concat(transactionKey(), List.of(
          required("close_time", TIMESTAMP, "The ledger's close time, UTC."),
          required("type", VARCHAR, "TransactionType as the network names it (also types this release does not know)."),
          Column.enumeration("family", FAMILIES, false, "The type's family, which names its detail table; unknown for types this release does not know."),
          required("account", VARCHAR, "The sending account."),
          nullable("destination", VARCHAR, "The destination account, for types that have one."),
          nullable("destination_tag", BIGINT, "The destination tag."),
          nullable("source_tag", BIGINT, "The source tag."),
          required("fee", BIGINT, "Drops burnt as the fee (also for failed tec transactions)."),
          required("sequence", BIGINT, "The account sequence used; 0 when a ticket was used."),
          nullable("ticket_sequence", BIGINT, "The ticket used instead of a sequence."),
          nullable("last_ledger_sequence", BIGINT, "The last ledger the transaction could have been included in."),
          required("flags", BIGINT, "The transaction's Flags (unsigned 32-bit)."),
          required("result", VARCHAR, "The result code (tesSUCCESS, tecPATH_DRY…)."),
          required("succeeded", BOOLEAN, "Whether the result is tesSUCCESS."))),
          concat(amount("delivered", "What a payment or check cash delivered (metadata delivered_amount; a non-partial payment's Amount)."),
              List.of(
                  required("delivered_unavailable", BOOLEAN, "The node reports the delivered amount unavailable (partial payments before 2014)."),
                  required("memo_count", INTEGER, "Number of memos."),
                  nullable("memos", VARCHAR, "The memos as a JSON list of {type, format, data}, decoded from hex to text where they are UTF-8."),
                  nullable("compact_tx_id", VARCHAR, "The compact transaction id (ctid), when the node printed one."),
                  nullable("anomalies", VARCHAR_LIST, "What is unusual but real about the transaction (historic negative balances)."),
                  required("raw_json", VARCHAR, "The transaction and its metadata as the node printed them.")))));

  public static final TableSchema BALANCE_CHANGES_TABLE = new TableSchema(BALANCE_CHANGES,
      "Every balance a transaction changed, from its metadata: XRP balances of accounts, XRP held by escrows and payment"
          + " channels, and issued-currency balances seen from each side of the trust line.",
      "ledger_index",
      concat(transactionKey(), List.of(
          required("account", VARCHAR, "The account whose balance changed (for escrow and channel holdings: their owner)."),
          Column.enumeration("kind", List.of("account", "escrow", "paychan"), false,
              "account: the account's own balance; escrow / paychan: XRP held by an escrow or a payment channel it owns."),
          required("currency", VARCHAR, "XRP, a three-letter code or 40 hex digits."),
          nullable("issuer", VARCHAR, "For issued currencies: the other side of the trust line (the issuer when account is a holder); NULL for XRP."),
          nullable("drops", BIGINT, "XRP change in drops; NULL for issued currencies."),
          nullable("value", VARCHAR, "Issued-currency change as an exact decimal; NULL for XRP."))));

  public static final TableSchema OFFER_CHANGES_TABLE = new TableSchema(OFFER_CHANGES,
      "Every DEX offer a transaction created, changed (partly filled) or removed (filled, cancelled, expired or unfunded).",
      "ledger_index",
      concat(concat(concat(transactionKey(), List.of(
          required("offer_id", VARCHAR, "The offer's ledger object id."),
          Column.enumeration("change", List.of("created", "modified", "deleted"), false, "What happened to the offer."),
          required("owner", VARCHAR, "The offer's owner."),
          nullable("offer_sequence", BIGINT, "The sequence of the OfferCreate that placed it."))),
          concat(amount("gets", "What the owner gives, after the transaction (for a deleted offer: when it was removed)."),
              amount("pays", "What the owner asks for, after the transaction."))),
          concat(amount("gets_before", "What the owner gave before the transaction, when it changed."),
              amount("pays_before", "What the owner asked for before the transaction, when it changed."))));

  public static final TableSchema TRUST_LINE_CHANGES_TABLE = new TableSchema(TRUST_LINE_CHANGES,
      "Every trust line (RippleState) a transaction created, changed or deleted. The balance is seen from the low account;"
          + " positive means the high account owes the low one.",
      "ledger_index",
      concat(transactionKey(), List.of(
          required("line_id", VARCHAR, "The trust line's ledger object id."),
          Column.enumeration("change", List.of("created", "modified", "deleted"), false, "What happened to the line."),
          required("low_account", VARCHAR, "The account with the lower id."),
          required("high_account", VARCHAR, "The account with the higher id."),
          required("currency", VARCHAR, "The currency code."),
          nullable("balance", VARCHAR, "Balance after the transaction, from the low account's side, exact decimal."),
          nullable("balance_before", VARCHAR, "Balance before, when it changed."),
          nullable("low_limit", VARCHAR, "The low account's limit, exact decimal."),
          nullable("high_limit", VARCHAR, "The high account's limit, exact decimal."),
          nullable("flags", BIGINT, "The line's flags after the transaction."))));

  public static final TableSchema ACCOUNT_EVENTS_TABLE = new TableSchema(ACCOUNT_EVENTS,
      "Accounts created (first funded) and deleted (AccountDelete), from the metadata's AccountRoot nodes.", "ledger_index",
      concat(transactionKey(), List.of(
          required("account", VARCHAR, "The account."),
          Column.enumeration("change", List.of("created", "deleted"), false, "Created or deleted."),
          required("balance", BIGINT, "Drops: the first balance of a created account, the last of a deleted one."))));

  /** The detail table of a family as a table schema. */
  static TableSchema schema(DetailTable d) {
    List<Column> cols = new ArrayList<>(transactionKey());
    cols.add(required("type", VARCHAR, "TransactionType."));
    for (DetailField f : d.fields()) {
      switch (f.kind()) {
        case AMOUNT -> cols.addAll(amount(f.column(), f.description()));
        case UINT32 -> cols.add(nullable(f.column(), BIGINT, f.description()));
        case COUNT -> cols.add(nullable(f.column(), INTEGER, f.description()));
        case ACCOUNT_LIST -> cols.add(nullable(f.column(), VARCHAR_LIST, f.description()));
        default -> cols.add(nullable(f.column(), VARCHAR, f.description()));
      }
    }
    for (DetailTable.Flag flag : d.flags()) {
      cols.add(required(flag.column(), BOOLEAN, flag.description()));
    }
    return new TableSchema(d.name(), d.description(), "ledger_index", cols);
  }

  public static final List<TableSchema> TABLES;

  static {
    List<TableSchema> all = new ArrayList<>(List.of(LEDGERS_TABLE, TRANSACTIONS_TABLE, BALANCE_CHANGES_TABLE,
        OFFER_CHANGES_TABLE, TRUST_LINE_CHANGES_TABLE, ACCOUNT_EVENTS_TABLE));
    DetailTable.ALL.forEach(d -> all.add(schema(d)));
    TABLES = List.copyOf(all);
  }
}
