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
  /**
   * Transactions by txid, blocks by hash, addresses by their text, the outputs and inputs of an address, a
   * transaction's inputs, outputs and spenders, and the txids and addresses they refer to by id.
   */
  static final List<String> LOOKUP_INDEXES =
      List.of(
          "transactions(txid)",
          "blocks(hash)",
          "address_dictionary(address)",
          "tx_outputs(address_id)",
          "tx_inputs(address_id)",
          "transactions(tx_id)",
          "address_dictionary(address_id)",
          "tx_inputs(tx_id)",
          "tx_outputs(tx_id)",
          "tx_inputs(spent_tx_id)");

  /** Up to this many inputs or outputs, a transaction's are read by the lookup index; above, by its row group. */
  private static final long FEW_ROWS = 16;

  /** The script types whose script follows from the address; every other output has a row in {@code output_scripts}. */
  private static final java.util.Set<Object> ADDRESS_SCRIPTS = java.util.Set.of("p2pkh", "p2sh", "p2wpkh", "p2wsh", "p2tr");

  /** Threads for the reads a transaction's answer runs beside the request's own thread. */
  private static final java.util.concurrent.ExecutorService SIDE =
      java.util.concurrent.Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "explorer-read");
            t.setDaemon(true);
            return t;
          });

  private final ReaderPool readers;
  private final Map<String, Boolean> indexed = new java.util.concurrent.ConcurrentHashMap<>();

  BitcoinExplorer(ReaderPool readers) {
    this.readers = requireNonNull(readers, "readers is null");
  }

  @Override
  public List<String> lookupIndexes() {
    return LOOKUP_INDEXES;
  }

  @Override
  public Optional<Map<String, Object>> block(String s, String id, int transactions) {
    Optional<Map<String, Object>> block;
    // the coinbase data, the longest column, comes last
    List<String> columns = new ArrayList<>(readers.columns(s, "blocks"));
    columns.remove("coinbase_data");
    columns.add("coinbase_data");
    String select = "SELECT " + String.join(", ", columns.stream().map(c -> '"' + c + '"').toList()) + " FROM " + s + ".blocks";
    if (Identifiers.isHeight(id)) {
      block = readers.row(select + " WHERE height = ?", Long.parseLong(id));
    } else {
      block = readers.row(select + " WHERE hash = ?", Identifiers.hash(id, "a block id"));
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

  /**
   * A transaction with its inputs and outputs. Found by txid, then its inputs, outputs and spenders are read by its
   * integer {@code tx_id}: by plain equality from the lookup indexes when they exist and the rows are few (DuckDB uses
   * an index only for a plain equality, and fetches its rows one by one), else with the block height beside it, which
   * confines the read to few row groups. The txids and
   * addresses they refer to are then looked up by their integer ids. The {@code inputs} and {@code outputs} views join
   * whole tables and are for whole-chain queries.
   */
  @Override
  public Optional<Map<String, Object>> transaction(String s, String id) {
    Optional<Map<String, Object>> tx = readers.row("SELECT * FROM " + s + ".transactions WHERE txid = ?", Identifiers.hash(id, "a txid"));
    tx.ifPresent(
        t -> {
          long txId = ((Number) t.get("tx_id")).longValue();
          long height = ((Number) t.get("block_height")).longValue();
          // a few rows come faster from an index; many (which lie together) from the row group, read at once
          boolean inputsByIndex = indexed(s, "tx_inputs", "tx_id") && ((Number) t.get("input_count")).longValue() <= FEW_ROWS;
          boolean outputsByIndex = indexed(s, "tx_outputs", "tx_id") && ((Number) t.get("output_count")).longValue() <= FEW_ROWS;
          boolean spendersByIndex = indexed(s, "tx_inputs", "spent_tx_id");
          // the three reads run side by side, on connections of their own
          java.util.concurrent.Future<List<Map<String, Object>>> inputsRead =
              SIDE.submit(
                  () ->
                      readers.rows(
                          "SELECT vin, is_coinbase, spent_tx_id, spent_txid_unresolved, spent_vout, spent_block_height, value, address_id,"
                              + " CAST(script_type AS VARCHAR) AS script_type, sequence, witness_items FROM " + s + ".tx_inputs"
                              + " WHERE tx_id = ?" + (inputsByIndex ? "" : " AND block_height = ?"),
                          inputsByIndex ? new Object[] {txId} : new Object[] {txId, height}));
          java.util.concurrent.Future<List<Map<String, Object>>> spendersRead =
              SIDE.submit(
                  () ->
                      readers.rows(
                          "SELECT tx_id, vin, spent_vout, block_height FROM " + s + ".tx_inputs WHERE spent_tx_id = ?"
                              + (spendersByIndex ? "" : " AND block_height >= ?"),
                          spendersByIndex ? new Object[] {txId} : new Object[] {txId, height}));
          List<Map<String, Object>> outputs =
              readers.rows(
                  "SELECT vout, value, CAST(script_type AS VARCHAR) AS script_type, address_id FROM " + s + ".tx_outputs"
                      + " WHERE tx_id = ?" + (outputsByIndex ? "" : " AND block_height = ?"),
                  outputsByIndex ? new Object[] {txId} : new Object[] {txId, height});
          outputs.sort(java.util.Comparator.comparingLong(o -> ((Number) o.get("vout")).longValue()));
          scriptDetails(s, txId, height, outputs);
          List<Map<String, Object>> inputs = join(inputsRead);
          inputs.sort(java.util.Comparator.comparingLong(i -> ((Number) i.get("vin")).longValue()));
          List<Map<String, Object>> spenders = join(spendersRead);
          java.util.Set<Object> txIds = new java.util.HashSet<>();
          java.util.Set<Object> addressIds = new java.util.HashSet<>();
          inputs.forEach(i -> {
            if (i.get("spent_tx_id") != null) {
              txIds.add(i.get("spent_tx_id"));
            }
            if (i.get("address_id") != null) {
              addressIds.add(i.get("address_id"));
            }
          });
          outputs.forEach(o -> {
            if (o.get("address_id") != null) {
              addressIds.add(o.get("address_id"));
            }
          });
          spenders.forEach(x -> txIds.add(x.get("tx_id")));
          java.util.concurrent.Future<Map<Object, Object>> txidsRead = SIDE.submit(() -> lookup(s, "transactions", "tx_id", "txid", txIds));
          Map<Object, Object> addresses = lookup(s, "address_dictionary", "address_id", "address", addressIds);
          Map<Object, Object> txids = join(txidsRead);
          for (Map<String, Object> in : inputs) {
            Object spentId = in.remove("spent_tx_id");
            Object unresolved = in.remove("spent_txid_unresolved");
            in.put("spent_txid", spentId != null ? txids.get(spentId) : unresolved);
            in.put("address", addresses.get(in.remove("address_id")));
          }
          Map<Object, Map<String, Object>> spentBy = new java.util.HashMap<>();
          spenders.forEach(x -> spentBy.put(x.get("spent_vout"), x));
          for (Map<String, Object> out : outputs) {
            out.put("address", addresses.get(out.remove("address_id")));
            Map<String, Object> spender = spentBy.get(((Number) out.get("vout")).longValue());
            out.put("spent_txid", spender == null ? null : txids.get(spender.get("tx_id")));
            out.put("spent_vin", spender == null ? null : spender.get("vin"));
            out.put("spent_block_height", spender == null ? null : spender.get("block_height"));
          }
          t.put("inputs", inputs);
          t.put("outputs", outputs);
          t.put("confirmations", confirmations(s, height));
        });
    return tx;
  }

  /** The result of a read run beside the caller's; its failure is thrown as it was thrown there. */
  private static <T> T join(java.util.concurrent.Future<T> read) {
    try {
      return read.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      read.cancel(true);
      throw new ApiException(503, "INTERRUPTED", "the server is stopping");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Adds each output's script details ({@code required_sigs}, {@code multisig_addresses}, {@code data}), kept in
   * {@code output_scripts} for the outputs whose script does not follow from an address — read only when there are such.
   */
  private void scriptDetails(String s, long txId, long height, List<Map<String, Object>> outputs) {
    Map<Object, Map<String, Object>> details = new java.util.HashMap<>();
    if (outputs.stream().anyMatch(o -> !ADDRESS_SCRIPTS.contains(o.get("script_type")))) {
      for (Map<String, Object> d :
          readers.rows(
              "SELECT vout, required_sigs, multisig_addresses, data FROM " + s + ".output_scripts WHERE tx_id = ? AND block_height = ?",
              txId,
              height)) {
        details.put(((Number) d.get("vout")).longValue(), d);
      }
    }
    for (Map<String, Object> o : outputs) {
      Map<String, Object> d = details.getOrDefault(((Number) o.get("vout")).longValue(), Map.of());
      o.put("required_sigs", d.get("required_sigs"));
      o.put("multisig_addresses", d.get("multisig_addresses"));
      o.put("data", d.get("data"));
    }
  }

  /**
   * {@code key → value} of the rows of {@code table} whose {@code key} is one of {@code keys}. With the key's lookup
   * index, one IN query per 1,024 keys (padded to a power of two by repeating a key, so few distinct statements are
   * kept prepared) that DuckDB answers from the index. Without it, one point query per key for a few keys (the key
   * orders the table, so each reads one row group; an IN list would check every row group against every key) and one
   * IN query for many.
   */
  private Map<Object, Object> lookup(String schema, String table, String key, String value, java.util.Set<Object> keys) {
    Map<Object, Object> out = new java.util.HashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    String from = schema + "." + table;
    if (!indexed(schema, table, key) && keys.size() <= 16) {
      for (Object k : keys) {
        readers.row("SELECT " + value + " AS v FROM " + from + " WHERE " + key + " = ?", k).ifPresent(r -> out.put(k, r.get("v")));
      }
      return out;
    }
    List<Object> all = new ArrayList<>(keys);
    for (int start = 0; start < all.size(); start += 1024) {
      List<Object> chunk = new ArrayList<>(all.subList(start, Math.min(all.size(), start + 1024)));
      int size = Integer.highestOneBit(chunk.size()) == chunk.size() ? chunk.size() : Integer.highestOneBit(chunk.size()) << 1;
      while (chunk.size() < size) {
        chunk.add(chunk.get(0));
      }
      String in = "?" + ", ?".repeat(size - 1);
      for (Map<String, Object> r : readers.rows("SELECT " + key + " AS k, " + value + " AS v FROM " + from + " WHERE " + key + " IN (" + in + ")", chunk.toArray())) {
        out.put(r.get("k"), r.get("v"));
      }
    }
    return out;
  }

  /** Whether {@code schema.table(column)} has its lookup index (looked up once; indexes are made before serving starts). */
  private boolean indexed(String schema, String table, String column) {
    String name = ApiServer.lookupIndexName(table, column);
    return indexed.computeIfAbsent(
        schema + "." + name,
        k -> readers.row(readers.dialect().indexExists, schema, name).isPresent());
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
    Map<String, Object> t = AddressTotals.summary(readers, s, addressId).orElseGet(() -> sumRows(s, addressId));
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
    return Optional.of(a);
  }

  /** The address's totals summed from all its rows (while no totals are kept on the current chain). */
  private Map<String, Object> sumRows(String s, Object addressId) {
    return readers
        .row(
            "WITH flows AS (SELECT tx_id, block_height, value AS received, 0 AS sent, 1 AS output FROM " + s + ".tx_outputs WHERE address_id = ?"
                + " UNION ALL SELECT tx_id, block_height, 0, coalesce(value, 0), 0 FROM " + s + ".tx_inputs WHERE address_id = ?)"
                + " SELECT CAST(coalesce(sum(received), 0) AS BIGINT) AS received, CAST(coalesce(sum(sent), 0) AS BIGINT) AS sent,"
                + " count(DISTINCT tx_id) AS tx_count, min(block_height) AS first_height, max(block_height) AS last_height,"
                + " sum(output) - sum(1 - output) AS unspent_outputs FROM flows",
            addressId,
            addressId)
        .orElseThrow();
  }

  private Object blockTime(String s, Object height) {
    return readers.row("SELECT time FROM " + s + ".blocks WHERE height = ?", height).map(r -> r.get("time")).orElse(null);
  }

  /**
   * The addresses this one paid most to and received most from (by value, up to ten each), leaving out its own
   * change: the outputs of its spending transactions that return to it.
   */
  @Override
  public Optional<Object> counterparties(String s, String address) {
    checkAddress(address);
    return readers
        .row("SELECT address_id FROM " + s + ".address_dictionary WHERE address = ?", address)
        .map(r -> counterparties(s, r.get("address_id")));
  }

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
    Optional<Map<String, Object>> id = readers.row("SELECT address_id FROM " + s + ".address_dictionary WHERE address = ?", address);
    if (id.isEmpty()) {
      return new Page(List.of(), Optional.empty());
    }
    Object addressId = id.get().get("address_id");
    if (before == Long.MAX_VALUE) {
      // the first page: below the chain's next transaction id
      Object next = readers.row("SELECT first_tx_id + tx_count AS next FROM " + s + ".blocks ORDER BY height DESC LIMIT 1").map(r -> r.get("next")).orElse(null);
      before = next == null ? 0 : ((Number) next).longValue();
    }
    // An address active all the time (an exchange) has its page among the last few thousand transactions: read only
    // those row groups first; else read all of its rows below the cursor (by the lookup index when it has few).
    long window = 1L << 16;
    List<Map<String, Object>> rows = before > window ? moves(s, addressId, before - window, before, limit) : List.of();
    if (rows.size() <= limit) {
      rows = allMoves(s, addressId, before, limit);
    }
    // the page's transactions, looked up by id (ordered, so few row groups are read)
    java.util.Set<Object> ids = new java.util.HashSet<>();
    rows.forEach(r -> ids.add(r.get("tx_id")));
    Map<Object, Map<String, Object>> txs = new java.util.HashMap<>();
    if (!ids.isEmpty()) {
      StringBuilder in = new StringBuilder();
      for (int k = 0; k < ids.size(); k++) {
        in.append(k == 0 ? "?" : ", ?");
      }
      for (Map<String, Object> t :
          readers.rows("SELECT tx_id, txid, block_height, time, fee FROM " + s + ".transactions WHERE tx_id IN (" + in + ")", ids.toArray())) {
        txs.put(t.get("tx_id"), t);
      }
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      Map<String, Object> t = txs.get(r.get("tx_id"));
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("tx_id", r.get("tx_id"));
      item.put("txid", t.get("txid"));
      item.put("block_height", t.get("block_height"));
      item.put("time", t.get("time"));
      long received = ((Number) r.get("received")).longValue();
      long sent = ((Number) r.get("sent")).longValue();
      item.put("received", received);
      item.put("sent", sent);
      item.put("delta", received - sent);
      item.put("fee", t.get("fee"));
      items.add(item);
    }
    return page(items, limit, "tx_id", true);
  }

  /**
   * The same as {@link #moves} over all of the address's rows below {@code before}: read with a plain equality on the
   * address, which DuckDB answers from the lookup index when the address has few rows (a range or an ORDER BY beside
   * it makes DuckDB scan instead), then summed and ordered here.
   */
  private List<Map<String, Object>> allMoves(String s, Object addressId, long before, int limit) {
    java.util.TreeMap<Long, long[]> byTx = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
    for (Map<String, Object> r : readers.rows("SELECT tx_id, value FROM " + s + ".tx_outputs WHERE address_id = ?", addressId)) {
      long tx = ((Number) r.get("tx_id")).longValue();
      if (tx < before) {
        byTx.computeIfAbsent(tx, k -> new long[2])[0] += ((Number) r.get("value")).longValue();
      }
    }
    for (Map<String, Object> r : readers.rows("SELECT tx_id, value FROM " + s + ".tx_inputs WHERE address_id = ?", addressId)) {
      long tx = ((Number) r.get("tx_id")).longValue();
      if (tx < before) {
        Object v = r.get("value");
        byTx.computeIfAbsent(tx, k -> new long[2])[1] += v == null ? 0 : ((Number) v).longValue();
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<Long, long[]> e : byTx.entrySet()) {
      if (out.size() > limit) {
        break;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tx_id", e.getKey());
      m.put("received", e.getValue()[0]);
      m.put("sent", e.getValue()[1]);
      out.add(m);
    }
    return out;
  }

  /** The address's received and sent amounts per transaction with {@code from <= tx_id < before}, newest first. */
  private List<Map<String, Object>> moves(String s, Object addressId, long from, long before, int limit) {
    return readers.rows(
        "WITH moves AS (SELECT tx_id, value AS received, 0 AS sent FROM " + s + ".tx_outputs WHERE address_id = ? AND tx_id >= ? AND tx_id < ?"
            + " UNION ALL SELECT tx_id, 0, coalesce(value, 0) FROM " + s + ".tx_inputs WHERE address_id = ? AND tx_id >= ? AND tx_id < ?)"
            + " SELECT tx_id, CAST(sum(received) AS BIGINT) AS received, CAST(sum(sent) AS BIGINT) AS sent FROM moves GROUP BY tx_id"
            + " ORDER BY tx_id DESC LIMIT ?",
        addressId,
        from,
        before,
        addressId,
        from,
        before,
        limit + 1);
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
