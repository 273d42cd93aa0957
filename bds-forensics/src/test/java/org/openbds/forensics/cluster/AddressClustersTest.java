package org.openbds.forensics.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Clustering on constructed transactions: co-spends merge, CoinJoin shapes do not, change by the versioned rule. */
class AddressClustersTest {
  final List<AddressClusters.Merge> merges = new ArrayList<>();

  @Test
  void coSpentAddressesMergeUnderTheirOldestAddressWithEvidence() {
    AddressClusters c = new AddressClusters(ClusterConfig.DEFAULT, merges::add);
    AddressClusters.Verdict v = c.add(tx(1000L /* t1 */, new long[] {5, 3, 9, 3}, out(100, 20, false)));
    assertThat(v).isEqualTo(new AddressClusters.Verdict(false, 2));
    assertThat(List.of(c.clusterOf(3), c.clusterOf(5), c.clusterOf(9), c.clusterOf(20))).containsExactly(3L, 3L, 3L, 20L);
    assertThat(merges).containsExactly(
        new AddressClusters.Merge(1000L, 1, "multi-input", 3, 5, 3, 5, 3), new AddressClusters.Merge(1000L, 1, "multi-input", 3, 9, 3, 9, 3));
    // a later co-spend joins {3,5,9} with {1,7}: the older name wins, and the merge says which transaction did it
    c.add(tx(1001L /* t2 */, new long[] {1, 7}, out(50, 21, false)));
    c.add(tx(1002L /* t3 */, new long[] {7, 9}, out(60, 22, false)));
    assertThat(List.of(c.clusterOf(3), c.clusterOf(5), c.clusterOf(9), c.clusterOf(7), c.clusterOf(1))).containsOnly(1L);
    assertThat(merges.get(merges.size() - 1)).isEqualTo(new AddressClusters.Merge(1002L, 1, "multi-input", 7, 9, 1, 3, 1));
    // spending together again merges nothing new
    assertThat(c.add(tx(1003L /* t4 */, new long[] {5, 1}, out(10, 23, false))).merges()).isZero();
  }

  @Test
  void clusterIdsDoNotDependOnTheOrderOfTheCoSpends() {
    Random random = new Random(5);
    List<ClusterTransaction> txs = new ArrayList<>();
    for (int t = 0; t < 300; t++) {
      long[] in = new long[1 + random.nextInt(3)];
      for (int i = 0; i < in.length; i++) {
        in[i] = random.nextInt(400);
      }
      txs.add(tx(t, in, out(1 + random.nextInt(1000), 400 + t, false)));
    }
    Map<Long, Long> first = clusters(txs);
    for (int round = 0; round < 5; round++) {
      List<ClusterTransaction> shuffled = new ArrayList<>(txs);
      Collections.shuffle(shuffled, random);
      assertThat(clusters(shuffled)).isEqualTo(first);
    }
    // and each cluster is named by its smallest address
    first.forEach((address, cluster) -> assertThat(cluster).isLessThanOrEqualTo(address));
    assertThat(first).isNotEmpty();
  }

