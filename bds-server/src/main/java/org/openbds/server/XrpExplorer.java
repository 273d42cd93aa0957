package org.openbds.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The explorer of the XRP Ledger family: ledgers for blocks, accounts for addresses. XRP amounts are integer drops
 * (JSON numbers); issued-currency amounts are the exact decimal text the tables hold, and their sums are made here with
 * {@link BigDecimal}, because their range (16 significant digits, exponents from −96 to 80) fits no SQL decimal type.
 * Drops are strings of their digits, like wei: the coins in existence (10^17 drops) and large balances exceed the 2^53
 * that a JSON reader holding numbers as doubles (a browser) keeps exactly.
 * Hashes are upper-case hex, as the network prints them; either case is accepted.
 */
final class XrpExplorer implements Explorer {
  private static final String LEDGER_COLUMNS =
      "ledger_index, ledger_hash, parent_hash, close_time, close_time_raw, parent_close_time, close_time_resolution, close_flags,"
          + " total_coins, fees_burnt, tx_count, succeeded_count, transaction_hash, account_hash, size";

  /** A transaction as a ledger's or an account's list shows it. */
  private static final String LIST_COLUMNS =
      "x.ledger_index, x.position, x.hash, x.close_time, x.type, x.account, x.destination, x.fee, x.result, x.succeeded,"
          + " x.delivered_currency, x.delivered_issuer, x.delivered_drops, x.delivered_value";

  private static final String TRANSACTION_COLUMNS =
      "x.ledger_index, x.position, x.hash, x.close_time, x.type, x.family, x.account, x.destination, x.destination_tag, x.source_tag,"
          + " x.fee, x.sequence, x.ticket_sequence, x.last_ledger_sequence, x.flags, x.result, x.succeeded, x.delivered_currency,"
          + " x.delivered_issuer, x.delivered_drops, x.delivered_value, x.delivered_unavailable, x.memo_count, x.memos, x.compact_tx_id,"
          + " x.anomalies, x.raw_json";

  /** The detail table of each transaction family (transactions.family); the unknown family has none. */
  private static final Map<String, String> DETAIL_TABLES =
      Map.ofEntries(
          Map.entry("payment", "payments"),
          Map.entry("offer", "offers"),
          Map.entry("trust_set", "trust_sets"),
          Map.entry("account", "account_settings"),
          Map.entry("escrow", "escrows"),
          Map.entry("payment_channel", "payment_channels"),
          Map.entry("check", "checks"),
          Map.entry("nftoken", "nftokens"),
          Map.entry("amm", "amm"),
          Map.entry("clawback", "clawbacks"),
          Map.entry("pseudo", "pseudo_transactions"));

  /** Columns in drops besides those named {@code *_drops}. */
  private static final java.util.Set<String> DROPS =
      java.util.Set.of("drops", "total_coins", "fees_burnt", "fee", "fees", "balance", "xrp_change", "escrow_change", "paychan_change");

  /** Positions in a ledger stay far below this; an account's history is ordered by ledger_index * 2^20 + position. */
  private static final long POSITIONS = 1L << 20;

  private final ReaderPool readers;

  XrpExplorer(ReaderPool readers) {
    this.readers = requireNonNull(readers, "readers is null");
  }

  /** Transactions and ledgers by hash; an account's transactions sent, received, and its balance changes. */
  @Override
  public List<String> lookupIndexes() {
    return List.of("transactions(hash)", "ledgers(ledger_hash)", "transactions(account)", "transactions(destination)", "balance_changes(account)");
  }

  /**
   * The stored range: its first and last ledger, the drops in existence after the last and the fees burnt over the
   * range (the coins before the first ledger, less those after the last), read from the two ledgers alone.
   */
  @Override
  public Optional<Map<String, Object>> summary(String s) {
    return readers.row(
            "SELECT f.ledger_index AS first_ledger, l.ledger_index AS last_ledger, l.close_time AS last_close_time, l.total_coins,"
                + " f.total_coins + f.fees_burnt - l.total_coins AS fees_burnt"
                + " FROM (SELECT min(ledger_index) AS lo, max(ledger_index) AS hi FROM " + s + ".ledgers) r"
                + " JOIN " + s + ".ledgers f ON f.ledger_index = r.lo JOIN " + s + ".ledgers l ON l.ledger_index = r.hi")
        .map(XrpExplorer::dropsAsText);
  }

