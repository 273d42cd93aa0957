package org.openbds.bitcoin.verify;

import static java.util.Objects.requireNonNull;
import static org.openbds.bitcoin.verify.SqlValues.number;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openbds.api.ChainId;
import org.openbds.api.Warehouse;

/**
 * The warehouse's unspent outputs counted the way a node counts its UTXO set ({@code gettxoutsetinfo}). An output is
 * unspent when no {@code tx_inputs} row spends it. The node never holds:
 *
 * <ul>
 *   <li>the genesis block's coinbase output (nodes never add it to their UTXO set; we keep it, unspendable forever);
 *   <li>provably unspendable outputs: a script that starts with OP_RETURN (our {@code op_return} type, and the
 *       {@code nonstandard} ones whose data is not pure pushes) or is longer than 10,000 bytes;
 *   <li>the outputs of a coinbase whose txid a later coinbase repeated (Bitcoin blocks 91812 and 91722, before BIP30):
 *       the later one overwrote them.
 * </ul>
 */
final class WarehouseUnspentSet {
  /** Bitcoin Core's MAX_SCRIPT_SIZE: a longer output script can never be spent. */
  static final int MAX_SCRIPT_SIZE = 10_000;

  private static final int OP_RETURN = 0x6a;

  private static final String UNSPENT =
      """
      SELECT COUNT(*) AS outputs, CAST(COALESCE(SUM(o.value), 0) AS BIGINT) AS amount
      FROM {schema}.tx_outputs o
      WHERE o.block_height > 0 AND o.script_type <> 'op_return'
        AND NOT EXISTS (SELECT 1 FROM {schema}.tx_inputs i WHERE i.spent_tx_id = o.tx_id AND i.spent_vout = o.vout)""";

  /** The few unspent outputs whose script must be looked at to know whether the node holds them. */
  private static final String UNSPENT_NONSTANDARD =
      """
      SELECT o.tx_id, o.vout, o.value, d.script
      FROM {schema}.tx_outputs o
      JOIN {schema}.output_scripts d ON d.tx_id = o.tx_id AND d.vout = o.vout
      WHERE o.block_height > 0 AND o.script_type = 'nonstandard'
        AND NOT EXISTS (SELECT 1 FROM {schema}.tx_inputs i WHERE i.spent_tx_id = o.tx_id AND i.spent_vout = o.vout)""";

  private static final String UNSPENT_OVERWRITTEN =
      """
      WITH repeated AS (
        SELECT txid, MAX(tx_id) AS last_tx_id FROM {schema}.transactions WHERE is_coinbase GROUP BY txid HAVING COUNT(*) > 1)
      SELECT o.tx_id, o.vout, o.value
      FROM repeated r
      JOIN {schema}.transactions t ON t.txid = r.txid AND t.tx_id < r.last_tx_id
      JOIN {schema}.tx_outputs o ON o.tx_id = t.tx_id
      WHERE o.block_height > 0 AND o.script_type <> 'op_return'
        AND NOT EXISTS (SELECT 1 FROM {schema}.tx_inputs i WHERE i.spent_tx_id = o.tx_id AND i.spent_vout = o.vout)""";

  private final Warehouse warehouse;
  private final String schema;

  WarehouseUnspentSet(Warehouse warehouse, ChainId chain) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.schema = requireNonNull(chain, "chain is null").value();
  }

  UnspentTotals read() {
    List<Object> all = query(UNSPENT).get(0);
    // outpoint (tx_id, vout) -> value of the outputs the node does not hold; a map so that none is left out twice
    Map<List<Long>, Long> notHeld = new HashMap<>();
    for (List<Object> row : query(UNSPENT_NONSTANDARD)) {
      if (unspendable((byte[]) row.get(3))) {
        notHeld.put(List.of(number(row.get(0)), number(row.get(1))), number(row.get(2)));
      }
    }
    for (List<Object> row : query(UNSPENT_OVERWRITTEN)) {
      notHeld.put(List.of(number(row.get(0)), number(row.get(1))), number(row.get(2)));
    }
    long amountNotHeld = 0;
    for (long value : notHeld.values()) {
      amountNotHeld += value;
    }
    return new UnspentTotals(number(all.get(0)) - notHeld.size(), number(all.get(1)) - amountNotHeld);
  }

  /** Bitcoin Core's CScript::IsUnspendable. */
  static boolean unspendable(byte[] script) {
    return (script.length > 0 && (script[0] & 0xff) == OP_RETURN) || script.length > MAX_SCRIPT_SIZE;
  }

  private List<List<Object>> query(String sql) {
    return warehouse.query(sql.replace("{schema}", schema)).rows();
  }
}
