package org.openbds.ethereum.verify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.openbds.api.ChainId;
import org.openbds.api.NodeSettings;
import org.openbds.api.Reconciler;
import org.openbds.api.ReconciliationCheck;
import org.openbds.api.RetryPolicy;
import org.openbds.api.Warehouse;
import org.openbds.ethereum.profile.EthChainProfile;
import org.openbds.ethereum.rpc.EthRpcClient;
import org.openbds.ethereum.token.TokenHolding;

/**
 * Reconciles an Ethereum-family chain in the warehouse with the node. The checks, in this order:
 *
 * <ol>
 *   <li>{@code tip.hash}: the warehouse's tip block is the node's block at that height;
 *   <li>{@code blocks.hash}, {@code blocks.transaction_count}, {@code blocks.gas_used}: every block of the range
 *       against the node's header;
 *   <li>{@code eth_getBalance}: for every address with a native balance change, the balance derived from
 *       {@code balance_changes} up to a height against the node's balance at that height — at the tip and at up to
 *       three earlier heights;
 *   <li>{@code balanceOf}: every ERC-20 holder's derived balance, every ERC-1155 (holder, id) balance and every
 *       ERC-721 token's owner, against the token contract's own answer at the tip.
 * </ol>
 *
 * Node calls are batched ({@value #BATCH} per request) and retried as the settings' {@link RetryPolicy} says.
 */
public final class EthReconciler implements Reconciler {
  static final int BATCH = 200;

  private final EthRpcClient rpc;
  private final RetryPolicy retry;

  EthReconciler(EthRpcClient rpc, RetryPolicy retry) {
    this.rpc = requireNonNull(rpc, "rpc is null");
    this.retry = requireNonNull(retry, "retry is null");
  }

  public static EthReconciler open(NodeSettings settings, EthChainProfile profile, EthChainProfile.EthNetwork network) {
    settings.requireOnlyOptions("ethereum", java.util.Set.of("traces"));
    return new EthReconciler(EthRpcClient.fromUrl(settings.url(), settings.timeout()), settings.retry());
  }

  @Override
  public List<ReconciliationCheck> reconcile(Warehouse warehouse, ChainId chain, long fromHeight, long toHeight, Consumer<String> progress) {
    String s = chain.value();
    List<Object> range = warehouse.query("SELECT MIN(number), MAX(number) FROM " + s + ".blocks WHERE number BETWEEN ? AND ?", fromHeight, toHeight).rows().get(0);
    List<ReconciliationCheck> out = new ArrayList<>();
    if (range.get(0) == null) {
      out.add(new ReconciliationCheck("tip.hash", "no blocks", 0, 0, "the warehouse holds no blocks of " + s + " in " + fromHeight + ".." + toHeight));
      return out;
    }
    long from = ((Number) range.get(0)).longValue();
    long to = ((Number) range.get(1)).longValue();
    out.add(tip(warehouse, s, to));
    out.addAll(blocks(warehouse, s, from, to, progress));
    out.add(balances(warehouse, s, from, to, progress));
    out.addAll(tokens(warehouse, s, to, progress));
    return out;
  }

  private ReconciliationCheck tip(Warehouse warehouse, String s, long tip) {
    String ours = (String) warehouse.query("SELECT hash FROM " + s + ".blocks WHERE number = ?", tip).rows().get(0).get(0);
    JsonNode node = retry.call("eth_getBlockByNumber " + tip, () -> rpc.call("eth_getBlockByNumber", hex(tip), false));
    String theirs = node.isNull() ? "(none)" : node.path("hash").asText();
    boolean same = theirs.equalsIgnoreCase(ours);
    return new ReconciliationCheck("tip.hash", "tip " + tip, 1, same ? 0 : 1, same ? ours : "node " + theirs + ", warehouse " + ours);
  }

