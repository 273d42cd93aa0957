package org.openbds.forensics.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paths between accounts: shortest first, later in the chain at every step, the most valuable among the shortest. */
class AccountPathFinderTest {
  static final String V = AccountTracerTest.a(1);
  static final String T = AccountTracerTest.a(2);
  static final String A = AccountTracerTest.a(3);
  static final String B = AccountTracerTest.a(4);
  static final String X = AccountTracerTest.a(5);

  @Test
  void shortestAndInChainOrder() {
    InMemoryAccountGraph g = new InMemoryAccountGraph();
    g.block().opening(V, 1000).opening(A, 500);
    g.block().transaction(A, 0, A, X, "7"); // A pays X before it got anything from T: no path through it
    g.block().transaction(V, 0, V, T, "300");
    g.block().transaction(T, 0, T, A, "100", T, B, "150");
    String viaB = g.block().transaction(B, 0, B, X, "90");
    String viaA = g.block().transaction(A, 0, A, X, "60");
    AccountPathFinder.Result r = new AccountPathFinder(g, 100).find(V, X, Asset.NATIVE, 5, 5);
    assertThat(r.truncated()).isFalse();
    assertThat(r.paths()).extracting(AccountPathFinder.Path::hops).containsExactly(3, 3);
    assertThat(r.paths().get(0).transfers().get(2).transaction()).contains(viaB);
    assertThat(r.paths().get(0).bottleneck()).isEqualTo(BigInteger.valueOf(90));
    assertThat(r.paths().get(1).transfers().get(2).transaction()).contains(viaA);
    assertThat(new AccountPathFinder(g, 100).find(V, X, Asset.NATIVE, 2, 5).paths()).isEmpty();
    assertThat(new AccountPathFinder(g, 100).find(X, V, Asset.NATIVE, 5, 5).paths()).as("nothing flows back").isEmpty();
    assertThat(new AccountPathFinder(g, 1).find(V, X, Asset.NATIVE, 5, 5).truncated()).isTrue();
    assertThatThrownBy(() -> new AccountPathFinder(g, 100).find(V, V, Asset.NATIVE, 5, 5)).hasMessageContaining("two different");
    assertThatThrownBy(() -> new AccountPathFinder(g, 100).find(V, X, Asset.NATIVE, 0, 5)).hasMessageContaining("between 1 and 20");
    assertThat(new AccountPathFinder(g, 100).find(V, X, Asset.NATIVE, 5, 1).paths()).hasSize(1);
    assertThat(List.of(r.paths().get(0).transfers().get(0).from().orElseThrow())).containsExactly(V);
  }
}
