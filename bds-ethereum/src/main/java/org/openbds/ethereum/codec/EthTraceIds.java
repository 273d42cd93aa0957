package org.openbds.ethereum.codec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * ethereum-etl's {@code trace_id}, so that trace rows can be joined with data sets that exporter produced.
 *
 * <ul>
 *   <li>A transaction's trace: {@code <trace type>_0x<transaction hash>_<trace address joined by _>}, e.g.
 *       {@code call_0x2c3c…c100_} for a top-level call (the trailing {@code _} stays when the address is empty) and
 *       {@code suicide_0x91ac…bc89_0} for the first child.
 *   <li>A trace of no transaction (a block or uncle reward): {@code <trace type>_<block number>_<n>}, e.g.
 *       {@code reward_1000690_0}, where {@code n} numbers that block's traces of that type ordered by reward type,
 *       from address, to address and value (the exporter's order; ties keep the node's order).
 * </ul>
 */
public final class EthTraceIds {
  private static final Comparator<EthTrace> BLOCK_SCOPED_ORDER =
      Comparator.<EthTrace, String>comparing(t -> t.rewardType().orElse(""))
          .thenComparing(t -> t.fromAddress().orElse(""))
          .thenComparing(t -> t.toAddress().orElse(""))
          .thenComparing(EthTrace::value);

  private EthTraceIds() {}

  /** The ids of one block's traces, in the order of {@code traces}. */
  public static List<String> of(long blockNumber, List<EthTrace> traces) {
    String[] ids = new String[traces.size()];
    Map<String, List<Integer>> blockScopedByType = new LinkedHashMap<>();
    for (int i = 0; i < traces.size(); i++) {
      EthTrace t = traces.get(i);
      if (t.transactionHash().isPresent()) {
        String address = t.traceAddress().stream().map(String::valueOf).collect(Collectors.joining("_"));
        ids[i] = t.traceType() + "_0x" + t.transactionHash().get() + "_" + address;
      } else {
        blockScopedByType.computeIfAbsent(t.traceType(), k -> new ArrayList<>()).add(i);
      }
    }
    for (List<Integer> positions : blockScopedByType.values()) {
      List<Integer> sorted = new ArrayList<>(positions);
      sorted.sort(Comparator.comparing(traces::get, BLOCK_SCOPED_ORDER));
      for (int n = 0; n < sorted.size(); n++) {
        EthTrace t = traces.get(sorted.get(n));
        ids[sorted.get(n)] = t.traceType() + "_" + blockNumber + "_" + n;
      }
    }
    return List.of(ids);
  }
}