  private List<ReconciliationCheck> blocks(Warehouse warehouse, String s, long from, long to, Consumer<String> progress) {
    long[] checked = new long[3];
    long[] mismatches = new long[3];
    String[] first = new String[3];
    for (long start = from; start <= to; start += BATCH) {
      long end = Math.min(to, start + BATCH - 1);
      List<List<Object>> rows =
          warehouse.query("SELECT number, hash, transaction_count, gas_used FROM " + s + ".blocks WHERE number BETWEEN ? AND ? ORDER BY number", start, end).rows();
      List<EthRpcClient.Call> calls = new ArrayList<>();
      for (List<Object> r : rows) {
        calls.add(EthRpcClient.Call.of("eth_getBlockByNumber", hex(((Number) r.get(0)).longValue()), false));
      }
      List<EthRpcClient.Answer> answers = retry.call("eth_getBlockByNumber " + start + ".." + end, () -> rpc.batch(calls));
      for (int i = 0; i < rows.size(); i++) {
        List<Object> r = rows.get(i);
        JsonNode b = answers.get(i).get();
        String number = String.valueOf(r.get(0));
        compare(0, b.path("hash").asText(), (String) r.get(1), number, checked, mismatches, first);
        compare(1, String.valueOf(b.path("transactions").size()), String.valueOf(r.get(2)), number, checked, mismatches, first);
        compare(2, String.valueOf(quantity(b.path("gasUsed"))), String.valueOf(r.get(3)), number, checked, mismatches, first);
      }
      progress.accept("blocks " + end + "/" + to);
    }
    String scope = "blocks " + from + ".." + to;
    String[] names = {"blocks.hash", "blocks.transaction_count", "blocks.gas_used"};
    List<ReconciliationCheck> out = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      out.add(new ReconciliationCheck(names[k], scope, checked[k], mismatches[k], first[k] == null ? checked[k] + " blocks agree" : first[k]));
    }
    return out;
  }

  private static void compare(int k, String node, String ours, String where, long[] checked, long[] mismatches, String[] first) {
    checked[k]++;
    if (!node.equalsIgnoreCase(ours)) {
      mismatches[k]++;
      if (first[k] == null) {
        first[k] = "block " + where + ": node " + node + ", warehouse " + ours;
      }
    }
  }

  /** Derived balances against eth_getBalance at the tip and up to three earlier heights of the range. */
  private ReconciliationCheck balances(Warehouse warehouse, String s, long from, long to, Consumer<String> progress) {
    TreeSet<Long> heights = new TreeSet<>(List.of(to, from + (to - from) / 2, from + (to - from) / 4, from + 3 * (to - from) / 4));
    long checked = 0;
    long mismatches = 0;
    String first = null;
    for (long h : heights) {
      List<List<Object>> rows =
          warehouse.query(
                  "SELECT address, CAST(SUM(delta) AS VARCHAR) FROM " + s + ".balance_changes WHERE block_number <= ? GROUP BY address ORDER BY address", h)
              .rows();
      for (int start = 0; start < rows.size(); start += BATCH) {
        List<List<Object>> chunk = rows.subList(start, Math.min(rows.size(), start + BATCH));
        List<EthRpcClient.Call> calls = new ArrayList<>();
        for (List<Object> r : chunk) {
          calls.add(EthRpcClient.Call.of("eth_getBalance", r.get(0), hex(h)));
        }
        List<EthRpcClient.Answer> answers = retry.call("eth_getBalance at " + h, () -> rpc.batch(calls));
        for (int i = 0; i < chunk.size(); i++) {
          BigInteger node = quantity(answers.get(i).get());
          BigInteger ours = new BigInteger((String) chunk.get(i).get(1));
          checked++;
          if (!node.equals(ours)) {
            mismatches++;
            if (first == null) {
              first = chunk.get(i).get(0) + " at " + h + ": node " + node + ", warehouse " + ours;
            }
          }
        }
      }
      progress.accept("balances at " + h + ": " + rows.size() + " addresses");
    }
    return new ReconciliationCheck("eth_getBalance", "all addresses at heights " + heights, checked, mismatches,
        first == null ? checked + " balances agree" : first);
  }

  private List<ReconciliationCheck> tokens(Warehouse warehouse, String s, long tip, Consumer<String> progress) {
    List<ReconciliationCheck> out = new ArrayList<>();
    long transfers = ((Number) warehouse.query("SELECT COUNT(*) FROM " + s + ".token_transfers").rows().get(0).get(0)).longValue();
    if (transfers == 0) {
      return out;
    }
    String zero = TokenHolding.ZERO_ADDRESS;
    List<List<Object>> erc20 =
        warehouse.query("SELECT token_address, holder, CAST(balance AS VARCHAR) FROM " + s + ".token_balances WHERE token_standard = 'erc20' AND holder <> ?"
            + " ORDER BY token_address, holder", zero).rows();
    out.add(tokenCheck("balanceOf.erc20", erc20, tip, r -> Map.entry((String) r.get(0), TokenHolding.erc20((String) r.get(0), (String) r.get(1)).callData()),
        r -> new BigInteger((String) r.get(2)), progress));
    List<List<Object>> erc1155 =
        warehouse.query("SELECT token_address, holder, CAST(token_id AS VARCHAR), CAST(balance AS VARCHAR) FROM " + s + ".token_balances"
            + " WHERE token_standard = 'erc1155' AND holder <> ? ORDER BY token_address, holder, token_id", zero).rows();
    if (!erc1155.isEmpty()) {
      out.add(tokenCheck("balanceOf.erc1155", erc1155, tip,
          r -> Map.entry((String) r.get(0), TokenHolding.erc1155((String) r.get(0), (String) r.get(1), new BigInteger((String) r.get(2))).callData()),
          r -> new BigInteger((String) r.get(3)), progress));
    }
    List<List<Object>> erc721 =
        warehouse.query("SELECT token_address, CAST(token_id AS VARCHAR), holder FROM " + s + ".token_balances"
            + " WHERE token_standard = 'erc721' AND holder <> ? AND balance = 1 ORDER BY token_address, token_id", zero).rows();
    if (!erc721.isEmpty()) {
      out.add(tokenCheck("ownerOf.erc721", erc721, tip, r -> Map.entry((String) r.get(0), TokenHolding.erc721((String) r.get(0), new BigInteger((String) r.get(1))).callData()),
          r -> address((String) r.get(2)), progress));
    }
    return out;
  }

  private ReconciliationCheck tokenCheck(
      String name,
      List<List<Object>> rows,
      long tip,
      java.util.function.Function<List<Object>, Map.Entry<String, String>> call,
      java.util.function.Function<List<Object>, BigInteger> expected,
      Consumer<String> progress) {
    long checked = 0;
    long mismatches = 0;
    String first = null;
    for (int start = 0; start < rows.size(); start += BATCH) {
      List<List<Object>> chunk = rows.subList(start, Math.min(rows.size(), start + BATCH));
      List<EthRpcClient.Call> calls = new ArrayList<>();
      for (List<Object> r : chunk) {
        Map.Entry<String, String> c = call.apply(r);
        calls.add(EthRpcClient.Call.of("eth_call", Map.of("to", c.getKey(), "data", c.getValue()), hex(tip)));
      }
      List<EthRpcClient.Answer> answers = retry.call(name + " at " + tip, () -> rpc.batch(calls));
      for (int i = 0; i < chunk.size(); i++) {
        checked++;
        EthRpcClient.Answer a = answers.get(i);
        String node = a.error().map(e -> "error " + e.getMessage()).orElseGet(() -> {
          String hex = a.result().asText("");
          return hex.length() == 66 ? new BigInteger(hex.substring(2), 16).toString() : "garbage " + hex;
        });
        BigInteger ours = expected.apply(chunk.get(i));
        if (!node.equals(ours.toString())) {
          mismatches++;
          if (first == null) {
            first = chunk.get(i) + ": node " + node + ", warehouse " + ours;
          }
        }
      }
      progress.accept(name + " " + Math.min(rows.size(), start + BATCH) + "/" + rows.size());
    }
    return new ReconciliationCheck(name, "all holders at tip " + tip, checked, mismatches, first == null ? checked + " agree" : first);
  }

  private static BigInteger address(String hex) {
    return new BigInteger(hex.substring(2), 16);
  }

  private static BigInteger quantity(JsonNode v) {
    String s = v.asText("");
    if (!s.startsWith("0x") || s.length() < 3) {
      throw new org.openbds.api.BdsException(org.openbds.api.ErrorCode.MALFORMED_RESPONSE, "not a hex quantity from the node: " + v);
    }
    return new BigInteger(s.substring(2), 16);
  }

  private static String hex(long n) {
    return "0x" + Long.toHexString(n);
  }
}
