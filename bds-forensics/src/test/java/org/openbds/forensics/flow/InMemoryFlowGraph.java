package org.openbds.forensics.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A hand-built flow graph: transactions added in chain order, each spending earlier outputs by {@code txid:vout}. */
public final class InMemoryFlowGraph implements FlowGraph {
  private final Map<String, FlowTransaction> transactions = new LinkedHashMap<>();
  private final Map<Outpoint, String> spenders = new HashMap<>();
  private int height;

  /** A transaction in a block of its own: {@code spends} outputs, creating {@code outputs} as (address, value) pairs. */
  public FlowTransaction add(String name, List<Outpoint> spends, List<Map.Entry<String, Long>> outputs) {
    String txid = txid(name);
    List<FlowTransaction.Input> inputs = new ArrayList<>();
    for (Outpoint o : spends) {
      FlowTransaction.Output spent = transactions.get(o.txid()).outputs().get(o.vout());
      if (spenders.containsKey(o)) {
        throw new IllegalArgumentException(o + " is spent twice");
      }
      inputs.add(new FlowTransaction.Input(inputs.size(), o, spent.value(), spent.address()));
    }
    List<FlowTransaction.Output> outs = new ArrayList<>();
    for (Map.Entry<String, Long> e : outputs) {
      outs.add(new FlowTransaction.Output(outs.size(), e.getValue(), Optional.ofNullable(e.getKey())));
    }
    height++;
    FlowTransaction tx = new FlowTransaction(txid, height, String.format("%064x", height), 0, Instant.ofEpochSecond(1_700_000_000L + height * 600L), inputs, outs);
    transactions.put(txid, tx);
    spends.forEach(o -> spenders.put(o, txid));
    return tx;
  }

  public static String txid(String name) {
    return String.format("%64s", name).replace(' ', '0');
  }

  public static Outpoint out(String name, int vout) {
    return new Outpoint(txid(name), vout);
  }

  @Override
  public Optional<FlowTransaction> transaction(String txid) {
    return Optional.ofNullable(transactions.get(txid));
  }

  @Override
  public Optional<String> spender(Outpoint outpoint) {
    return Optional.ofNullable(spenders.get(outpoint));
  }

  @Override
  public List<Outpoint> outputsPaying(String address) {
    List<Outpoint> out = new ArrayList<>();
    for (FlowTransaction tx : transactions.values()) {
      for (FlowTransaction.Output o : tx.outputs()) {
        if (o.address().filter(address::equals).isPresent()) {
          out.add(tx.outpoint(o.vout()));
        }
      }
    }
    return out;
  }

  public List<FlowTransaction> all() {
    return List.copyOf(transactions.values());
  }
}
