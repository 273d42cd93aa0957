package org.openbds.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openbds.api.ChainId;
import org.openbds.api.Warehouse;
import org.openbds.xrp.codec.TransactionFamily;
import org.openbds.xrp.split.XrpTables;

/**
 * A small XRP Ledger written by hand into a warehouse's tables, for metric tests whose expected values are worked out
 * by hand. Accounts are short labels; amounts are drops. Each ledger's header is booked as the splitter books it: its
 * fees burnt are the fees of its transactions (pseudo-transactions pay none), its total coins the previous ledger's
 * less them, its tx_count every transaction it holds. Only the rows the metrics read are written: the transaction and
 * its Payment or offer fields, and the state changes a test gives it (offers, trust lines, accounts, escrow and channel
 * holdings).
 */
final class XrpTestChain {
  static final ChainId CHAIN = new ChainId("xrp");
  static final String ISSUER = "rIssuer";
  /** Seconds from 1970-01-01 to the XRP Ledger's epoch, 2000-01-01 UTC. */
  private static final long RIPPLE_EPOCH = 946_684_800L;

  /** A transaction of the current ledger, completed by its fluent setters before the ledger is finished. */
  final class Tx {
    final String type;
    final String account;
    final boolean pseudo;
    final List<String> stateRows = new ArrayList<>();
    String destination;
    long fee = 12;
    long flags;
    String result = "tesSUCCESS";
    int memos;
    String amountCurrency;
    Long amountDrops;
    String amountValue;
    String sendMaxCurrency;
    boolean partial;
    Long offerSequence;

    private Tx(String type, String account, boolean pseudo) {
      this.type = type;
      this.account = account;
      this.pseudo = pseudo;
      if (pseudo) {
        fee = 0;
      }
    }

    Tx fee(long drops) {
      fee = drops;
      return this;
    }

    /** A tec result: the fee is burnt, nothing else happens. */
    Tx failed(String tecResult) {
      result = tecResult;
      return this;
    }

    Tx to(String account) {
      destination = account;
      return this;
    }

    Tx memos(int count) {
      memos = count;
      return this;
    }

    Tx flags(long value) {
      flags = value;
      return this;
    }

    /** A Payment's Amount in XRP: what it delivers when it succeeds. */
    Tx xrp(long drops) {
      amountCurrency = "XRP";
      amountDrops = drops;
      return this;
    }

    /** A Payment's Amount in an issued currency of {@link #ISSUER}: what it delivers when it succeeds. */
    Tx iou(String currency, String value) {
      amountCurrency = currency;
      amountValue = value;
      return this;
    }

    Tx sendMax(String currency) {
      sendMaxCurrency = currency;
      return this;
    }

    /** tfPartialPayment. */
    Tx partial() {
      partial = true;
      flags |= 0x0002_0000L;
      return this;
    }

    /** OfferCreate / OfferCancel: the OfferSequence it names (the offer it replaces or cancels). */
    Tx naming(long sequence) {
      offerSequence = sequence;
      return this;
    }

    /**
     * An offer the transaction changed: {@code gets} is what the owner gives after the transaction (Long drops of XRP,
     * or a String value of USD); {@code amountsChanged} says whether the transaction changed its amounts (a fill),
     * which gives it amounts before.
     */
    Tx offer(String id, String change, String owner, long sequence, Object gets, boolean amountsChanged) {
      String getsCells = gets instanceof Long drops ? "'XRP', NULL, " + drops + ", NULL" : "'USD', '" + ISSUER + "', NULL, '" + gets + "'";
      String before = amountsChanged ? "'XRP', NULL, 100, NULL, 'USD', '" + ISSUER + "', NULL, '1'" : "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL";
      stateRows.add("INSERT INTO xrp.offer_changes (ledger_index, position, hash, offer_id, change, owner, offer_sequence,"
          + " gets_currency, gets_issuer, gets_drops, gets_value, pays_currency, pays_issuer, pays_drops, pays_value,"
          + " gets_before_currency, gets_before_issuer, gets_before_drops, gets_before_value,"
          + " pays_before_currency, pays_before_issuer, pays_before_drops, pays_before_value) VALUES (%d, %d, '%s', '" + id + "', '"
          + change + "', '" + owner + "', " + sequence + ", " + getsCells + ", 'USD', '" + ISSUER + "', NULL, '1', " + before + ")");
      return this;
    }

    Tx trustLine(String id, String change) {
      stateRows.add("INSERT INTO xrp.trust_line_changes (ledger_index, position, hash, line_id, change, low_account, high_account,"
          + " currency, balance, balance_before, low_limit, high_limit, flags) VALUES (%d, %d, '%s', '" + id + "', '" + change
          + "', '" + account + "', '" + ISSUER + "', 'USD', '0', NULL, '100', '0', 0)");
      return this;
    }

    Tx accountEvent(String who, String change, long balance) {
      stateRows.add("INSERT INTO xrp.account_events (ledger_index, position, hash, account, change, balance) VALUES (%d, %d, '%s', '"
          + who + "', '" + change + "', " + balance + ")");
      return this;
    }

    /** An XRP balance change of {@code kind} account, escrow or paychan, booked to {@code owner}. */
    Tx holding(String owner, String kind, long drops) {
      stateRows.add("INSERT INTO xrp.balance_changes (ledger_index, position, hash, account, kind, currency, issuer, drops, value)"
          + " VALUES (%d, %d, '%s', '" + owner + "', '" + kind + "', 'XRP', NULL, " + drops + ", NULL)");
      return this;
    }

