package org.openbds.forensics.flow;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Warehouse;
import org.openbds.forensics.read.KeyedRows;

/**
 * The flow graph of a UTXO chain read from its warehouse tables, in batches: any number of transactions in six
 * reads (their rows, inputs, outputs, the txids and addresses these name, their blocks' hashes), any number of
 * spenders in one — by integer ids, each read in dense runs ({@link KeyedRows}) or through the explorer's lookup
 * indexes. What is read is kept: a trace meets the same transactions again.
 */
public final class UtxoWarehouseFlowGraph implements FlowGraph {
  private static final int CHUNK = 2_000;
  private static final int IN = 5;
  private static final int OUT = 3;
  private static final long[] NONE = new long[0];

  private final Warehouse warehouse;
  private final String s;
  private final KeyedRows keyed;
  private final Map<String, FlowTransaction> byTxid = new HashMap<>();
  private final Set<String> missing = new HashSet<>();
  private final Map<String, Long> idOf = new HashMap<>();
  private final Map<Long, String> txidOf = new HashMap<>();
  private final Map<Outpoint, Optional<String>> spenders = new HashMap<>();
  private final Map<Long, String> addressOf = new HashMap<>();
  private final Map<Object, Object> hashOf = new HashMap<>();
  private final Map<Long, List<Object>> rawRows = new HashMap<>();
  /** By transaction id, its inputs in order, {@value #IN} numbers each: vin, spent transaction id, spent vout, value, address id or -1. */
  private final Map<Long, long[]> rawIns = new HashMap<>();
  /** By transaction id, its outputs in order, {@value #OUT} numbers each: vout, value, address id or -1. */
  private final Map<Long, long[]> rawOuts = new HashMap<>();

  /**
   * The lookup indexes its reads go through (the explorer's too): without them each read scans its table, which on a
   * chain of millions of transactions turns a trace of seconds into minutes.
   */
  public static final List<String> INDEXES = List.of(
      "transactions(txid)", "transactions(tx_id)", "tx_inputs(tx_id)", "tx_outputs(tx_id)", "tx_inputs(spent_tx_id)", "address_dictionary(address)",
      "address_dictionary(address_id)", "tx_outputs(address_id)");

