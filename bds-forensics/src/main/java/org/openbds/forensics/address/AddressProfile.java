package org.openbds.forensics.address;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openbds.api.ChainId;
import org.openbds.api.Warehouse;
import org.openbds.forensics.cluster.ClusterConfig;
import org.openbds.forensics.cluster.UtxoWarehouseClustering;
import org.openbds.forensics.labels.Label;
import org.openbds.forensics.labels.LabelStore;

/**
 * An address of a UTXO chain as an investigator looks at it: what it received and sent, when it was active, what it
 * is labelled, and the cluster it belongs to — its other addresses, and the merges (transaction and heuristic) that
 * brought this address in.
 */
public record AddressProfile(
    String chain,
    String address,
    long addressId,
    long received,
    long sent,
    long transactions,
    long unspentOutputs,
    Optional<Activity> first,
    Optional<Activity> last,
    List<Label> labels,
    Optional<Cluster> cluster) {

  /** A block the address was active in. */
  public record Activity(long height, LocalDateTime time) {}

  /** The address's cluster: its id and size, some of its other addresses, and the merges this address took part in. */
  public record Cluster(long id, long size, List<String> others, List<Merge> merges, String configuration) {}

  /** A merge this address took part in: the transaction, its block, the heuristic, and the address it was linked to. */
  public record Merge(String txid, long blockHeight, String heuristic, String linkedTo) {}

  public long balance() {
    return received - sent;
  }

  /** The profile of {@code address}; empty when the chain never saw it. {@code others} bounds the addresses listed. */
  public static Optional<AddressProfile> read(Warehouse warehouse, ChainId chain, String address, int others) {
    requireNonNull(warehouse, "warehouse is null");
    String s = chain.value();
    List<List<Object>> id = warehouse.query("SELECT address_id FROM " + s + ".address_dictionary WHERE address = ?", address).rows();
    if (id.isEmpty()) {
      return Optional.empty();
    }
    long addressId = number(id.get(0).get(0));
    List<Object> flows = warehouse.query(
        "WITH flows AS (SELECT tx_id, block_height, value AS received, 0 AS sent, 1 AS output FROM " + s + ".tx_outputs WHERE address_id = ?"
            + " UNION ALL SELECT tx_id, block_height, 0, coalesce(value, 0), 0 FROM " + s + ".tx_inputs WHERE address_id = ?)"
            + " SELECT CAST(coalesce(sum(received), 0) AS BIGINT), CAST(coalesce(sum(sent), 0) AS BIGINT), count(DISTINCT tx_id),"
            + " min(block_height), max(block_height), coalesce(sum(output) - sum(1 - output), 0) FROM flows", addressId, addressId).rows().get(0);
    Optional<Activity> first = activity(warehouse, s, flows.get(3));
    Optional<Activity> last = activity(warehouse, s, flows.get(4));
    List<Label> labels = new LabelStore(warehouse).byAddress(s, List.of()).getOrDefault(address, List.of());
    return Optional.of(new AddressProfile(s, address, addressId, number(flows.get(0)), number(flows.get(1)), number(flows.get(2)),
        number(flows.get(5)), first, last, labels, cluster(warehouse, s, addressId, others)));
  }

  private static Optional<Cluster> cluster(Warehouse warehouse, String s, long addressId, int others) {
    Optional<ClusterConfig> configuration = UtxoWarehouseClustering.stored(warehouse, new ChainId(s));
    if (configuration.isEmpty()) {
      return Optional.empty();
    }
    List<List<Object>> row = warehouse.query("SELECT cluster_id FROM " + s + ".clusters WHERE address_id = ?", addressId).rows();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    long clusterId = number(row.get(0).get(0));
    long size = number(warehouse.query("SELECT count(*) FROM " + s + ".clusters WHERE cluster_id = ?", clusterId).rows().get(0).get(0));
    List<String> members = new ArrayList<>();
    for (List<Object> r : warehouse.query(
        "SELECT d.address FROM " + s + ".clusters c JOIN " + s + ".address_dictionary d ON d.address_id = c.address_id"
            + " WHERE c.cluster_id = ? AND c.address_id <> ? ORDER BY c.address_id LIMIT ?", clusterId, addressId, others).rows()) {
      members.add((String) r.get(0));
    }
    List<Merge> merges = new ArrayList<>();
    for (List<Object> r : warehouse.query(
        "SELECT t.txid, m.block_height, m.heuristic, d.address FROM " + s + ".cluster_merges m JOIN " + s + ".transactions t ON t.tx_id = m.tx_id"
            + " JOIN " + s + ".address_dictionary d ON d.address_id = CASE WHEN m.address_id = ? THEN m.other_address_id ELSE m.address_id END"
            + " WHERE m.address_id = ? OR m.other_address_id = ? ORDER BY m.block_height, m.tx_id, m.heuristic, d.address LIMIT 100", addressId, addressId, addressId).rows()) {
      merges.add(new Merge((String) r.get(0), number(r.get(1)), (String) r.get(2), (String) r.get(3)));
    }
    return Optional.of(new Cluster(clusterId, size, members, merges, configuration.get().id()));
  }

  private static Optional<Activity> activity(Warehouse warehouse, String s, Object height) {
    if (height == null) {
      return Optional.empty();
    }
    List<List<Object>> r = warehouse.query("SELECT time FROM " + s + ".blocks WHERE height = ?", height).rows();
    return Optional.of(new Activity(number(height), (LocalDateTime) r.get(0).get(0)));
  }

  private static long number(Object o) {
    return ((Number) o).longValue();
  }
}