  @Test
  void goingOnFromStoredClustersGivesWhatOneRunGives() {
    Random random = new Random(9);
    List<ClusterTransaction> txs = new ArrayList<>();
    for (int t = 0; t < 400; t++) {
      long[] in = new long[1 + random.nextInt(3)];
      for (int i = 0; i < in.length; i++) {
        in[i] = random.nextInt(500);
      }
      txs.add(tx(t, in, out(1 + random.nextInt(1000), 500 + t, false)));
    }
    Map<Long, Long> whole = clusters(txs);
    // the first half in one run; then block by block (ten transactions each), each seeded with only the stored
    // clusters of the addresses its transactions touch, its merges applied to the store as a block update would
    Map<Long, Long> stored = new java.util.HashMap<>(clusters(txs.subList(0, 200)));
    for (int from = 200; from < txs.size(); from += 10) {
      List<ClusterTransaction> block = txs.subList(from, from + 10);
      Map<Long, Long> seed = new java.util.HashMap<>();
      for (ClusterTransaction t : block) {
        for (long a : t.inputAddresses()) {
          if (stored.containsKey(a)) {
            seed.put(a, stored.get(a));
          }
        }
      }
      List<AddressClusters.Merge> blockMerges = new ArrayList<>();
      AddressClusters c = AddressClusters.seeded(ClusterConfig.DEFAULT, blockMerges::add, seed);
      block.forEach(c::add);
      for (AddressClusters.Merge m : blockMerges) {
        long gone = Math.max(m.cluster(), m.otherCluster());
        stored.replaceAll((address, cluster) -> cluster == gone ? m.into() : cluster);
        for (long a : new long[] {m.address(), m.other(), m.cluster(), m.otherCluster()}) {
          stored.putIfAbsent(a, c.clusterOf(a));
        }
      }
      stored.replaceAll((address, cluster) -> c.clusterOf(cluster));
    }
    stored.entrySet().removeIf(e -> e.getKey().equals(e.getValue()) && stored.values().stream().filter(e.getValue()::equals).count() == 1);
    assertThat(stored).isEqualTo(whole);
    assertThatThrownBy(() -> AddressClusters.seeded(ClusterConfig.DEFAULT, m -> {}, Map.of(3L, 4L))).hasMessageContaining("named by its smallest address");
  }

  @Test
  void coinJoinShapedTransactionsMergeNothing() {
    AddressClusters c = new AddressClusters(ClusterConfig.DEFAULT, merges::add);
    // Whirlpool: five participants, five equal outputs
    assertThat(c.add(tx(1004L /* whirlpool */, new long[] {1, 2, 3, 4, 5}, equal(5, 1_000_000, 100))).coinJoin()).isTrue();
    // Wasabi-like: seven participants (ten inputs), six equal outputs and change of other values
    ClusterTransaction wasabi = tx(1005L /* wasabi */, new long[] {10, 11, 11, 12, 13, 13, 14, 15, 16, 16},
        concat(equal(6, 10_000_000, 200), out(1_234, 210, true), out(5_678, 211, true)));
    assertThat(c.add(wasabi).coinJoin()).isTrue();
    // JoinMarket: a taker and three makers (five input addresses), four equal outputs and three changes
    ClusterTransaction joinMarket = tx(1006L /* joinmarket */, new long[] {20, 21, 22, 23, 24},
        concat(equal(4, 50_000_000, 300), out(70, 310, true), out(80, 311, true), out(90, 312, false)));
    assertThat(c.add(joinMarket).coinJoin()).isTrue();
    // two parties, two equal outputs
    assertThat(c.add(tx(1007L /* pair */, new long[] {30, 31}, equal(2, 7, 320))).coinJoin()).isTrue();
    assertThat(merges).isEmpty();
    for (long a : new long[] {1, 2, 5, 10, 11, 16, 20, 24, 30, 31}) {
      assertThat(c.clusterOf(a)).as("address " + a).isEqualTo(a);
    }
  }

  @Test
  void notEveryEqualOutputIsACoinJoin() {
    AddressClusters c = new AddressClusters(ClusterConfig.DEFAULT, merges::add);
    // a wallet consolidating four addresses into one payment and its change
    assertThat(c.add(tx(1008L /* consolidate */, new long[] {40, 41, 42, 43}, concat(out(500, 400, false), out(37, 401, true))))).isEqualTo(
        new AddressClusters.Verdict(false, 3));
    // three equal payments from two addresses: more equal outputs than participants could take
    assertThat(c.add(tx(1009L /* payroll */, new long[] {50, 51}, equal(3, 1_000, 410)))).isEqualTo(new AddressClusters.Verdict(false, 1));
    // zero-valued outputs (data carriers) are not equal amounts
    assertThat(c.add(tx(1010L /* data */, new long[] {60, 61}, concat(out(0, -1, false), out(0, -1, false), out(9, 420, false)))).coinJoin()).isFalse();
  }

