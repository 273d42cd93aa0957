package org.openbds.forensics.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openbds.forensics.flow.InMemoryFlowGraph.out;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openbds.forensics.flow.InMemoryFlowGraph;

/**
 * Paths over a hand-built graph:
 *
 * <pre>
 * T0 (mined)   → 100 thief, 50 other
 * T1: T0:0     → 60 a, 39 b
 * T2: T1:0, T0:1 → 100 exchange, 8 d
 * T3: T1:1     → 39 e
 * T4: T3:0     → 30 exchange, 9 f
 * </pre>
 */
class PathFinderTest {
  static final InMemoryFlowGraph G = new InMemoryFlowGraph();

  static {
    G.add("t0", List.of(), List.of(Map.entry("thief", 100L), Map.entry("other", 50L)));
    G.add("t1", List.of(out("t0", 0)), List.of(Map.entry("a", 60L), Map.entry("b", 39L)));
    G.add("t2", List.of(out("t1", 0), out("t0", 1)), List.of(Map.entry("exchange", 100L), Map.entry("d", 8L)));
    G.add("t3", List.of(out("t1", 1)), List.of(Map.entry("e", 39L)));
    G.add("t4", List.of(out("t3", 0)), List.of(Map.entry("exchange", 30L), Map.entry("f", 9L)));
  }

  @Test
  void theShortestPathsComeFirstTheMostValuableAmongThem() {
    // thief → exchange: through T1 then T2 (2 hops; bottleneck 60), and through T1, T3, T4 (3 hops) — only the shortest
    List<PathFinder.Path> paths = new PathFinder(G).find("thief", "exchange", 6, 5);
    assertThat(paths).hasSize(1);
    PathFinder.Path p = paths.get(0);
    assertThat(p.hops()).isEqualTo(2);
    assertThat(p.steps()).extracting(PathFinder.Step::from).containsExactly(out("t0", 0), out("t1", 0));
    assertThat(p.steps()).extracting(PathFinder.Step::to).containsExactly(out("t1", 0), out("t2", 0));
    assertThat(p.bottleneck()).isEqualTo(60);
    // other → exchange: one hop, through T2
    assertThat(new PathFinder(G).find("other", "exchange", 6, 5).get(0).hops()).isEqualTo(1);
    // b → f: T3 then T4
    PathFinder.Path bf = new PathFinder(G).find("b", "f", 6, 5).get(0);
    assertThat(bf.steps()).extracting(s -> s.transaction().txid()).containsExactly(InMemoryFlowGraph.txid("t3"), InMemoryFlowGraph.txid("t4"));
    assertThat(bf.bottleneck()).isEqualTo(9);
  }

  @Test
  void noPathWithinTheBoundIsNoPath() {
    assertThat(new PathFinder(G).find("thief", "exchange", 1, 5)).isEmpty();
    assertThat(new PathFinder(G).find("e", "a", 6, 5)).as("money does not flow backwards in time").isEmpty();
    assertThat(new PathFinder(G).find("nobody", "a", 6, 5)).isEmpty();
    assertThatThrownBy(() -> new PathFinder(G).find("a", "a", 6, 5)).hasMessageContaining("two different addresses");
    assertThatThrownBy(() -> new PathFinder(G).find("a", "b", 0, 5)).hasMessageContaining("between 1 and 20");
  }

  @Test
  void severalShortestPathsAreRankedByWhatCouldHaveGoneThroughThemAll() {
    InMemoryFlowGraph g = new InMemoryFlowGraph();
    g.add("m", List.of(), List.of(Map.entry("src", 10L), Map.entry("src", 70L)));
    g.add("x", List.of(out("m", 0)), List.of(Map.entry("dst", 10L)));
    g.add("y", List.of(out("m", 1)), List.of(Map.entry("dst", 69L)));
    List<PathFinder.Path> paths = new PathFinder(g).find("src", "dst", 3, 5);
    assertThat(paths).extracting(PathFinder.Path::bottleneck).containsExactly(69L, 10L);
    assertThat(new PathFinder(g).find("src", "dst", 3, 1)).hasSize(1);
  }

  @Test
  void pathsBetweenSetsOfAddressesSuchAsClusters() {
    // from either of {other, b} to {exchange, f}: other reaches exchange in one hop, shorter than b to f in two
    List<PathFinder.Path> paths = new PathFinder(G).find(List.of("other", "b"), List.of("exchange", "f"), 6, 5);
    assertThat(paths).hasSize(1);
    assertThat(paths.get(0).hops()).isEqualTo(1);
    assertThat(paths.get(0).steps().get(0).to()).isEqualTo(out("t2", 0));
    assertThatThrownBy(() -> new PathFinder(G).find(List.of("a", "b"), List.of("b", "c"), 6, 5)).hasMessageContaining("both ends hold b");
    assertThatThrownBy(() -> new PathFinder(G).find(List.of(), List.of("b"), 6, 5)).hasMessageContaining("addresses at both ends");
  }
}
