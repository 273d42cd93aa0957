package org.openbds.forensics.account;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shortest money paths between two accounts of an account chain: chains of transfers of one asset, each leaving
 * the account the one before reached, later in the chain. Searched forward from the first account level by level
 * (each level's accounts read at once), each account reached at its earliest; of the paths of the shortest length,
 * the most valuable come first, ranked by the smallest transfer along the path.
 */
public final class AccountPathFinder {
  /** A path: its transfers in order, and the smallest of them. */
  public record Path(List<AccountEvent> transfers, BigInteger bottleneck) {
    public int hops() {
      return transfers.size();
    }
  }

  /** The paths found, and whether the search stopped at its bound on accounts before it was done. */
  public record Result(List<Path> paths, boolean truncated) {}

  private final AccountGraph graph;
  private final int maxAccounts;

  /** A search that reads at most {@code maxAccounts} accounts' histories. */
  public AccountPathFinder(AccountGraph graph, int maxAccounts) {
    this.graph = requireNonNull(graph, "graph is null");
    if (maxAccounts < 1) {
      throw new IllegalArgumentException("the account bound must be positive: " + maxAccounts);
    }
    this.maxAccounts = maxAccounts;
  }

  public Result find(String from, String to, Asset asset, int maxHops, int limit) {
    if (maxHops < 1 || maxHops > 20) {
      throw new IllegalArgumentException("max hops must be between 1 and 20, not " + maxHops);
    }
    if (from.equals(to)) {
      throw new IllegalArgumentException("a path needs two different addresses");
    }
    long start = graph.firstBlock();
    // each account reached: the transfer that reached it first (none for the start)
    Map<String, AccountEvent> reachedBy = new HashMap<>();
    Map<String, Position> arrival = new HashMap<>();
    arrival.put(from, Position.startOf(start));
    Set<String> level = new LinkedHashSet<>(List.of(from));
    int read = 0;
    boolean truncated = false;
    for (int hop = 1; hop <= maxHops && !level.isEmpty(); hop++) {
      if (read + level.size() > maxAccounts) {
        truncated = true;
        break;
      }
      read += level.size();
      long earliest = level.stream().mapToLong(a -> arrival.get(a).block()).min().orElseThrow();
      List<AccountEvent> events = graph.events(level, asset, earliest);
      List<Path> found = new ArrayList<>();
      Map<String, AccountEvent> next = new LinkedHashMap<>();
      for (AccountEvent e : events) {
        if (!e.kind().isTransfer() || e.from().isEmpty() || !level.contains(e.from().get()) || e.from().equals(e.to())
            || !arrival.get(e.from().get()).isBefore(e.at())) {
          continue;
        }
        String recipient = e.to().orElseThrow();
        if (recipient.equals(to)) {
          found.add(path(e, reachedBy));
        } else if (!arrival.containsKey(recipient) && !next.containsKey(recipient)) {
          next.put(recipient, e);
        }
      }
      if (!found.isEmpty()) {
        found.sort(Comparator.comparing(Path::bottleneck).reversed().thenComparing(p -> p.transfers().get(0).at()));
        return new Result(List.copyOf(found.subList(0, Math.min(limit, found.size()))), false);
      }
      level = new LinkedHashSet<>();
      for (Map.Entry<String, AccountEvent> n : next.entrySet()) {
        reachedBy.put(n.getKey(), n.getValue());
        arrival.put(n.getKey(), n.getValue().at());
        level.add(n.getKey());
      }
    }
    return new Result(List.of(), truncated);
  }

  private static Path path(AccountEvent last, Map<String, AccountEvent> reachedBy) {
    List<AccountEvent> transfers = new ArrayList<>();
    transfers.add(last);
    for (AccountEvent e = reachedBy.get(last.from().orElseThrow()); e != null; e = reachedBy.get(e.from().orElseThrow())) {
      transfers.add(0, e);
    }
    BigInteger bottleneck = transfers.stream().map(AccountEvent::value).min(BigInteger::compareTo).orElseThrow();
    return new Path(List.copyOf(transfers), bottleneck);
  }
}