  @Override
  public Page blocks(String s, Optional<Cursor> after, int limit) {
    long below = after.map(Cursor::first).orElse(Long.MAX_VALUE);
    return dropsAsText(BitcoinExplorer.page(
        readers.rows(
            "SELECT ledger_index AS height, ledger_hash AS hash, close_time AS time, tx_count, succeeded_count, fees_burnt, total_coins FROM " + s
                + ".ledgers WHERE ledger_index < ? ORDER BY ledger_index DESC LIMIT ?",
            below,
            limit + 1),
        limit,
        "height",
        false));
  }

  /** The ledger, its first {@code transactions} transactions and the cursor of the rest ({@link #blockTransactions}). */
  @Override
  public Optional<Map<String, Object>> block(String s, String id, int transactions) {
    Optional<Map<String, Object>> ledger = ledger(s, id);
    ledger.ifPresent(
        l -> {
          long index = ((Number) l.get("ledger_index")).longValue();
          Page first = transactionsOf(s, index, -1, transactions);
          l.put("transactions", first.items());
          l.put("transactions_next_cursor", first.next().map(Cursor::encode).orElse(null));
        });
    return ledger.map(XrpExplorer::dropsAsText);
  }

  @Override
  public Optional<Page> blockTransactions(String s, String id, Optional<Cursor> after, int limit) {
    Optional<Map<String, Object>> ledger = ledger(s, id);
    if (ledger.isEmpty()) {
      return Optional.empty();
    }
    long index = ((Number) ledger.get().get("ledger_index")).longValue();
    if (after.isPresent() && after.get().second() != index) {
      throw ApiException.badRequest("cursor belongs to another ledger's transactions");
    }
    return Optional.of(dropsAsText(transactionsOf(s, index, after.map(Cursor::first).orElse(-1L), limit)));
  }

  private Optional<Map<String, Object>> ledger(String s, String id) {
    if (Identifiers.isHeight(id)) {
      return readers.row("SELECT " + LEDGER_COLUMNS + " FROM " + s + ".ledgers WHERE ledger_index = ?", Long.parseLong(id));
    }
    return readers.row("SELECT " + LEDGER_COLUMNS + " FROM " + s + ".ledgers WHERE ledger_hash = ?", Identifiers.xrpHash(id, "a ledger id"));
  }

  /** A ledger's transactions after position {@code after}; the cursor holds (position, ledger). */
  private Page transactionsOf(String s, long ledger, long after, int limit) {
    if (limit == 0) {
      return new Page(List.of(), Optional.empty());
    }
    List<Map<String, Object>> rows =
        readers.rows(
            "SELECT " + LIST_COLUMNS + " FROM " + s + ".transactions x WHERE x.ledger_index = ? AND x.position > ? ORDER BY x.position LIMIT ?",
            ledger,
            after,
            limit + 1);
    List<Map<String, Object>> items = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
    Optional<Cursor> next = Optional.empty();
    if (rows.size() > limit) {
      next = Optional.of(new Cursor(((Number) items.get(items.size() - 1).get("position")).longValue(), ledger));
    }
    return new Page(items, next);
  }

