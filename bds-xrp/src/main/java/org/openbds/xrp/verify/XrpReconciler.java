package org.openbds.xrp.verify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.openbds.api.ChainId;
import org.openbds.api.NodeSettings;
import org.openbds.api.ReconciliationCheck;
import org.openbds.api.RetryPolicy;
import org.openbds.api.Warehouse;
import org.openbds.xrp.rpc.CompleteLedgers;
import org.openbds.xrp.rpc.RippledClient;

/**
 * Reconciles the {@code xrp} schema with rippled. The checks, in this order: the tip ledger's hash; that the
 * warehouse holds every ledger of its range exactly once; then, for every ledger of the range, the node's hash,
 * {@code total_coins}, transaction tree root and number of transactions against the stored ones; last, that the
 * node's own history ({@code complete_ledgers}) covers the range, so that the comparison covered all of it.
 */
public final class XrpReconciler implements org.openbds.api.Reconciler, AutoCloseable {
  private static final String[] NAMES = {"ledgers.hash", "ledgers.total_coins", "ledgers.transaction_hash", "ledgers.tx_count"};

  private final RippledClient client;
  private final RetryPolicy retry;

  private XrpReconciler(RippledClient client, RetryPolicy retry) {
    this.client = requireNonNull(client, "client is null");
    this.retry = requireNonNull(retry, "retry is null");
  }

  public static XrpReconciler open(NodeSettings settings) {
    return new XrpReconciler(RippledClient.fromUrl(settings.url(), settings.timeout(), settings.concurrency()), settings.retry());
  }

  @Override
  public List<ReconciliationCheck> reconcile(Warehouse warehouse, ChainId chain, long fromHeight, long toHeight, Consumer<String> progress) {
    String s = chain.value();
    List<Object> range = warehouse.query(
        "SELECT MIN(ledger_index), MAX(ledger_index), COUNT(*), COUNT(DISTINCT ledger_index) FROM " + s
            + ".ledgers WHERE ledger_index BETWEEN ? AND ?", fromHeight, toHeight).rows().get(0);
    List<ReconciliationCheck> out = new ArrayList<>();
    if (range.get(0) == null) {
      out.add(new ReconciliationCheck("tip.hash", "no ledgers", 0, 0, "the warehouse holds no ledgers of " + s + " in " + fromHeight + ".." + toHeight));
      return out;
    }
    long from = ((Number) range.get(0)).longValue();
    long to = ((Number) range.get(1)).longValue();
    String scope = "ledgers " + from + ".." + to;
    long expected = to - from + 1;
    long rows = ((Number) range.get(2)).longValue();
    long distinct = ((Number) range.get(3)).longValue();
    List<List<Object>> stored = warehouse.query("SELECT ledger_index, ledger_hash, total_coins, transaction_hash, tx_count FROM " + s
        + ".ledgers WHERE ledger_index BETWEEN ? AND ? ORDER BY ledger_index", from, to).rows();
    out.add(tip(stored.get(stored.size() - 1)));
    long gaps = expected - distinct + (rows - distinct);
    out.add(new ReconciliationCheck("ledgers.complete", scope, expected, Math.min(expected, gaps),
        gaps == 0 ? expected + " ledgers, each once" : (expected - distinct) + " missing, " + (rows - distinct) + " twice"));
    long[] checked = new long[NAMES.length];
    long[] mismatches = new long[NAMES.length];
    String[] first = new String[NAMES.length];
    int done = 0;
    for (List<Object> r : stored) {
      long index = ((Number) r.get(0)).longValue();
      JsonNode ledger = fetch(index).path("ledger");
      String[] node = {
          text(ledger, "ledger_hash", "hash"), text(ledger, "total_coins", "totalCoins"), text(ledger, "transaction_hash", null),
          String.valueOf(ledger.path("transactions").size())};
      Object[] ours = {r.get(1), r.get(2), r.get(3), r.get(4)};
      for (int k = 0; k < NAMES.length; k++) {
        if (ours[k] == null || node[k] == null) {
          continue;
        }
        checked[k]++;
        if (!node[k].equalsIgnoreCase(String.valueOf(ours[k]))) {
          mismatches[k]++;
          if (first[k] == null) {
            first[k] = "ledger " + index + ": node " + node[k] + ", warehouse " + ours[k];
          }
        }
      }
      if (++done % 500 == 0) {
        progress.accept("ledger " + index + " (" + done + "/" + stored.size() + ")");
      }
    }
    for (int k = 0; k < NAMES.length; k++) {
      out.add(new ReconciliationCheck(NAMES[k], scope, checked[k], mismatches[k], first[k] == null ? checked[k] + " ledgers agree" : first[k]));
    }
    CompleteLedgers history = retry.call("server_info", client::serverInfo).completeLedgers();
    List<CompleteLedgers.LedgerRange> missing = history.missing(from, to);
    out.add(new ReconciliationCheck("node.complete_ledgers", scope, expected, Math.min(expected, missing.stream().mapToLong(CompleteLedgers.LedgerRange::size).sum()),
        missing.isEmpty() ? "the node holds every ledger of the range (" + history + ")" : "the node lacks " + missing + " (" + history + ")"));
    return out;
  }

  private ReconciliationCheck tip(List<Object> tip) {
    long index = ((Number) tip.get(0)).longValue();
    String theirs = text(fetch(index).path("ledger"), "ledger_hash", "hash");
    String ours = String.valueOf(tip.get(1));
    boolean same = ours.equalsIgnoreCase(theirs);
    return new ReconciliationCheck("tip.hash", "tip " + index, 1, same ? 0 : 1, same ? ours : "node " + theirs + ", warehouse " + ours);
  }

  private JsonNode fetch(long index) {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.put("ledger_index", index).put("transactions", true).put("expand", false);
    return retry.call("ledger " + index, () -> client.call("ledger", params)).result();
  }

  private static String text(JsonNode ledger, String field, String alternative) {
    JsonNode v = ledger.get(field);
    if ((v == null || v.isNull()) && alternative != null) {
      v = ledger.get(alternative);
    }
    return v == null || v.isNull() ? null : v.asText();
  }

  @Override
  public void close() {
    client.close();
  }
}