    /** An issued-currency balance change of {@code kind}, booked to {@code owner}. */
    Tx holdingIou(String owner, String kind, String value) {
      stateRows.add("INSERT INTO xrp.balance_changes (ledger_index, position, hash, account, kind, currency, issuer, drops, value)"
          + " VALUES (%d, %d, '%s', '" + owner + "', '" + kind + "', 'USD', '" + ISSUER + "', NULL, '" + value + "')");
      return this;
    }

    boolean succeeded() {
      return result.equals("tesSUCCESS");
    }

    /** The delivered amount's four cells: what a successful Payment's Amount asked (none for other transactions). */
    String delivered() {
      if (!succeeded() || amountCurrency == null) {
        return "NULL, NULL, NULL, NULL";
      }
      return amountDrops != null ? "'XRP', NULL, " + amountDrops + ", NULL" : "'" + amountCurrency + "', '" + ISSUER + "', NULL, '" + amountValue + "'";
    }
  }

  private final List<String> sql = new ArrayList<>();
  private final List<Tx> txs = new ArrayList<>();
  private long nextIndex;
  private long totalCoins;
  private long txCounter;
  private Instant closeTime;

  /**
   * A ledger whose first ledger has index {@code firstIndex}, with {@code totalCoins} drops in existence before it.
   */
  XrpTestChain(long firstIndex, long totalCoins) {
    this.nextIndex = firstIndex;
    this.totalCoins = totalCoins;
  }

  /** Starts a ledger closing at {@code time} (an ISO instant, UTC). */
  XrpTestChain ledger(String time) {
    finishLedger();
    closeTime = Instant.parse(time);
    return this;
  }

  /** A transaction signed by {@code account}. */
  Tx tx(String type, String account) {
    Tx t = new Tx(type, account, false);
    txs.add(t);
    return t;
  }

  /** A pseudo-transaction (EnableAmendment, SetFee, UNLModify): account zero, no fee. */
  Tx pseudo(String type) {
    Tx t = new Tx(type, "rrrrrrrrrrrrrrrrrrrrrhoLvTp", true);
    txs.add(t);
    return t;
  }

  private void finishLedger() {
    if (closeTime == null) {
      return;
    }
    long index = nextIndex++;
    long fees = 0;
    int succeeded = 0;
    for (int position = 0; position < txs.size(); position++) {
      Tx t = txs.get(position);
      fees += t.fee;
      succeeded += t.succeeded() ? 1 : 0;
      transaction(index, position, t);
    }
    totalCoins -= fees;
    sql.add(String.format(
        "INSERT INTO xrp.ledgers (ledger_index, ledger_hash, parent_hash, close_time, close_time_raw, close_time_resolution,"
            + " total_coins, fees_burnt, tx_count, succeeded_count, size) VALUES (%d, '%064X', '%064X', TIMESTAMP '%s', %d, 10, %d, %d, %d, %d, 1000)",
        index, index, index - 1, ts(closeTime), closeTime.getEpochSecond() - RIPPLE_EPOCH, totalCoins, fees, txs.size(), succeeded));
    txs.clear();
    closeTime = null;
  }

  private void transaction(long index, int position, Tx t) {
    String hash = String.format("%064X", ++txCounter + 1_000_000);
    String family = TransactionFamily.of(t.type).sqlName();
    sql.add(String.format(
        "INSERT INTO xrp.transactions (ledger_index, position, hash, close_time, type, family, account, destination, fee, sequence,"
            + " flags, result, succeeded, delivered_currency, delivered_issuer, delivered_drops, delivered_value, delivered_unavailable,"
            + " memo_count, raw_json) VALUES (%d, %d, '%s', TIMESTAMP '%s', '%s', '%s', '%s', %s, %d, %d, %d, '%s', %s, %s,"
            + " false, %d, '{}')",
        index, position, hash, ts(closeTime), t.type, family, t.account, quoted(t.destination), t.fee, txCounter, t.flags, t.result,
        t.succeeded(), t.delivered(), t.memos));
    if (t.type.equals("Payment")) {
      sql.add(String.format(
          "INSERT INTO xrp.payments (ledger_index, position, hash, type, amount_currency, send_max_currency, partial, no_direct_ripple,"
              + " limit_quality) VALUES (%d, %d, '%s', 'Payment', %s, %s, %s, false, false)",
          index, position, hash, quoted(t.amountCurrency), quoted(t.sendMaxCurrency), t.partial));
    }
    if (t.type.equals("OfferCreate") || t.type.equals("OfferCancel")) {
      sql.add(String.format(
          "INSERT INTO xrp.offers (ledger_index, position, hash, type, offer_sequence, passive, immediate_or_cancel, fill_or_kill, sell)"
              + " VALUES (%d, %d, '%s', '%s', %s, false, false, false, false)",
          index, position, hash, t.type, t.offerSequence == null ? "NULL" : t.offerSequence.toString()));
    }
    for (String row : t.stateRows) {
      sql.add(String.format(row, index, position, hash));
    }
  }

  private static String quoted(String s) {
    return s == null ? "NULL" : "'" + s + "'";
  }

  private static String ts(Instant t) {
    return t.toString().replace('T', ' ').replace("Z", "");
  }

  /** Writes every ledger built so far into {@code warehouse} (creating the chain's tables). */
  void writeTo(Warehouse warehouse) {
    finishLedger();
    warehouse.ensureChain(CHAIN, "mainnet", XrpTables.TABLES, List.of());
    warehouse.executeAtomically(sql);
    sql.clear();
  }
}
