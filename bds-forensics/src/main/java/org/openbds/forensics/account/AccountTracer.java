package org.openbds.forensics.account;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;

/**
 * Multi-hop tracing on an account chain (native coin or one ERC-20 token). An account pools what it receives, so the
 * taint model decides what of an outgoing transfer is tainted: the account's holdings are kept as parts of different
 * origins ({@link Holdings}) through every balance change the warehouse records for it, in chain order, and every
 * value leaving takes from them:
 *
 * <ul>
 *   <li>{@code poison}: once an account holds any taint, everything it sends is tainted wholly (an upper bound);
 *   <li>{@code haircut}: a transfer takes from the account's tainted and clean parts in proportion, in whole base units;
 *   <li>{@code fifo}: a transfer takes what the account received first (its balance before the trace's start first).
 * </ul>
 *
 * Forward, taint spreads from the start to the accounts it reaches, which are then followed in turn; a run over the
 * chain in order is repeated with the accounts found, until no account within the bounds is left unfollowed — so taint
 * that comes back to an account is counted where it belongs. Backward, each traced transfer is explained by its
 * sender's holdings at that moment: the payments (or opening balance, rewards, mints) it was made of, which are traced in
 * turn, latest first. Haircut and FIFO conserve value exactly.
 */
public final class AccountTracer {
  /** The colour of untainted value (forward), or of what an account held before the events read (backward). */
  private static final int CLEAN = -1;

  private static final Comparator<AccountEvent> ORDER = Comparator.comparing(AccountEvent::at)
      .thenComparing(AccountEvent::kind)
      .thenComparing(e -> e.from().orElse(""))
      .thenComparing(e -> e.to().orElse(""));

  private final AccountGraph graph;
  private final Set<String> loaded = new HashSet<>();
  private final TreeSet<AccountEvent> events = new TreeSet<>(ORDER);
  private final Map<String, List<AccountEvent>> byAccount = new HashMap<>();
  private final Map<String, BigInteger> before = new HashMap<>();
  private Asset asset;
  private long fromBlock;

  public AccountTracer(AccountGraph graph) {
    this.graph = requireNonNull(graph, "graph is null");
  }

  public AccountTrace trace(AccountTraceRequest request) {
    if (asset != null) {
      throw new IllegalStateException("an AccountTracer runs one trace");
    }
    asset = request.asset();
    fromBlock = request.since().map(graph::firstBlockAt).orElse(graph.firstBlock());
    return request.direction() == Direction.FORWARD ? forward(request) : backward(request);
  }