  public UtxoWarehouseFlowGraph(Warehouse warehouse, ChainId chain) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.s = requireNonNull(chain, "chain is null").value();
    this.keyed = new KeyedRows(warehouse, s);
  }

  @Override
  public Optional<FlowTransaction> transaction(String txid) {
    return Optional.ofNullable(transactions(List.of(txid)).get(txid));
  }

  @Override
  public Map<String, FlowTransaction> transactions(Collection<String> txids) {
    Set<String> unknown = new LinkedHashSet<>();
    for (String t : txids) {
      if (!byTxid.containsKey(t) && !missing.contains(t) && !idOf.containsKey(t)) {
        unknown.add(t);
      }
    }
    for (List<Object> chunk : chunks(unknown)) {
      for (List<Object> r : query("SELECT tx_id, txid FROM " + s + ".transactions WHERE txid IN (" + marks(chunk) + ")", chunk)) {
        remember(number(r.get(0)), (String) r.get(1));
      }
    }
    Set<Long> load = new LinkedHashSet<>();
    for (String t : txids) {
      Long id = idOf.get(t);
      if (id == null) {
        missing.add(t);
      } else if (!byTxid.containsKey(t)) {
        load.add(id);
      }
    }
    load(load);
    Map<String, FlowTransaction> out = new HashMap<>();
    for (String t : txids) {
      FlowTransaction tx = byTxid.get(t);
      if (tx != null) {
        out.put(t, tx);
      }
    }
    return out;
  }

  @Override
  public Optional<String> spender(Outpoint outpoint) {
    return Optional.ofNullable(spenders(List.of(outpoint)).get(outpoint));
  }

  @Override
  public Map<Outpoint, String> spenders(Collection<Outpoint> outpoints) {
    Set<Outpoint> ask = new LinkedHashSet<>();
    Set<String> creators = new LinkedHashSet<>();
    for (Outpoint o : outpoints) {
      if (!spenders.containsKey(o)) {
        ask.add(o);
        creators.add(o.txid());
      }
    }
    if (!ask.isEmpty()) {
      transactions(creators);
      Set<Object> ids = new LinkedHashSet<>();
      for (Outpoint o : ask) {
        Long id = idOf.get(o.txid());
        if (id == null) {
          spenders.put(o, Optional.empty());
        } else {
          ids.add(id);
        }
      }
      Map<Outpoint, Long> found = new HashMap<>();
      for (List<Object> chunk : chunks(ids)) {
        for (List<Object> r : query("SELECT spent_tx_id, spent_vout, tx_id FROM " + s + ".tx_inputs WHERE spent_tx_id IN (" + marks(chunk) + ")", chunk)) {
          found.put(new Outpoint(txidOf.get(number(r.get(0))), (int) number(r.get(1))), number(r.get(2)));
        }
      }
      Set<Long> spending = new LinkedHashSet<>();
      for (Long id : found.values()) {
        if (!txidOf.containsKey(id)) {
          spending.add(id);
        }
      }
      txids(spending);
      // every output of the transactions asked about is now known spent or unspent
      for (Object id : ids) {
        FlowTransaction creator = byTxid.get(txidOf.get(number(id)));
        for (FlowTransaction.Output out : creator.outputs()) {
          Long by = found.get(creator.outpoint(out.vout()));
          spenders.put(creator.outpoint(out.vout()), by == null ? Optional.empty() : Optional.of(txidOf.get(by)));
        }
      }
      for (Outpoint o : ask) {
        spenders.putIfAbsent(o, Optional.empty());
      }
    }
    Map<Outpoint, String> out = new HashMap<>();
    for (Outpoint o : outpoints) {
      spenders.get(o).ifPresent(t -> out.put(o, t));
    }
    return out;
  }

  @Override
  public List<Outpoint> outputsPaying(String address) {
    List<List<Object>> rows = warehouse.query(
        "SELECT o.tx_id, o.vout FROM " + s + ".tx_outputs o WHERE o.address_id = (SELECT address_id FROM " + s + ".address_dictionary WHERE address = ?)"
            + " ORDER BY o.tx_id, o.vout", address).rows();
    Set<Long> ids = new LinkedHashSet<>();
    rows.forEach(r -> ids.add(number(r.get(0))));
    txids(ids);
    List<Outpoint> out = new ArrayList<>();
    for (List<Object> r : rows) {
      out.add(new Outpoint(txidOf.get(number(r.get(0))), (int) number(r.get(1))));
    }
    return out;
  }

  @Override
  public List<Outpoint> outputsPaying(Collection<String> addresses) {
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> chunk : chunks(new LinkedHashSet<>(addresses))) {
      rows.addAll(query("SELECT o.tx_id, o.vout FROM " + s + ".tx_outputs o WHERE o.address_id IN (SELECT address_id FROM " + s + ".address_dictionary"
          + " WHERE address IN (" + marks(chunk) + "))", chunk));
    }
    rows.sort(java.util.Comparator.<List<Object>>comparingLong(r -> number(r.get(0))).thenComparingLong(r -> number(r.get(1))));
    Set<Long> ids = new LinkedHashSet<>();
    rows.forEach(r -> ids.add(number(r.get(0))));
    txids(ids);
    List<Outpoint> out = new ArrayList<>();
    for (List<Object> r : rows) {
      out.add(new Outpoint(txidOf.get(number(r.get(0))), (int) number(r.get(1))));
    }
    return out;
  }

  /** Reads the transactions with these ids, with their inputs and outputs. */
  private void load(Set<Long> ids) {
    loadRaw(ids);
    build(ids);
  }

  /**
   * Reads the rows, inputs and outputs of the transactions with these ids, keeping them by id until {@link #build}
   * makes them flow transactions; learns their txids. The txids and addresses they refer to are not read yet.
   */
  private void loadRaw(Set<Long> ids) {
    for (List<Object> r : byKeys("t.tx_id, t.txid, t.block_height, t.position, t.time", "transactions", "tx_id", ids, "")) {
      rawRows.put(number(r.get(0)), r);
      remember(number(r.get(0)), (String) r.get(1));
    }
    // a transaction's inputs (outputs) as one text of numbers: thousands of rows of seven values cost far more to fetch
    // value by value than to parse
    for (List<Object> r : byKeys("t.tx_id, string_agg(t.vin || ':' || coalesce(t.spent_tx_id, -1) || ':' || coalesce(t.spent_vout, -1) || ':' || coalesce(t.value, -1)"
        + " || ':' || coalesce(t.address_id, -1), ',' ORDER BY t.vin)", "tx_inputs", "tx_id", ids, " AND NOT t.is_coinbase GROUP BY t.tx_id")) {
      long[] ins = numbers((String) r.get(1), IN);
      for (int i = 0; i < ins.length; i += IN) {
        if (ins[i + 1] < 0 || ins[i + 2] < 0 || ins[i + 3] < 0) {
          throw unheld(number(r.get(0)), ins[i]);
        }
      }
      rawIns.put(number(r.get(0)), ins);
    }
    for (List<Object> r : byKeys("t.tx_id, string_agg(t.vout || ':' || t.value || ':' || coalesce(t.address_id, -1), ',' ORDER BY t.vout)", "tx_outputs", "tx_id",
        ids, " GROUP BY t.tx_id")) {
      rawOuts.put(number(r.get(0)), numbers((String) r.get(1), OUT));
    }
  }

  /** The error for input {@code vin} of transaction {@code id}, which spends an output this warehouse does not hold. */
  private BdsException unheld(long id, long vin) {
    List<List<Object>> r = query("SELECT spent_txid_unresolved, spent_vout FROM " + s + ".tx_inputs WHERE tx_id = ? AND vin = ?", List.of(id, vin));
    return new BdsException(ErrorCode.INVALID_ARGUMENT, "input " + vin + " of transaction " + txidOf.get(id) + " spends "
        + (r.isEmpty() ? "?" : r.get(0).get(0) + ":" + r.get(0).get(1))
        + ", which this warehouse does not hold (the chain was synced from a later height): a trace cannot go through it");
  }

  /** The numbers of {@code text} ({@code 1:2:3,4:5:6}), {@code per} a row; throws unless every row has that many. */
  static long[] numbers(String text, int per) {
    if (text == null) {
      throw new IllegalStateException("a packed row of " + per + " numbers is missing");
    }
    long[] out = new long[16];
    int n = 0;
    int at = 0;
    int length = text.length();
    while (at <= length) {
      int end = at;
      while (end < length && text.charAt(end) != ':' && text.charAt(end) != ',') {
        end++;
      }
      if (((n + 1) % per == 0) != (end == length || text.charAt(end) == ',')) {
        throw new IllegalStateException("a packed row of " + per + " numbers is malformed at " + at + ": " + text);
      }
      if (n == out.length) {
        out = java.util.Arrays.copyOf(out, n * 2);
      }
      out[n++] = Long.parseLong(text, at, end, 10);
      at = end + 1;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Makes the read transactions {@code ids} flow transactions, reading the txids, addresses and block hashes they name. */
  private void build(Collection<Long> ids) {
    Set<Long> unknownSpent = new LinkedHashSet<>();
    Set<Object> addressIds = new LinkedHashSet<>();
    Set<Object> heights = new LinkedHashSet<>();
    for (Long id : ids) {
      List<Object> row = rawRows.get(id);
      if (row == null) {
        continue;
      }
      if (!hashOf.containsKey(row.get(2))) {
        heights.add(row.get(2));
      }
      long[] ins = rawIns.getOrDefault(id, NONE);
      for (int i = 0; i < ins.length; i += IN) {
        if (!txidOf.containsKey(ins[i + 1])) {
          unknownSpent.add(ins[i + 1]);
        }
        if (ins[i + 4] >= 0 && !addressOf.containsKey(ins[i + 4])) {
          addressIds.add(ins[i + 4]);
        }
      }
      long[] outs = rawOuts.getOrDefault(id, NONE);
      for (int i = 0; i < outs.length; i += OUT) {
        if (outs[i + 2] >= 0 && !addressOf.containsKey(outs[i + 2])) {
          addressIds.add(outs[i + 2]);
        }
      }
    }
    txids(unknownSpent);
    addresses(addressIds);
    lookup("blocks", "height", "hash", heights).forEach(hashOf::put);
    for (Long id : ids) {
      List<Object> t = rawRows.remove(id);
      if (t == null) {
        continue;
      }
      long[] ins = rawIns.getOrDefault(id, NONE);
      rawIns.remove(id);
      List<FlowTransaction.Input> inputs = new ArrayList<>(ins.length / IN);
      for (int i = 0; i < ins.length; i += IN) {
        inputs.add(new FlowTransaction.Input((int) ins[i], new Outpoint(txidOf.get(ins[i + 1]), (int) ins[i + 2]), ins[i + 3], address(ins[i + 4])));
      }
      long[] outs = rawOuts.getOrDefault(id, NONE);
      rawOuts.remove(id);
      List<FlowTransaction.Output> outputs = new ArrayList<>(outs.length / OUT);
      for (int i = 0; i < outs.length; i += OUT) {
        outputs.add(new FlowTransaction.Output((int) outs[i], outs[i + 1], address(outs[i + 2])));
      }
      String txid = (String) t.get(1);
      byTxid.put(txid, new FlowTransaction(txid, number(t.get(2)), (String) hashOf.get(t.get(2)), (int) number(t.get(3)),
          ((LocalDateTime) t.get(4)).toInstant(ZoneOffset.UTC), inputs, outputs));
    }
  }

  private Optional<String> address(long id) {
    return id < 0 ? Optional.empty() : Optional.of(addressOf.get(id));
  }

  /** Learns the addresses of these address ids. */
  private void addresses(Set<Object> ids) {
    addressOf.putAll(lookup("address_dictionary", "address_id", "address", ids));
    for (Object id : ids) {
      if (!addressOf.containsKey(number(id))) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "address id " + id + " is in no row of " + s + ".address_dictionary");
      }
    }
  }

  /**
   * As the interface describes, by integer ids: each level's spenders in one query, their rows, inputs and outputs in
   * three, their outputs' addresses in one (to know which to follow); the txids and addresses of their inputs, which
   * the trace needs only to show them, are read once for all levels at the end — most of what a level names, and
   * reading it at once lets a large batch be one scan instead of thousands of index probes.
   */
  @Override
  public Map<String, FlowTransaction> readAheadForward(Collection<Outpoint> start, int levels, Set<String> stops,
      java.util.function.Predicate<java.time.Instant> expand, int maxTransactions) {
    Map<String, FlowTransaction> read = new HashMap<>(transactions(start.stream().map(Outpoint::txid).toList()));
    // the stop addresses by id: outputs are told apart by their address ids, whose texts are read at the end
    Set<Long> stopIds = new HashSet<>();
    for (List<Object> chunk : chunks(new LinkedHashSet<>(stops))) {
      for (List<Object> r : query("SELECT address_id FROM " + s + ".address_dictionary WHERE address IN (" + marks(chunk) + ")", chunk)) {
        stopIds.add(number(r.get(0)));
      }
    }
    Map<Long, Set<Integer>> level = new HashMap<>();
    for (Outpoint o : start) {
      Long id = idOf.get(o.txid());
      if (id != null) {
        level.computeIfAbsent(id, k -> new HashSet<>()).add(o.vout());
      }
    }
    Set<Long> seen = new HashSet<>();
    Set<Long> loaded = new LinkedHashSet<>();
    Map<Long, Map<Integer, Long>> spentBy = new HashMap<>();
    for (int hop = 1; hop <= levels && !level.isEmpty(); hop++) {
      spendersById(level.keySet(), spentBy);
      Set<Long> next = new LinkedHashSet<>();
      level.forEach((creator, vouts) -> {
        for (int vout : vouts) {
          Long spender = spentBy.get(creator).get(vout);
          if (spender != null && seen.add(spender)) {
            next.add(spender);
          }
        }
      });
      Set<Long> fresh = new LinkedHashSet<>();
      for (Long id : next) {
        if (!txidOf.containsKey(id) || !byTxid.containsKey(txidOf.get(id))) {
          fresh.add(id);
        }
      }
      loadRaw(fresh);
      loaded.addAll(fresh);
      if (seen.size() > maxTransactions) {
        level = Map.of();
        break;
      }
      level = new HashMap<>();
      for (Long id : next) {
        FlowTransaction built = fresh.contains(id) ? null : byTxid.get(txidOf.get(id));
        if (built != null) {
          if (expand.test(built.time())) {
            for (FlowTransaction.Output o : built.outputs()) {
              if (o.value() > 0 && o.address().map(a -> !stops.contains(a)).orElse(true)) {
                level.computeIfAbsent(id, k -> new HashSet<>()).add(o.vout());
              }
            }
          }
          continue;
        }
        List<Object> row = rawRows.get(id);
        if (row == null || !expand.test(((LocalDateTime) row.get(4)).toInstant(ZoneOffset.UTC))) {
          continue;
        }
        long[] outs = rawOuts.getOrDefault(id, NONE);
        for (int i = 0; i < outs.length; i += OUT) {
          if (outs[i + 1] > 0 && (outs[i + 2] < 0 || !stopIds.contains(outs[i + 2]))) {
            level.computeIfAbsent(id, k -> new HashSet<>()).add((int) outs[i]);
          }
        }
      }
    }
    if (!level.isEmpty()) {
      spendersById(level.keySet(), spentBy);
    }
    // the txids of the spenders and of what the inputs spend, at once (one lookup, a scan when they are many)
    Set<Long> unknown = new LinkedHashSet<>();
    spentBy.values().forEach(m -> unknown.addAll(m.values()));
    for (Long id : loaded) {
      long[] ins = rawIns.getOrDefault(id, NONE);
      for (int i = 0; i < ins.length; i += IN) {
        unknown.add(ins[i + 1]);
      }
    }
    unknown.removeIf(txidOf::containsKey);
    txids(unknown);
    build(loaded);
    for (Long id : loaded) {
      FlowTransaction tx = byTxid.get(txidOf.get(id));
      if (tx != null) {
        read.put(tx.txid(), tx);
      }
    }
    // every output of the creators asked about is now known spent or unspent
    spentBy.forEach((creator, byVout) -> {
      FlowTransaction tx = byTxid.get(txidOf.get(creator));
      for (FlowTransaction.Output out : tx.outputs()) {
        Long by = byVout.get(out.vout());
        spenders.put(tx.outpoint(out.vout()), by == null ? Optional.empty() : Optional.of(txidOf.get(by)));
      }
    });
    return read;
  }

  /** Records, for every output of the transactions {@code creators} not asked about before, the id of its spender. */
  private void spendersById(Set<Long> creators, Map<Long, Map<Integer, Long>> spentBy) {
    Set<Object> ask = new LinkedHashSet<>();
    for (Long c : creators) {
      if (!spentBy.containsKey(c)) {
        ask.add(c);
        spentBy.put(c, new HashMap<>());
      }
    }
    for (List<Object> chunk : chunks(ask)) {
      for (List<Object> r : query("SELECT spent_tx_id, spent_vout, tx_id FROM " + s + ".tx_inputs WHERE spent_tx_id IN (" + marks(chunk) + ")", chunk)) {
        spentBy.get(number(r.get(0))).put((int) number(r.get(1)), number(r.get(2)));
      }
    }
  }

  /** Learns the txids of these transaction ids. */
  private void txids(Set<Long> ids) {
    Set<Object> unknown = new LinkedHashSet<>();
    for (Long id : ids) {
      if (!txidOf.containsKey(id)) {
        unknown.add(id);
      }
    }
    lookup("transactions", "tx_id", "txid", unknown).forEach(this::remember);
  }

  private void remember(long id, String txid) {
    idOf.put(txid, id);
    txidOf.put(id, txid);
  }

  /**
   * {@code key → value} of {@code table}'s rows whose integer key is one of {@code keys}, the text {@code value} having
   * no control characters (txids, hashes, addresses): each read comes as one text, which costs far less to fetch than
   * tens of thousands of rows.
   */
  private Map<Long, String> lookup(String table, String key, String value, Set<?> keys) {
    Map<Long, String> out = new HashMap<>();
    for (List<Object> r : byKeys("string_agg(t." + key + " || chr(31) || t." + value + ", chr(30))", table, key, keys, "")) {
      String text = (String) r.get(0);
      for (int at = 0; text != null && at < text.length(); ) {
        int unit = text.indexOf(31, at);
        int end = text.indexOf(30, at);
        end = end < 0 ? text.length() : end;
        if (unit < 0 || unit > end) {
          throw new IllegalStateException(s + "." + table + "." + value + " has a value with a control character: " + text.substring(at, end));
        }
        out.put(Long.parseLong(text, at, unit, 10), text.substring(unit + 1, end));
        at = end + 1;
      }
    }
    return out;
  }

  private List<List<Object>> byKeys(String columns, String table, String key, Collection<?> keys, String filter) {
    return keyed.read(columns, table, key, keys, filter);
  }

  private List<List<Object>> query(String sql, List<Object> parameters) {
    return warehouse.query(sql, parameters.toArray()).rows();
  }

  private static List<List<Object>> chunks(Collection<?> keys) {
    List<Object> all = new ArrayList<>(keys);
    List<List<Object>> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from += CHUNK) {
      out.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
    }
    return out;
  }

  private static String marks(List<Object> chunk) {
    return "?" + ", ?".repeat(chunk.size() - 1);
  }

  private static long number(Object o) {
    return ((Number) o).longValue();
  }
}