  /**
   * The transaction with its memos and raw JSON as JSON, its detail table's row ({@code detail}, null for an unknown
   * type), and every balance, offer, trust line and account it changed.
   */
  @Override
  public Optional<Map<String, Object>> transaction(String s, String id) {
    String hash = Identifiers.xrpHash(id, "a transaction hash");
    Optional<Map<String, Object>> found =
        readers.row("SELECT " + TRANSACTION_COLUMNS + ", l.ledger_hash FROM " + s + ".transactions x JOIN " + s
            + ".ledgers l ON l.ledger_index = x.ledger_index WHERE x.hash = ?", hash);
    found.ifPresent(
        t -> {
          Object ledger = t.get("ledger_index");
          Object position = t.get("position");
          t.put("memos", parsed(t.get("memos")));
          t.put("raw_json", parsed(t.get("raw_json")));
          String table = DETAIL_TABLES.get(String.valueOf(t.get("family")));
          Map<String, Object> detail = null;
          if (table != null) {
            detail = readers.row("SELECT * FROM " + s + "." + table + " WHERE ledger_index = ? AND position = ?", ledger, position).orElse(null);
            if (detail != null) {
              detail.keySet().removeAll(List.of("ledger_index", "position", "hash", "type"));
              Map<String, Object> named = new LinkedHashMap<>();
              named.put("table", table);
              named.put("row", detail);
              detail = named;
            }
          }
          t.put("detail", detail);
          t.put("balance_changes", readers.rows(
              "SELECT account, kind, currency, issuer, drops, value FROM " + s + ".balance_changes WHERE ledger_index = ? AND position = ?"
                  + " ORDER BY account, kind, currency, issuer", ledger, position));
          t.put("offer_changes", readers.rows(
              "SELECT offer_id, change, owner, offer_sequence, gets_currency, gets_issuer, gets_drops, gets_value, pays_currency, pays_issuer,"
                  + " pays_drops, pays_value, gets_before_currency, gets_before_issuer, gets_before_drops, gets_before_value,"
                  + " pays_before_currency, pays_before_issuer, pays_before_drops, pays_before_value FROM " + s + ".offer_changes"
                  + " WHERE ledger_index = ? AND position = ? ORDER BY offer_id", ledger, position));
          t.put("trust_line_changes", readers.rows(
              "SELECT line_id, change, low_account, high_account, currency, balance, balance_before, low_limit, high_limit, flags FROM " + s
                  + ".trust_line_changes WHERE ledger_index = ? AND position = ? ORDER BY line_id", ledger, position));
          t.put("account_events", readers.rows(
              "SELECT account, change, balance FROM " + s + ".account_events WHERE ledger_index = ? AND position = ? ORDER BY account",
              ledger, position));
        });
    return found.map(XrpExplorer::dropsAsText);
  }

  private static Page dropsAsText(Page page) {
    page.items().forEach(XrpExplorer::dropsAsText);
    return page;
  }