  private void load(Set<String> accounts) {
    Set<String> fresh = new LinkedHashSet<>();
    for (String a : accounts) {
      if (!loaded.contains(a)) {
        fresh.add(a);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    before.putAll(graph.balancesBefore(fresh, asset, fromBlock));
    for (AccountEvent e : graph.events(fresh, asset, fromBlock)) {
      if (e.at().block() < fromBlock) {
        throw new IllegalStateException("asked for events from block " + fromBlock + " and got one of block " + e.at().block());
      }
      if (!e.from().isPresent() || !e.from().equals(e.to())) {
        events.add(e); // a payment to oneself changes nothing
      }
    }
    loaded.addAll(fresh);
    byAccount.clear();
  }

  private List<AccountEvent> eventsOf(String account) {
    if (byAccount.isEmpty()) {
      for (AccountEvent e : events) {
        e.from().filter(loaded::contains).ifPresent(a -> byAccount.computeIfAbsent(a, k -> new ArrayList<>()).add(e));
        e.to().filter(a -> loaded.contains(a) && !e.from().equals(e.to())).ifPresent(a -> byAccount.computeIfAbsent(a, k -> new ArrayList<>()).add(e));
      }
    }
    return byAccount.getOrDefault(account, List.of());
  }

  private static String describe(AccountEvent e) {
    return e.kind().name().toLowerCase(java.util.Locale.ROOT) + " of " + e.value() + " at block " + e.at().block()
        + e.transaction().map(t -> " in " + t).orElse("") + " from " + e.from().orElse("-") + " to " + e.to().orElse("-");
  }

  // ---------------------------------------------------------------- forward

  private AccountTrace forward(AccountTraceRequest r) {
    Optional<String> source = Optional.empty();
    Set<AccountEvent> starts = new TreeSet<>(ORDER);
    Set<String> wanted = new LinkedHashSet<>();
    if (r.from() instanceof AccountTraceRequest.Account a) {
      source = Optional.of(a.address());
      wanted.add(a.address());
    } else {
      AccountTraceRequest.Transaction t = (AccountTraceRequest.Transaction) r.from();
      starts.addAll(startTransfers(t));
      fromBlock = starts.iterator().next().at().block();
      for (AccountEvent e : starts) {
        wanted.add(e.to().orElseThrow());
      }
    }
    while (true) {
      load(wanted);
      ForwardRun run = new ForwardRun(r, source, starts);
      run.run();
      if (run.wanted.isEmpty()) {
        return run.result();
      }
      wanted = run.wanted;
    }
  }

  private List<AccountEvent> startTransfers(AccountTraceRequest.Transaction t) {
    List<AccountEvent> all = graph.transfersIn(t.hash(), asset);
    List<AccountEvent> chosen = new ArrayList<>();
    for (AccountEvent e : all) {
      if (e.kind().isTransfer() && (t.index().isEmpty() || t.index().getAsInt() == e.at().order())) {
        chosen.add(e);
      }
    }
    if (chosen.isEmpty()) {
      String indexes = all.stream().filter(e -> e.kind().isTransfer()).map(e -> String.valueOf(e.at().order())).reduce((x, y) -> x + ", " + y).orElse("none");
      throw new IllegalArgumentException("transaction " + t.hash() + " moves no " + asset + (t.index().isPresent() ? " at index " + t.index().getAsInt() : "")
          + " between accounts (its transfers' indexes: " + indexes + ")");
    }
    return chosen;
  }

  /** One run over the chain in order with the accounts loaded so far. */
  private final class ForwardRun {
    final AccountTraceRequest r;
    final Optional<String> source;
    final Set<AccountEvent> starts;
    final boolean poison;
    final Map<String, Holdings> holdings = new HashMap<>();
    final Map<String, Integer> poisoned = new HashMap<>();
    final Map<String, StepBuilder> steps = new LinkedHashMap<>();
    final Frontier frontier = new Frontier();
    final Set<String> wanted = new LinkedHashSet<>();
    BigInteger started = BigInteger.ZERO;
    BigInteger fees = BigInteger.ZERO;
    boolean truncated;
    AccountTrace.Reason endReason = AccountTrace.Reason.HELD;

    ForwardRun(AccountTraceRequest r, Optional<String> source, Set<AccountEvent> starts) {
      this.r = r;
      this.source = source;
      this.starts = starts;
      this.poison = r.model() == TaintModel.POISON;
      for (String a : loaded) {
        Holdings h = Holdings.of(r.model() == TaintModel.FIFO);
        BigInteger b = before.getOrDefault(a, BigInteger.ZERO);
        if (source.isPresent() && source.get().equals(a)) {
          h.add(0, b);
          started = started.add(b);
          poisoned.put(a, 0);
        } else {
          h.add(CLEAN, b);
        }
        holdings.put(a, h);
      }
    }

    boolean tainted(String account) {
      if (poison) {
        return poisoned.containsKey(account);
      }
      Holdings h = holdings.get(account);
      return h != null && h.byColour().keySet().stream().anyMatch(c -> c >= 0);
    }

    void run() {
      for (AccountEvent e : events) {
        if (r.until().isPresent() && e.time().isAfter(r.until().get())) {
          break;
        }
        boolean start = starts.contains(e);
        if ((start || e.from().map(this::tainted).orElse(false)) && e.transaction().isPresent() && !steps.containsKey(e.transaction().get())
            && steps.size() >= r.maxTransactions()) {
          truncated = true;
          endReason = AccountTrace.Reason.TRANSACTION_LIMIT;
          break;
        }
        apply(e, start);
      }
      for (Map.Entry<String, Holdings> h : holdings.entrySet()) {
        String note = endReason == AccountTrace.Reason.HELD && r.until().isPresent() ? "at " + r.until().get() : "";
        if (poison) {
          Integer hop = poisoned.get(h.getKey());
          if (hop != null && h.getValue().total().signum() > 0) {
            frontier.add(h.getKey(), h.getValue().total(), h.getValue().total(), hop, endReason, note);
          }
        } else {
          BigInteger tainted = BigInteger.ZERO;
          int hop = Integer.MAX_VALUE;
          for (Map.Entry<Integer, BigInteger> c : h.getValue().byColour().entrySet()) {
            if (c.getKey() >= 0) {
              tainted = tainted.add(c.getValue());
              hop = Math.min(hop, c.getKey());
            }
          }
          frontier.add(h.getKey(), h.getValue().total(), tainted, hop, endReason, note);
        }
      }
    }

    /** Passes one event: what leaves the sender, and where it goes. */
    void apply(AccountEvent e, boolean start) {
      // what leaves: the parts of the sender's holdings, each with the hop it arrives at (CLEAN: not followed)
      List<Holdings.Part> arriving = new ArrayList<>();
      BigInteger taint = BigInteger.ZERO;
      int hop = Integer.MAX_VALUE;
      String from = e.from().orElse(null);
      Holdings sender = from == null ? null : holdings.get(from);
      if (sender != null) {
        List<Holdings.Part> parts = sender.take(e.value(), describe(e));
        if (poison) {
          Integer h = poisoned.get(from);
          if (h != null && !start) {
            if (h >= r.hops()) {
              frontier.add(from, e.value(), e.value(), h, AccountTrace.Reason.HOP_LIMIT, "");
            } else {
              arriving.add(new Holdings.Part(h + 1, BigInteger.ZERO, e.value()));
            }
          }
        } else {
          for (Holdings.Part p : parts) {
            if (p.colour() >= 0 && p.colour() >= r.hops() && !start) {
              frontier.add(from, e.value(), p.amount(), p.colour(), AccountTrace.Reason.HOP_LIMIT, "");
              arriving.add(new Holdings.Part(CLEAN, p.offset(), p.amount()));
            } else if (p.colour() >= 0) {
              arriving.add(new Holdings.Part(p.colour() + 1, p.offset(), p.amount()));
            } else {
              arriving.add(p);
            }
          }
        }
        if (start) {
          // the start transfer is tainted whole; what of it was tainted already was counted when it was
          BigInteger counted = poison ? (poisoned.containsKey(from) ? e.value() : BigInteger.ZERO)
              : parts.stream().filter(p -> p.colour() >= 0).map(Holdings.Part::amount).reduce(BigInteger.ZERO, BigInteger::add);
          started = started.subtract(counted);
        }
      }
      if (start) {
        arriving = List.of(new Holdings.Part(0, BigInteger.ZERO, e.value()));
        started = started.add(e.value());
      } else if (sender == null) {
        arriving = List.of(new Holdings.Part(CLEAN, BigInteger.ZERO, e.value()));
      }
      for (Holdings.Part p : arriving) {
        if (p.colour() >= 0) {
          taint = taint.add(p.amount());
          hop = Math.min(hop, p.colour());
        }
      }
      String to = e.to().orElse(null);
      if (to != null && source.isPresent() && source.get().equals(to)) {
        // everything the source receives is where the trace starts; taint coming back was counted already
        started = started.add(e.value()).subtract(taint);
        if (taint.signum() > 0) {
          step(e, taint, hop);
        }
        holdings.get(to).add(0, e.value());
        return;
      }
      if (taint.signum() > 0) {
        step(e, taint, hop);
      }
      if (to == null) {
        if (e.kind() == AccountEvent.Kind.FEE) {
          fees = fees.add(taint);
        } else if (taint.signum() > 0) {
          frontier.add(from, e.value(), taint, hop, AccountTrace.Reason.BURNT, "");
        }
        return;
      }
      Holdings recipient = holdings.get(to);
      String stop = r.stopAt().get(to);
      if (taint.signum() > 0 && stop != null) {
        frontier.add(to, e.value(), taint, hop, AccountTrace.Reason.STOP_ADDRESS, stop);
        if (recipient != null) {
          recipient.add(CLEAN, e.value());
        }
        return;
      }
      if (recipient != null) {
        if (poison) {
          recipient.add(CLEAN, e.value());
          if (taint.signum() > 0) {
            poisoned.merge(to, hop, Math::min);
          }
        } else {
          for (Holdings.Part p : arriving) {
            recipient.add(p.colour(), p.amount());
          }
        }
        return;
      }
      if (taint.signum() == 0) {
        return;
      }
      if (taint.compareTo(r.minValue()) < 0) {
        frontier.add(to, e.value(), taint, hop, AccountTrace.Reason.BELOW_MIN_VALUE, "");
      } else if (hop >= r.hops()) {
        frontier.add(to, e.value(), taint, hop, AccountTrace.Reason.HOP_LIMIT, "");
      } else {
        wanted.add(to);
      }
    }

    void step(AccountEvent e, BigInteger taint, int hop) {
      String tx = e.transaction().orElseThrow(() -> new IllegalStateException("tainted value moved outside a transaction: " + describe(e)));
      steps.computeIfAbsent(tx, k -> new StepBuilder(e)).add(new AccountTrace.Moved(e, taint, hop));
    }

    AccountTrace result() {
      List<AccountTrace.Step> out = new ArrayList<>();
      Map<String, BigInteger> paid = graph.fees(steps.keySet());
      steps.values().forEach(s -> out.add(s.build(paid)));
      return new AccountTrace(r, out, frontier.edges(), started, fees, truncated);
    }
  }

  // ---------------------------------------------------------------- backward

  /** What of one transfer is traced back: an amount (poison, haircut) or places within it (FIFO), and its hop. */
  private static final class Demand {
    BigInteger amount = BigInteger.ZERO;
    final List<BigInteger[]> ranges = new ArrayList<>();
    int hop = Integer.MAX_VALUE;
  }

  private AccountTrace backward(AccountTraceRequest r) {
    boolean fifo = r.model() == TaintModel.FIFO;
    TreeMap<AccountEvent, Demand> queue = new TreeMap<>(ORDER);
    Frontier frontier = new Frontier();
    Map<String, StepBuilder> steps = new TreeMap<>();
    List<AccountEvent> stepOrder = new ArrayList<>();
    BigInteger started = BigInteger.ZERO;
    List<AccountEvent> startEvents = new ArrayList<>();
    if (r.from() instanceof AccountTraceRequest.Account a) {
      load(Set.of(a.address()));
      for (AccountEvent e : eventsOf(a.address())) {
        if (e.to().equals(Optional.of(a.address())) && !e.from().equals(e.to()) && r.until().map(u -> !e.time().isAfter(u)).orElse(true)) {
          startEvents.add(e);
        }
      }
      BigInteger held = before.getOrDefault(a.address(), BigInteger.ZERO);
      if (held.signum() > 0) {
        started = started.add(held);
        frontier.add(a.address(), held, held, 0, AccountTrace.Reason.OUTSIDE_TIME, "held before " + r.since().map(Object::toString).orElse("the first block"));
      }
    } else {
      startEvents.addAll(startTransfers((AccountTraceRequest.Transaction) r.from()));
    }
    for (AccountEvent e : startEvents) {
      started = started.add(e.value());
      if (!e.kind().isTransfer()) {
        frontier.add(e.to().orElseThrow(), e.value(), e.value(), 0, origin(e), "");
        continue;
      }
      Demand d = new Demand();
      d.amount = e.value();
      d.ranges.add(new BigInteger[] {BigInteger.ZERO, e.value()});
      d.hop = 1;
      queue.put(e, d);
    }
    boolean truncated = false;
    Map<AccountEvent, List<Holdings.Part>> compositions = new HashMap<>();
    while (!queue.isEmpty()) {
      if (!loaded.contains(queue.lastKey().from().orElseThrow())) {
        // the senders of every transfer waiting, read at once
        Set<String> senders = new LinkedHashSet<>();
        queue.keySet().forEach(e -> senders.add(e.from().orElseThrow()));
        load(senders);
      }
      Map.Entry<AccountEvent, Demand> next = queue.pollLastEntry();
      AccountEvent e = next.getKey();
      Demand d = next.getValue();
      String sender = e.from().orElseThrow();
      String tx = e.transaction().orElseThrow();
      if (!steps.containsKey(tx) && steps.size() >= r.maxTransactions()) {
        truncated = true;
        frontier.add(sender, e.value(), d.amount, d.hop, AccountTrace.Reason.TRANSACTION_LIMIT, "");
        continue;
      }
      steps.computeIfAbsent(tx, k -> {
        stepOrder.add(e);
        return new StepBuilder(e);
      }).add(new AccountTrace.Moved(e, d.amount, d.hop));
      List<AccountEvent> history = eventsOf(sender);
      Map<Integer, BigInteger> amounts = new LinkedHashMap<>();
      Map<Integer, List<BigInteger[]>> places = new LinkedHashMap<>();
      if (r.model() == TaintModel.POISON) {
        BigInteger held = before.getOrDefault(sender, BigInteger.ZERO);
        if (held.signum() > 0) {
          amounts.put(CLEAN, held);
        }
        for (int i = 0; i < history.size() && ORDER.compare(history.get(i), e) < 0; i++) {
          if (history.get(i).to().equals(Optional.of(sender))) {
            amounts.put(i, history.get(i).value());
          }
        }
      } else {
        List<Holdings.Part> parts = compositions.get(e);
        if (parts == null) {
          Set<AccountEvent> wantedHere = new HashSet<>(queue.keySet());
          wantedHere.add(e);
          compositions.putAll(compose(sender, history, wantedHere, fifo));
          parts = compositions.get(e);
        }
        if (fifo) {
          BigInteger at = BigInteger.ZERO;
          for (Holdings.Part p : parts) {
            BigInteger end = at.add(p.amount());
            for (BigInteger[] range : d.ranges) {
              BigInteger lo = range[0].max(at);
              BigInteger hi = range[1].min(end);
              if (lo.compareTo(hi) < 0) {
                places.computeIfAbsent(p.colour(), k -> new ArrayList<>()).add(new BigInteger[] {p.offset().add(lo.subtract(at)), p.offset().add(hi.subtract(at))});
                amounts.merge(p.colour(), hi.subtract(lo), BigInteger::add);
              }
            }
            at = end;
          }
        } else {
          BigInteger[] weights = parts.stream().map(Holdings.Part::amount).toArray(BigInteger[]::new);
          BigInteger[] shares = Holdings.apportion(d.amount, weights, e.value());
          for (int i = 0; i < shares.length; i++) {
            if (shares[i].signum() > 0) {
              amounts.merge(parts.get(i).colour(), shares[i], BigInteger::add);
            }
          }
        }
      }
      int hop = d.hop + 1;
      for (Map.Entry<Integer, BigInteger> a : amounts.entrySet()) {
        if (a.getKey() == CLEAN) {
          frontier.add(sender, before.getOrDefault(sender, BigInteger.ZERO), a.getValue(), d.hop, AccountTrace.Reason.OUTSIDE_TIME, "held before " + r.since().map(Object::toString).orElse("the first block"));
          continue;
        }
        AccountEvent f = history.get(a.getKey());
        if (!f.kind().isTransfer()) {
          frontier.add(sender, f.value(), a.getValue(), d.hop, origin(f), "");
          continue;
        }
        String payer = f.from().orElseThrow();
        String stop = r.stopAt().get(payer);
        if (stop != null) {
          frontier.add(payer, f.value(), a.getValue(), hop, AccountTrace.Reason.STOP_ADDRESS, stop);
        } else if (a.getValue().compareTo(r.minValue()) < 0) {
          frontier.add(payer, f.value(), a.getValue(), hop, AccountTrace.Reason.BELOW_MIN_VALUE, "");
        } else if (hop > r.hops()) {
          frontier.add(payer, f.value(), a.getValue(), hop, AccountTrace.Reason.HOP_LIMIT, "");
        } else {
          Demand more = queue.computeIfAbsent(f, k -> new Demand());
          // poison blames a payment wholly, however many later payments it is blamed for
          more.amount = r.model() == TaintModel.POISON ? f.value() : more.amount.add(a.getValue());
          more.hop = Math.min(more.hop, hop);
          if (fifo) {
            more.ranges.addAll(places.get(a.getKey()));
          } else {
            more.ranges.add(new BigInteger[] {BigInteger.ZERO, f.value()});
          }
        }
      }
    }
    stepOrder.sort(ORDER);
    List<AccountTrace.Step> out = new ArrayList<>();
    Map<String, BigInteger> fees = graph.fees(steps.keySet());
    for (AccountEvent e : stepOrder) {
      out.add(steps.get(e.transaction().orElseThrow()).build(fees));
    }
    return new AccountTrace(r, out, frontier.edges(), started, BigInteger.ZERO, truncated);
  }

  private static AccountTrace.Reason origin(AccountEvent e) {
    return switch (e.kind()) {
      case OPENING -> AccountTrace.Reason.OPENING;
      case MINT -> AccountTrace.Reason.MINTED;
      case REWARD, MINER_FEE, WITHDRAWAL -> AccountTrace.Reason.MINED;
      default -> throw new IllegalStateException("not an origin: " + describe(e));
    };
  }

  /**
   * Runs {@code account}'s holdings through its history, each payment it received a colour of its own (its index in
   * {@code history}; what it held before, {@link #CLEAN}), and returns what each of {@code wanted} took.
   */
  private Map<AccountEvent, List<Holdings.Part>> compose(String account, List<AccountEvent> history, Set<AccountEvent> wanted, boolean fifo) {
    Holdings h = Holdings.of(fifo);
    h.add(CLEAN, before.getOrDefault(account, BigInteger.ZERO));
    Map<AccountEvent, List<Holdings.Part>> out = new HashMap<>();
    for (int i = 0; i < history.size(); i++) {
      AccountEvent e = history.get(i);
      if (e.from().equals(Optional.of(account))) {
        List<Holdings.Part> parts = h.take(e.value(), describe(e));
        if (wanted.contains(e)) {
          out.put(e, parts);
        }
      }
      if (e.to().equals(Optional.of(account))) {
        h.add(i, e.value());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- shared

  /** A step being put together: the tainted moves of one transaction. */
  private static final class StepBuilder {
    final AccountEvent first;
    final List<AccountTrace.Moved> moved = new ArrayList<>();

    StepBuilder(AccountEvent first) {
      this.first = first;
    }

    void add(AccountTrace.Moved m) {
      moved.add(m);
    }

    AccountTrace.Step build(Map<String, BigInteger> fees) {
      List<AccountTrace.Moved> sorted = new ArrayList<>(moved);
      sorted.sort(Comparator.comparing(AccountTrace.Moved::event, ORDER));
      int hop = sorted.stream().mapToInt(AccountTrace.Moved::hop).min().orElseThrow();
      String tx = first.transaction().orElseThrow();
      BigInteger fee = fees.get(tx);
      if (fee == null) {
        throw new IllegalStateException("the warehouse has no fee of transaction " + tx + ", which the trace passed through");
      }
      return new AccountTrace.Step(tx, first.at().block(), first.blockHash(), first.time(), hop, fee, sorted);
    }
  }

  /** Frontier amounts summed per account, reason and note, with the nearest hop. */
  private static final class Frontier {
    private final Map<List<String>, BigInteger> amounts = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
    private final Map<List<String>, Integer> hops = new HashMap<>();

    private final Map<List<String>, BigInteger> values = new HashMap<>();

    /** Taint {@code amount} of {@code value} (the transfer that carried it, or the balance that holds it). */
    void add(String address, BigInteger value, BigInteger amount, int hop, AccountTrace.Reason reason, String note) {
      if (amount.signum() <= 0) {
        return;
      }
      List<String> key = List.of(address, reason.name(), note);
      amounts.merge(key, amount, BigInteger::add);
      values.merge(key, value, BigInteger::add);
      hops.merge(key, hop, Math::min);
    }

    List<AccountTrace.Edge> edges() {
      List<AccountTrace.Edge> out = new ArrayList<>();
      amounts.forEach((k, v) -> out.add(new AccountTrace.Edge(k.get(0), values.get(k), v, hops.get(k), AccountTrace.Reason.valueOf(k.get(1)), k.get(2))));
      return List.copyOf(out);
    }
  }
}
