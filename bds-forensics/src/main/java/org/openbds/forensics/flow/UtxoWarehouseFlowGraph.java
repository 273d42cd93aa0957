package org.openbds.forensics.flow;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Warehouse;

/**
 * The flow graph of a UTXO chain read from its warehouse tables: a transaction by txid, then its inputs and outputs by
 * its integer id and block height (which confine each read to few row groups), and the txids and addresses they name
 * by one IN list each. Transactions are kept once read: a trace meets the same ones again.
 */
public final class UtxoWarehouseFlowGraph implements FlowGraph {
  private final Warehouse warehouse;
  private final String s;
  private final Map<String, Optional<FlowTransaction>> transactions = new HashMap<>();
  private final Map<String, long[]> ids = new HashMap<>();

  public UtxoWarehouseFlowGraph(Warehouse warehouse, ChainId chain) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.s = requireNonNull(chain, "chain is null").value();
  }

  @Override
  public Optional<FlowTransaction> transaction(String txid) {
    Optional<FlowTransaction> tx = transactions.get(txid);
    if (tx == null) {
      tx = read(txid);
      transactions.put(txid, tx);
    }
    return tx;
  }

  private Optional<FlowTransaction> read(String txid) {
    List<List<Object>> rows = warehouse.query(
        "SELECT t.tx_id, t.block_height, t.position, t.time, b.hash FROM " + s + ".transactions t JOIN " + s + ".blocks b ON b.height = t.block_height"
            + " WHERE t.txid = ?", txid).rows();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<Object> t = rows.get(0);
    long txId = number(t.get(0));
    long height = number(t.get(1));
    ids.put(txid, new long[] {txId, height});
    List<List<Object>> ins = warehouse.query(
        "SELECT vin, spent_tx_id, spent_vout, spent_txid_unresolved, value, address_id FROM " + s + ".tx_inputs"
            + " WHERE tx_id = ? AND block_height = ? AND NOT is_coinbase ORDER BY vin", txId, height).rows();
    List<List<Object>> outs = warehouse.query(
        "SELECT vout, value, address_id FROM " + s + ".tx_outputs WHERE tx_id = ? AND block_height = ? ORDER BY vout", txId, height).rows();
    Set<Object> spentIds = new LinkedHashSet<>();
    Set<Object> addressIds = new LinkedHashSet<>();
    for (List<Object> in : ins) {
      if (in.get(1) == null || in.get(4) == null) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "input " + in.get(0) + " of " + txid + " spends " + in.get(3) + ":" + in.get(2)
            + ", which this warehouse does not hold (the chain was synced from a later height): a trace cannot go through it");
      }
      spentIds.add(in.get(1));
      if (in.get(5) != null) {
        addressIds.add(in.get(5));
      }
    }
    for (List<Object> out : outs) {
      if (out.get(2) != null) {
        addressIds.add(out.get(2));
      }
    }
    Map<Object, Object> spentTxids = lookup("transactions", "tx_id", "txid", spentIds);
    Map<Object, Object> addresses = lookup("address_dictionary", "address_id", "address", addressIds);
    List<FlowTransaction.Input> inputs = new ArrayList<>();
    for (List<Object> in : ins) {
      inputs.add(new FlowTransaction.Input(
          (int) number(in.get(0)), new Outpoint((String) spentTxids.get(in.get(1)), (int) number(in.get(2))), number(in.get(4)),
          Optional.ofNullable((String) addresses.get(in.get(5)))));
    }
    List<FlowTransaction.Output> outputs = new ArrayList<>();
    for (List<Object> out : outs) {
      outputs.add(new FlowTransaction.Output((int) number(out.get(0)), number(out.get(1)), Optional.ofNullable((String) addresses.get(out.get(2)))));
    }
    Instant time = ((LocalDateTime) t.get(3)).toInstant(ZoneOffset.UTC);
    return Optional.of(new FlowTransaction(txid, height, (String) t.get(4), (int) number(t.get(2)), time, inputs, outputs));
  }

  @Override
  public Optional<String> spender(Outpoint outpoint) {
    long[] id = ids.get(outpoint.txid());
    if (id == null) {
      if (transaction(outpoint.txid()).isEmpty()) {
        return Optional.empty();
      }
      id = ids.get(outpoint.txid());
    }
    List<List<Object>> rows = warehouse.query(
        "SELECT tx_id FROM " + s + ".tx_inputs WHERE spent_tx_id = ? AND spent_vout = ? AND block_height >= ?", id[0], outpoint.vout(), id[1]).rows();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of((String) warehouse.query("SELECT txid FROM " + s + ".transactions WHERE tx_id = ?", rows.get(0).get(0)).rows().get(0).get(0));
  }

  @Override
  public List<Outpoint> outputsPaying(String address) {
    List<List<Object>> rows = warehouse.query(
        "SELECT o.tx_id, o.vout FROM " + s + ".tx_outputs o WHERE o.address_id = (SELECT address_id FROM " + s + ".address_dictionary WHERE address = ?)"
            + " ORDER BY o.tx_id, o.vout", address).rows();
    Set<Object> txIds = new LinkedHashSet<>();
    rows.forEach(r -> txIds.add(r.get(0)));
    Map<Object, Object> txids = lookup("transactions", "tx_id", "txid", txIds);
    List<Outpoint> out = new ArrayList<>();
    for (List<Object> r : rows) {
      out.add(new Outpoint((String) txids.get(r.get(0)), (int) number(r.get(1))));
    }
    return out;
  }

  /** {@code key → value} of {@code table}'s rows whose key is one of {@code keys}, 1,000 keys a query. */
  private Map<Object, Object> lookup(String table, String key, String value, Set<Object> keys) {
    Map<Object, Object> out = new HashMap<>();
    List<Object> all = new ArrayList<>(keys);
    for (int from = 0; from < all.size(); from += 1000) {
      List<Object> chunk = all.subList(from, Math.min(all.size(), from + 1000));
      String in = "?" + ", ?".repeat(chunk.size() - 1);
      for (List<Object> r : warehouse.query("SELECT " + key + ", " + value + " FROM " + s + "." + table + " WHERE " + key + " IN (" + in + ")",
          chunk.toArray()).rows()) {
        out.put(r.get(0), r.get(1));
      }
    }
    return out;
  }

  private static long number(Object o) {
    return ((Number) o).longValue();
  }
}