  /** The drops in {@code row} (and the rows and lists it holds) as strings of their digits; returns {@code row}. */
  private static Map<String, Object> dropsAsText(Map<String, Object> row) {
    for (Map.Entry<String, Object> e : row.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Number n && (DROPS.contains(e.getKey()) || e.getKey().endsWith("_drops"))) {
        e.setValue(Long.toString(n.longValue()));
      } else if (v instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) m;
        dropsAsText(inner);
      } else if (v instanceof List<?> list) {
        for (Object item : list) {
          if (item instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> inner = (Map<String, Object>) m;
            dropsAsText(inner);
          }
        }
      }
    }
    return row;
  }

  /** A JSON text column as JSON (the warehouse wrote it; NULL stays null). */
  private static Object parsed(Object text) {
    if (text == null) {
      return null;
    }
    try {
      return ApiServer.JSON.readTree((String) text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the warehouse holds JSON text that does not parse: " + e.getOriginalMessage(), e);
    }
  }

  /** The transactions that name the account as sender or destination, or change one of its balances. */
  private static String involving(String s) {
    return "SELECT ledger_index, position FROM " + s + ".transactions WHERE account = ?"
        + " UNION SELECT ledger_index, position FROM " + s + ".transactions WHERE destination = ?"
        + " UNION SELECT ledger_index, position FROM " + s + ".balance_changes WHERE account = ?";
  }

  /**
   * The account over the stored ledgers: its transactions (sent: it signed them; received: it was their destination),
   * the sum of its XRP balance changes (fees included), of the XRP held by its escrows and payment channels, and of each
   * issued currency per counterparty; when it was first and last seen, and its creation or deletion.
   */
  @Override
  public Optional<Map<String, Object>> address(String s, String address) {
    String a = account(address);
    Map<String, Object> seen =
        readers.row(
            "SELECT count(*) AS transactions, min(t.ledger_index) AS first_ledger, max(t.ledger_index) AS last_ledger FROM (" + involving(s) + ") t",
            a, a, a).orElseThrow();
    if (((Number) seen.get("transactions")).longValue() == 0) {
      return Optional.empty();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("account", a);
    out.putAll(seen);
    // every XRP sum fits 64 bits (there are 10^17 drops in all), so it is cast back from the wider sum type
    out.putAll(
        readers.row(
            "SELECT (SELECT count(*) FROM " + s + ".transactions WHERE account = ?) AS sent,"
                + " (SELECT count(*) FROM " + s + ".transactions WHERE destination = ? AND account <> ?) AS received,"
                + " (SELECT CAST(coalesce(sum(fee), 0) AS BIGINT) FROM " + s + ".transactions WHERE account = ?) AS fees,"
                + " (SELECT first.close_time FROM " + s + ".ledgers first WHERE first.ledger_index = ?) AS first_seen,"
                + " (SELECT last.close_time FROM " + s + ".ledgers last WHERE last.ledger_index = ?) AS last_seen",
            a, a, a, a, seen.get("first_ledger"), seen.get("last_ledger")).orElseThrow());
    Map<String, Object> xrp = new LinkedHashMap<>(Map.of("account", 0L, "escrow", 0L, "paychan", 0L));
    for (Map<String, Object> r : readers.rows(
        "SELECT CAST(kind AS VARCHAR) AS kind, CAST(sum(drops) AS BIGINT) AS drops FROM " + s + ".balance_changes"
            + " WHERE account = ? AND drops IS NOT NULL GROUP BY CAST(kind AS VARCHAR)", a)) {
      xrp.put((String) r.get("kind"), r.get("drops"));
    }
    out.put("xrp_change", xrp.get("account"));
    out.put("escrow_change", xrp.get("escrow"));
    out.put("paychan_change", xrp.get("paychan"));
    out.put("issued", issued(s, a));
    out.put("events", readers.rows(
        "SELECT e.ledger_index, e.hash, e.change, e.balance, l.close_time FROM " + s + ".account_events e JOIN " + s
            + ".ledgers l ON l.ledger_index = e.ledger_index WHERE e.account = ? ORDER BY e.ledger_index, e.position", a));
    return Optional.of(dropsAsText(out));
  }

  /** The account's issued-currency changes summed exactly per currency and counterparty, with their count. */
  private List<Map<String, Object>> issued(String s, String a) {
    Map<List<Object>, BigDecimal> sums = new LinkedHashMap<>();
    Map<List<Object>, Long> counts = new LinkedHashMap<>();
    // equal values are summed as one value times their count, so an account paying the same amount often reads few rows
    for (Map<String, Object> r : readers.rows(
        "SELECT currency, issuer, value, count(*) AS n FROM " + s + ".balance_changes WHERE account = ? AND value IS NOT NULL"
            + " GROUP BY currency, issuer, value ORDER BY currency, issuer", a)) {
      List<Object> key = java.util.Arrays.asList(r.get("currency"), r.get("issuer"));
      long n = ((Number) r.get("n")).longValue();
      BigDecimal v = new BigDecimal((String) r.get("value")).multiply(BigDecimal.valueOf(n));
      sums.merge(key, v, BigDecimal::add);
      counts.merge(key, n, Long::sum);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<List<Object>, BigDecimal> e : sums.entrySet()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("currency", e.getKey().get(0));
      m.put("issuer", e.getKey().get(1));
      m.put("change", plain(e.getValue()));
      m.put("changes", counts.get(e.getKey()));
      out.add(m);
    }
    return out;
  }

  /** An exact decimal as its plain digits, without trailing zeros ("0" for zero). */
  static String plain(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  /** The ten accounts it exchanged most transactions with (either side). */
  @Override
  public Optional<Object> counterparties(String s, String address) {
    String a = account(address);
    if (!seen(s, a)) {
      return Optional.empty();
    }
    return Optional.of(
        readers.rows(
            "SELECT CASE WHEN account = ? THEN destination ELSE account END AS counterparty, count(*) AS transactions FROM " + s + ".transactions"
                + " WHERE (account = ? AND destination IS NOT NULL AND destination <> ?) OR (destination = ? AND account <> ?)"
                + " GROUP BY 1 ORDER BY transactions DESC, counterparty LIMIT 10",
            a, a, a, a, a));
  }

  /**
   * The account's transactions newest first, each with its direction ({@code sent}: the account signed it,
   * {@code received}: it was the destination, {@code other}: only a balance of it changed, e.g. an offer of it was
   * taken) and the change of its own XRP balance ({@code xrp_change}, drops, the fee of what it sent included).
   */
  @Override
  public Page history(String s, String address, Optional<Cursor> after, int limit) {
    String a = account(address);
    long before = after.map(Cursor::first).orElse(Long.MAX_VALUE);
    List<Map<String, Object>> rows =
        readers.rows(
            "SELECT t.ledger_index * " + POSITIONS + " + t.position AS tx_key, " + LIST_COLUMNS + ","
                + " CASE WHEN x.account = ? THEN 'sent' WHEN x.destination = ? THEN 'received' ELSE 'other' END AS direction,"
                + " (SELECT CAST(coalesce(sum(b.drops), 0) AS BIGINT) FROM " + s + ".balance_changes b WHERE b.ledger_index = t.ledger_index"
                + " AND b.position = t.position AND b.account = ? AND b.kind = 'account') AS xrp_change"
                + " FROM (" + involving(s) + ") t JOIN " + s + ".transactions x ON x.ledger_index = t.ledger_index AND x.position = t.position"
                + " WHERE t.ledger_index * " + POSITIONS + " + t.position < ? ORDER BY tx_key DESC LIMIT ?",
            a, a, a, a, a, a, before, limit + 1);
    return dropsAsText(BitcoinExplorer.page(rows, limit, "tx_key", true));
  }

  @Override
  public List<Map<String, Object>> search(String s, String text) {
    List<Map<String, Object>> found = new ArrayList<>();
    String q = text.strip();
    if (Identifiers.isHeight(q) && readers.row("SELECT 1 FROM " + s + ".ledgers WHERE ledger_index = ?", Long.parseLong(q)).isPresent()) {
      found.add(found("block", q));
    }
    if (Identifiers.isHash(q)) {
      String h = Identifiers.xrpHash(q, "a hash");
      if (readers.row("SELECT 1 FROM " + s + ".ledgers WHERE ledger_hash = ?", h).isPresent()) {
        found.add(found("block", h));
      }
      if (readers.row("SELECT 1 FROM " + s + ".transactions WHERE hash = ?", h).isPresent()) {
        found.add(found("transaction", h));
      }
    }
    if (Identifiers.isXrpAccount(q) && seen(s, q)) {
      found.add(found("address", q));
    }
    return found;
  }

  /** A search result, its type first. */
  private static Map<String, Object> found(String type, String id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("id", id);
    return m;
  }

  private boolean seen(String s, String account) {
    return readers.row("SELECT 1 WHERE EXISTS (" + involving(s) + ")", account, account, account).isPresent();
  }

  private static String account(String address) {
    if (!Identifiers.isXrpAccount(address)) {
      throw ApiException.badRequest("an account of this chain is an r-address (r and 24 to 34 base58 digits), not '" + Identifiers.shorten(address) + "'");
    }
    return address;
  }
}
