package org.openbds.server;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The explorer of the Bitcoin family. Transactions are found by txid once and then read by their integer {@code tx_id},
 * which orders every base table, so inputs, outputs and history rows come from few row groups.
 */
final class BitcoinExplorer implements Explorer {
  private final ReaderPool readers;

  BitcoinExplorer(ReaderPool readers) {
    this.readers = requireNonNull(readers, "readers is null");
  }

  @Override
  public Optional<Map<String, Object>> block(String s, String id, int transactions) {
    Optional<Map<String, Object>> block;
    if (Identifiers.isHeight(id)) {
      block = readers.row("SELECT * EXCLUDE (coinbase_data), coinbase_data FROM " + s + ".blocks WHERE height = ?", Long.parseLong(id));
    } else {
      block = readers.row("SELECT * EXCLUDE (coinbase_data), coinbase_data FROM " + s + ".blocks WHERE hash = ?", Identifiers.hash(id, "a block id"));
    }
    block.ifPresent(
        b -> {
          long first = ((Number) b.get("first_tx_id")).longValue();
          b.put(
              "transactions",
              readers.rows(
                  "SELECT txid, position, size, vsize, input_count, output_count, input_value, output_value, fee FROM " + s
                      + ".transactions WHERE tx_id BETWEEN ? AND ? ORDER BY tx_id",
                  first,
                  first + Math.min(transactions, ((Number) b.get("tx_count")).longValue()) - 1));
        });
    return block;
  }

  @Override
  public Optional<Map<String, Object>> transaction(String s, String id) {
    Optional<Map<String, Object>> tx = readers.row("SELECT * FROM " + s + ".transactions WHERE txid = ?", Identifiers.hash(id, "a txid"));
    tx.ifPresent(
        t -> {
          long txId = ((Number) t.get("tx_id")).longValue();
          t.put(
              "inputs",
              readers.rows(
                  "SELECT vin, is_coinbase, spent_txid, spent_vout, spent_block_height, value, address, script_type, sequence,"
                      + " witness_items FROM " + s + ".inputs WHERE tx_id = ? ORDER BY vin",
                  txId));
          t.put(
              "outputs",
              readers.rows(
                  "SELECT vout, value, script_type, address, required_sigs, multisig_addresses, data, spent_txid, spent_vin,"
                      + " spent_block_height FROM " + s + ".outputs WHERE tx_id = ? ORDER BY vout",
                  txId));
          t.put("confirmations", confirmations(s, ((Number) t.get("block_height")).longValue()));
        });
    return tx;
  }

  private long confirmations(String s, long height) {
    Object tip = readers.row("SELECT max(height) AS tip FROM " + s + ".blocks").orElseThrow().get("tip");
    return tip == null ? 0 : ((Number) tip).longValue() - height + 1;
  }

  /**
   * The address's totals, read by its id from the base tables (the {@code addresses} view aggregates every address and
   * is for whole-chain queries): received and sent, distinct transactions, first and last block, and unspent outputs —
   * its outputs less the inputs that spent them (a spent output's owner is on the input).
   */
  @Override
  public Optional<Map<String, Object>> address(String s, String address) {
    checkAddress(address);
    Optional<Map<String, Object>> id = readers.row("SELECT address_id FROM " + s + ".address_dictionary WHERE address = ?", address);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Object addressId = id.get().get("address_id");
    Map<String, Object> t =
        readers
            .row(
                "WITH flows AS (SELECT tx_id, block_height, value AS received, 0 AS sent, 1 AS output FROM " + s + ".tx_outputs WHERE address_id = ?"
                    + " UNION ALL SELECT tx_id, block_height, 0, coalesce(value, 0), 0 FROM " + s + ".tx_inputs WHERE address_id = ?)"
                    + " SELECT CAST(coalesce(sum(received), 0) AS BIGINT) AS received, CAST(coalesce(sum(sent), 0) AS BIGINT) AS sent,"
                    + " count(DISTINCT tx_id) AS tx_count, min(block_height) AS first_height, max(block_height) AS last_height,"
                    + " sum(output) - sum(1 - output) AS unspent_outputs FROM flows",
                addressId,
                addressId)
            .orElseThrow();
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("address", address);
    long received = ((Number) t.get("received")).longValue();
    long sent = ((Number) t.get("sent")).longValue();
    a.put("balance", received - sent);
    a.put("received", received);
    a.put("sent", sent);
    a.put("tx_count", t.get("tx_count"));
    a.put("first_seen", t.get("first_height") == null ? null : blockTime(s, t.get("first_height")));
    a.put("last_seen", t.get("last_height") == null ? null : blockTime(s, t.get("last_height")));
    a.put("first_height", t.get("first_height"));
    a.put("last_height", t.get("last_height"));
    a.put("unspent_outputs", t.get("unspent_outputs"));
    a.put("counterparties", counterparties(s, addressId));
    return Optional.of(a);
  }

  private Object blockTime(String s, Object height) {
    return readers.row("SELECT time FROM " + s + ".blocks WHERE height = ?", height).map(r -> r.get("time")).orElse(null);
  }