  @Test
  void freshAddressChangeJoinsTheSpendersClusterOnlyWhenUnambiguous() {
    ClusterConfig fresh = new ClusterConfig(ClusterConfig.CoinJoinRule.V1, ClusterConfig.ChangeHeuristic.FRESH_V1);
    AddressClusters c = new AddressClusters(fresh, merges::add);
    // pays 11 (seen before) and sends the rest to 12, new: 12 is the change
    assertThat(c.add(tx(1011L /* pay */, new long[] {10}, concat(out(100, 11, false), out(40, 12, true)))).merges()).isEqualTo(1);
    assertThat(c.clusterOf(12)).isEqualTo(10);
    assertThat(merges.get(0).heuristic()).isEqualTo("change:fresh-v1");
    // two new addresses: which is change is unclear
    assertThat(c.add(tx(1012L /* two-new */, new long[] {13}, concat(out(100, 14, true), out(40, 15, true)))).merges()).isZero();
    // an output back to the spender: the change is that one, not the new address
    assertThat(c.add(tx(1013L /* self */, new long[] {16}, concat(out(100, 17, true), out(40, 16, false)))).merges()).isZero();
    // one output: nothing to tell apart
    assertThat(c.add(tx(1014L /* sweep */, new long[] {18}, out(100, 19, true))).merges()).isZero();
    // a CoinJoin's new outputs are not change
    assertThat(c.add(tx(1015L /* cj */, new long[] {20, 21}, concat(equal(2, 5, 22), out(3, 24, true)))).merges()).isZero();
    // without the heuristic, no change merges
    AddressClusters plain = new AddressClusters(ClusterConfig.DEFAULT, m -> {});
    assertThat(plain.add(tx(1011L /* pay */, new long[] {10}, concat(out(100, 11, false), out(40, 12, true)))).merges()).isZero();
  }

  @Test
  void configurationsAreNamedWithTheirVersions() {
    assertThat(ClusterConfig.DEFAULT.id()).isEqualTo("multi-input+coinjoin-v1+change:none");
    assertThat(new ClusterConfig(ClusterConfig.CoinJoinRule.V1, ClusterConfig.ChangeHeuristic.parse("fresh-v1")).id())
        .isEqualTo("multi-input+coinjoin-v1+change:fresh-v1");
    assertThatThrownBy(() -> ClusterConfig.ChangeHeuristic.parse("fresh")).hasMessageContaining("none and fresh-v1");
    assertThat(ClusterConfig.parse("multi-input+coinjoin-v1+change:fresh-v1").change()).isEqualTo(ClusterConfig.ChangeHeuristic.FRESH_V1);
    assertThat(ClusterConfig.parse(ClusterConfig.DEFAULT.id())).isEqualTo(ClusterConfig.DEFAULT);
    assertThatThrownBy(() -> ClusterConfig.parse("multi-input+coinjoin-v9")).hasMessageContaining("no clustering configuration");
    assertThatThrownBy(() -> new AddressClusters(ClusterConfig.DEFAULT, m -> {}).clusterOf(-1)).hasMessageContaining("not an address id");
  }

  private static Map<Long, Long> clusters(List<ClusterTransaction> txs) {
    AddressClusters c = new AddressClusters(ClusterConfig.DEFAULT, m -> {});
    txs.forEach(c::add);
    return c.multiAddressClusters();
  }

  static ClusterTransaction tx(long txId, long[] inputs, List<ClusterTransaction.Output> outputs) {
    return ClusterTransaction.of(txId, 1, inputs, outputs);
  }

  static List<ClusterTransaction.Output> out(long value, long address, boolean firstSeen) {
    return List.of(new ClusterTransaction.Output(value, address, firstSeen));
  }

  static List<ClusterTransaction.Output> equal(int n, long value, long firstAddress) {
    List<ClusterTransaction.Output> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ClusterTransaction.Output(value, firstAddress + i, true));
    }
    return out;
  }

  @SafeVarargs
  static List<ClusterTransaction.Output> concat(List<ClusterTransaction.Output>... parts) {
    List<ClusterTransaction.Output> out = new ArrayList<>();
    for (List<ClusterTransaction.Output> p : parts) {
      out.addAll(p);
    }
    return out;
  }
}
