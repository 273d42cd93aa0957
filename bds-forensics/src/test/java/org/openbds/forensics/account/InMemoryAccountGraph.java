package org.openbds.forensics.account;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A hand-built account graph of one asset: events added in chain order, one block per {@link #block()}. */
final class InMemoryAccountGraph implements AccountGraph {
  private final List<AccountEvent> events = new ArrayList<>();
  private long block;
  private int tx;

  /** Starts the next block. */
  InMemoryAccountGraph block() {
    block++;
    tx = 0;
    return this;
  }

  static Instant time(long block) {
    return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(600 * block);
  }

  static String hash(long block, int tx) {
    return String.format("0x%064x", block * 1000 + tx);
  }

  InMemoryAccountGraph opening(String account, long value) {
    events.add(new AccountEvent(new Position(block, Position.OPENING, events.size()), AccountEvent.Kind.OPENING, Optional.empty(), "b" + block, time(block),
        Optional.empty(), Optional.of(account), BigInteger.valueOf(value)));
    return this;
  }

  /** A transaction: {@code from} pays {@code fee}, then each transfer in order (from, to, value as strings). */
  String transaction(String sender, long fee, String... transfers) {
    String h = hash(block, tx);
    if (fee > 0) {
      events.add(new AccountEvent(new Position(block, tx, Position.FEE), AccountEvent.Kind.FEE, Optional.of(h), "b" + block, time(block),
          Optional.of(sender), Optional.empty(), BigInteger.valueOf(fee)));
    }
    for (int i = 0; i < transfers.length; i += 3) {
      events.add(new AccountEvent(new Position(block, tx, i / 3), i == 0 ? AccountEvent.Kind.CALL : AccountEvent.Kind.INTERNAL, Optional.of(h), "b" + block,
          time(block), Optional.of(transfers[i]), Optional.of(transfers[i + 1]), new BigInteger(transfers[i + 2])));
    }
    tx++;
    return h;
  }

  @Override
  public List<AccountEvent> events(Collection<String> accounts, Asset asset, long fromBlock) {
    List<AccountEvent> out = new ArrayList<>();
    for (AccountEvent e : events) {
      if (e.at().block() >= fromBlock && (e.from().map(accounts::contains).orElse(false) || e.to().map(accounts::contains).orElse(false))) {
        out.add(e);
      }
    }
    return out;
  }

  @Override
  public Map<String, BigInteger> balancesBefore(Collection<String> accounts, Asset asset, long block) {
    Map<String, BigInteger> out = new HashMap<>();
    for (AccountEvent e : events) {
      if (e.at().block() < block) {
        e.from().filter(accounts::contains).ifPresent(a -> out.merge(a, e.value().negate(), BigInteger::add));
        e.to().filter(accounts::contains).ifPresent(a -> out.merge(a, e.value(), BigInteger::add));
      }
    }
    return out;
  }

  @Override
  public List<AccountEvent> transfersIn(String hash, Asset asset) {
    List<AccountEvent> out = events.stream().filter(e -> e.transaction().equals(Optional.of(hash))).toList();
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no transaction " + hash);
    }
    return out;
  }

  @Override
  public Map<String, BigInteger> fees(Collection<String> transactions) {
    Map<String, BigInteger> out = new HashMap<>();
    for (AccountEvent e : events) {
      e.transaction().filter(transactions::contains).ifPresent(t -> out.merge(t, e.kind() == AccountEvent.Kind.FEE ? e.value() : BigInteger.ZERO, BigInteger::add));
    }
    return out;
  }

  @Override
  public long firstBlockAt(Instant time) {
    for (AccountEvent e : events) {
      if (!e.time().isBefore(time)) {
        return e.at().block();
      }
    }
    return block + 1;
  }

  @Override
  public long firstBlock() {
    return events.isEmpty() ? 0 : events.get(0).at().block();
  }
}