  /**
   * The addresses this one paid most to and received most from (by value, up to ten each), leaving out its own
   * change: the outputs of its spending transactions that return to it.
   */
  private Map<String, Object> counterparties(String s, Object addressId) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "paid_to",
        readers.rows(
            "SELECT d.address, sum(o.value) AS value, count(DISTINCT o.tx_id) AS transactions FROM " + s + ".tx_outputs o"
                + " JOIN " + s + ".address_dictionary d ON d.address_id = o.address_id"
                + " WHERE o.tx_id IN (SELECT tx_id FROM " + s + ".tx_inputs WHERE address_id = ?) AND o.address_id <> ?"
                + " GROUP BY d.address ORDER BY value DESC, d.address LIMIT 10",
            addressId,
            addressId));
    out.put(
        "received_from",
        readers.rows(
            "SELECT d.address, sum(i.value) AS value, count(DISTINCT i.tx_id) AS transactions FROM " + s + ".tx_inputs i"
                + " JOIN " + s + ".address_dictionary d ON d.address_id = i.address_id"
                + " WHERE i.tx_id IN (SELECT tx_id FROM " + s + ".tx_outputs WHERE address_id = ?) AND i.address_id <> ?"
                + " GROUP BY d.address ORDER BY value DESC, d.address LIMIT 10",
            addressId,
            addressId));
    return out;
  }

  @Override
  public Page history(String s, String address, Optional<Cursor> after, int limit) {
    checkAddress(address);
    long before = after.map(Cursor::first).orElse(Long.MAX_VALUE);
    List<Map<String, Object>> rows =
        readers.rows(
            "WITH me AS (SELECT address_id FROM " + s + ".address_dictionary WHERE address = ?),"
                + " moves AS (SELECT tx_id, value AS received, 0 AS sent FROM " + s + ".tx_outputs"
                + "   WHERE address_id = (SELECT address_id FROM me) AND tx_id < ?"
                + " UNION ALL SELECT tx_id, 0, coalesce(value, 0) FROM " + s + ".tx_inputs"
                + "   WHERE address_id = (SELECT address_id FROM me) AND tx_id < ?),"
                + " page AS (SELECT tx_id, sum(received) AS received, sum(sent) AS sent FROM moves GROUP BY tx_id"
                + "   ORDER BY tx_id DESC LIMIT ?)"
                + " SELECT p.tx_id, t.txid, t.block_height, t.time, p.received, p.sent, p.received - p.sent AS delta, t.fee"
                + " FROM page p JOIN " + s + ".transactions t ON t.tx_id = p.tx_id ORDER BY p.tx_id DESC",
            address,
            before,
            before,
            limit + 1);
    return page(rows, limit, "tx_id", true);
  }

  /**
   * The page of the first {@code limit} of {@code rows} (one more was read to know whether a next page exists); its
   * cursor is the last item's {@code key}, a column that is dropped from the items when {@code dropKey}.
   */
  static Page page(List<Map<String, Object>> rows, int limit, String key, boolean dropKey) {
    List<Map<String, Object>> items = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
    Optional<Cursor> next = Optional.empty();
    if (rows.size() > limit) {
      Map<String, Object> last = items.get(items.size() - 1);
      next = Optional.of(new Cursor(((Number) last.get(key)).longValue(), 0));
    }
    if (dropKey) {
      for (Map<String, Object> item : items) {
        item.remove(key);
      }
    }
    return new Page(items, next);
  }

  @Override
  public Page blocks(String s, Optional<Cursor> after, int limit) {
    long below = after.map(Cursor::first).orElse(Long.MAX_VALUE);
    return page(
        readers.rows(
            "SELECT height, hash, time, tx_count, size, weight, fee, coinbase_value FROM " + s + ".blocks WHERE height < ?"
                + " ORDER BY height DESC LIMIT ?",
            below,
            limit + 1),
        limit,
        "height",
        false);
  }

  @Override
  public List<Map<String, Object>> search(String s, String text) {
    List<Map<String, Object>> found = new ArrayList<>();
    String q = text.strip();
    if (Identifiers.isHeight(q) && readers.row("SELECT 1 FROM " + s + ".blocks WHERE height = ?", Long.parseLong(q)).isPresent()) {
      found.add(Map.of("type", "block", "id", q));
    }
    if (Identifiers.isHash(q)) {
      String h = q.toLowerCase(java.util.Locale.ROOT);
      if (readers.row("SELECT 1 FROM " + s + ".blocks WHERE hash = ?", h).isPresent()) {
        found.add(Map.of("type", "block", "id", h));
      }
      if (readers.row("SELECT 1 FROM " + s + ".transactions WHERE txid = ?", h).isPresent()) {
        found.add(Map.of("type", "transaction", "id", h));
      }
    }
    if (Identifiers.isBitcoinAddress(q)
        && readers.row("SELECT 1 FROM " + s + ".address_dictionary WHERE address = ?", q).isPresent()) {
      found.add(Map.of("type", "address", "id", q));
    }
    return found;
  }

  private static void checkAddress(String address) {
    if (!Identifiers.isBitcoinAddress(address)) {
      throw ApiException.badRequest("not an address of this chain: '" + Identifiers.shorten(address) + "'");
    }
  }
}
