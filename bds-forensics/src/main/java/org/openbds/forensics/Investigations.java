package org.openbds.forensics;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Warehouse;
import org.openbds.forensics.account.AccountPathFinder;
import org.openbds.forensics.account.AccountTrace;
import org.openbds.forensics.account.AccountTraceRequest;
import org.openbds.forensics.account.AccountTracer;
import org.openbds.forensics.account.Asset;
import org.openbds.forensics.account.WarehouseAccountGraph;
import org.openbds.forensics.address.AddressProfile;
import org.openbds.forensics.cluster.ClusterConfig;
import org.openbds.forensics.cluster.UtxoWarehouseClustering;
import org.openbds.forensics.evidence.CaseFile;
import org.openbds.forensics.flow.FlowGraph;
import org.openbds.forensics.flow.FlowTransaction;
import org.openbds.forensics.flow.Outpoint;
import org.openbds.forensics.flow.UtxoWarehouseFlowGraph;
import org.openbds.forensics.labels.Label;
import org.openbds.forensics.labels.LabelStore;
import org.openbds.forensics.path.PathFinder;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;
import org.openbds.forensics.trace.Trace;
import org.openbds.forensics.trace.TraceRequest;
import org.openbds.forensics.trace.Tracer;

/**
 * The investigations of one chain in a warehouse — traces with their case files, address profiles, paths, clusters
 * and labels — as the {@code bds} commands and the API ask for them, so that both do the same thing with the same
 * checks and the same messages.
 *
 * <p>This is the one place that decides, by the chain's family, how its funds are followed ({@link #flowModel}): the
 * Bitcoin family's outputs through the warehouse's flow graph, the Ethereum family's accounts through the account
 * graph; other families are refused with a message saying so.
 *
 * <p>Reads only through the given {@link Warehouse}; used by one thread at a time.
 */
public final class Investigations {
  /** How a family's funds are followed. */
  public enum FlowModel {
    /** Outputs, each spent whole by one input (the Bitcoin family): {@link UtxoWarehouseFlowGraph}. */
    UTXO,
    /** Accounts that pool what they receive (the Ethereum family): {@link WarehouseAccountGraph}. */
    ACCOUNT
  }

  /** Paths listed at most. */
  public static final int MAX_PATHS = 1_000;
  /** Other addresses of a cluster listed at most. */
  public static final int MAX_CLUSTER_OTHERS = 10_000;

  /**
   * A trace as a person asks for it.
   *
   * @param from an address (every output it received, each taken whole) or one output, {@code txid:vout}; on account
   *     chains an address or a transaction hash, optionally {@code :index} of one transfer
   * @param asset {@code native}, or on account chains an ERC-20 token's contract address
   * @param minValue in the asset's base units
   * @param stopAt addresses to stop at, each with the note the frontier shows
   * @param stopAtLabels label categories whose addresses the trace stops at (with the label as the note)
   */
  public record TraceParameters(
      String from,
      String asset,
      Direction direction,
      TaintModel model,
      int hops,
      java.math.BigInteger minValue,
      Optional<Instant> until,
      Optional<Instant> since,
      Map<String, String> stopAt,
      List<String> stopAtLabels,
      int maxTransactions) {
    public TraceParameters {
      requireNonNull(from, "from is null");
      requireNonNull(asset, "asset is null");
      requireNonNull(minValue, "minValue is null");
      requireNonNull(direction, "direction is null");
      requireNonNull(model, "model is null");
      requireNonNull(until, "until is null");
      requireNonNull(since, "since is null");
      stopAt = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stopAt));
      stopAtLabels = List.copyOf(stopAtLabels);
      if (from.isBlank()) {
        throw new InvalidParameterException("from", "a trace starts from an address or an output, txid:vout");
      }
      if (hops < 1 || hops > TraceRequest.MAX_HOPS) {
        throw new InvalidParameterException("hops", "hops must be between 1 and " + TraceRequest.MAX_HOPS + ", not " + hops);
      }
      if (minValue.signum() < 0) {
        throw new InvalidParameterException("min_value", "the minimum value must not be negative: " + minValue);
      }
      if (maxTransactions < 1) {
        throw new InvalidParameterException("max_transactions", "the transaction bound must be positive: " + maxTransactions);
      }
      for (String category : stopAtLabels) {
        if (!Label.CATEGORIES.contains(category)) {
          throw new InvalidParameterException(
              "stop_at_labels", "no label category '" + category + "'; the categories are " + String.join(", ", Label.CATEGORIES));
        }
      }
    }

    /** The native asset's trace, {@code minValue} in base units that fit a long (as on UTXO chains). */
    public TraceParameters(String from, Direction direction, TaintModel model, int hops, long minValue, Optional<Instant> until,
        Optional<Instant> since, Map<String, String> stopAt, List<String> stopAtLabels, int maxTransactions) {
      this(from, "native", direction, model, hops, java.math.BigInteger.valueOf(minValue), until, since, stopAt, stopAtLabels, maxTransactions);
    }
  }

  /**
   * A trace's result — of outputs ({@code utxo}) or of accounts ({@code account}), one of them — with every label of
   * the chain by address (what the trace met is among them).
   */
  public record TraceOutcome(Optional<Trace> utxo, Optional<AccountTrace> account, String from, Map<String, List<Label>> labels) {
    public TraceOutcome {
      requireNonNull(utxo, "utxo is null");
      requireNonNull(account, "account is null");
      requireNonNull(from, "from is null");
      if (utxo.isPresent() == account.isPresent()) {
        throw new IllegalArgumentException("a trace outcome is of outputs or of accounts");
      }
      labels = Map.copyOf(labels);
    }

    public TraceOutcome(Trace trace, String from, Map<String, List<Label>> labels) {
      this(Optional.of(trace), Optional.empty(), from, labels);
    }

    /** The trace of outputs. */
    public Trace trace() {
      return utxo.orElseThrow(() -> new IllegalStateException("this is an account-chain trace"));
    }

    /** Every address of the trace that has labels, with them described ({@link Label#describe}), by address. */
    public Map<String, List<String>> describedLabels() {
      Map<String, List<String>> out = new TreeMap<>();
      Consumer<Optional<String>> add = a -> a.filter(labels::containsKey)
          .ifPresent(x -> out.put(x, labels.get(x).stream().map(Label::describe).toList()));
      utxo.ifPresent(trace -> {
        for (Trace.Step s : trace.steps()) {
          s.transaction().inputs().forEach(i -> add.accept(i.address()));
          s.transaction().outputs().forEach(o -> add.accept(o.address()));
        }
        trace.frontier().forEach(e -> add.accept(e.address()));
      });
      account.ifPresent(trace -> {
        trace.steps().forEach(s -> s.moved().forEach(m -> {
          add.accept(m.event().from());
          add.accept(m.event().to());
        }));
        trace.frontier().forEach(e -> add.accept(Optional.of(e.address())));
      });
      return out;
    }
  }

  /** The cluster an address is in: its id (its oldest address's id) and how many addresses it has. */
  public record ClusterMembership(long id, long size) {}

  /**
   * The clusters of some addresses: how the chain was clustered (empty when it never was), and each address in a
   * cluster of more than one with its cluster; an address alone is absent.
   */
  public record Clusters(Optional<String> configuration, Map<String, ClusterMembership> byAddress) {
    public Clusters {
      requireNonNull(configuration, "configuration is null");
      byAddress = Map.copyOf(byAddress);
    }
  }

  private static final int CHUNK = 1_000;

  private final Warehouse warehouse;
  private final ChainId chain;
  private final FlowModel model;

  /**
   * The investigations of {@code chain}, of the family {@code family} (as the chain families name it).
   *
   * @throws BdsException {@link ErrorCode#INVALID_ARGUMENT} when no flow model follows that family's funds
   */
  public Investigations(Warehouse warehouse, ChainId chain, String family) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.chain = requireNonNull(chain, "chain is null");
    this.model = flowModel(chain.value(), family);
  }

  /**
   * How the funds of {@code chain}, of {@code family}, are followed — the one dispatch by family.
   *
   * @throws BdsException {@link ErrorCode#INVALID_ARGUMENT} naming the family, when none of the models does
   */
  public static FlowModel flowModel(String chain, String family) {
    requireNonNull(chain, "chain is null");
    requireNonNull(family, "family is null");
    return switch (family) {
      case "bitcoin" -> FlowModel.UTXO;
      case "ethereum" -> FlowModel.ACCOUNT;
      default -> throw new BdsException(
          ErrorCode.INVALID_ARGUMENT, chain + " is of the " + family + " family; tracing reads Bitcoin-family and Ethereum-family chains");
    };
  }

  public FlowModel model() {
    return model;
  }

  /** The chain's flow graph (Bitcoin family); each graph keeps what it read, so use one per investigation. */
  public FlowGraph graph() {
    requireModel(FlowModel.UTXO, "outputs");
    return new UtxoWarehouseFlowGraph(warehouse, chain);
  }

  private void requireModel(FlowModel wanted, String what) {
    if (model != wanted) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, chain + " has no " + what + ": its funds are followed as "
          + (model == FlowModel.UTXO ? "outputs (Bitcoin family)" : "accounts (Ethereum family)"));
    }
  }

  /**
   * Runs a trace: from an address's received outputs or one output, stopping at the given addresses and at those
   * labelled with the given categories.
   *
   * @throws InvalidParameterException naming the parameter: an output that is no {@code txid:vout}, a transaction or
   *     output the warehouse does not hold, an address nothing paid
   */
  public TraceOutcome trace(TraceParameters p) {
    return trace(p, List.of());
  }

  /**
   * As {@link #trace(TraceParameters)}, also stopping at every address of the clusters {@code stopAtClusters} (ids as
   * {@code bds address} shows them; Bitcoin family), with "cluster ID" as the note.
   *
   * @throws InvalidParameterException naming {@code stop_at_clusters} for a cluster the chain does not have, one larger
   *     than {@link #MAX_CLUSTER_END} addresses, or clusters on an account chain
   */
  public TraceOutcome trace(TraceParameters p, List<Long> stopAtClusters) {
    Map<String, List<Label>> labels = new LabelStore(warehouse).byAddress(chain.value(), List.of());
    Map<String, String> stops = new LinkedHashMap<>();
    p.stopAt().forEach((a, note) -> stops.put(model == FlowModel.ACCOUNT ? a.toLowerCase(java.util.Locale.ROOT) : a, note));
    if (!stopAtClusters.isEmpty() && model == FlowModel.ACCOUNT) {
      throw new InvalidParameterException("stop_at_clusters", chain + " is an account chain: its addresses are not clustered");
    }
    for (long cluster : new java.util.TreeSet<>(stopAtClusters)) {
      List<String> members;
      try {
        members = UtxoWarehouseClustering.members(warehouse, chain, cluster, MAX_CLUSTER_END);
      } catch (IllegalArgumentException e) {
        throw new InvalidParameterException("stop_at_clusters", e.getMessage(), e);
      }
      members.forEach(a -> stops.putIfAbsent(a, "cluster " + cluster));
    }
    labels.forEach((address, list) -> list.stream().filter(l -> p.stopAtLabels().contains(l.category())).findFirst()
        .ifPresent(l -> stops.putIfAbsent(address, l.describe())));
    if (model == FlowModel.ACCOUNT) {
      return traceAccounts(p, stops, labels);
    }
    if (!p.asset().equals("native")) {
      throw new InvalidParameterException("asset", "an asset other than native names a token of an account chain; " + chain + " has outputs of its coin only");
    }
    if (p.minValue().bitLength() > 63) {
      throw new InvalidParameterException("min_value", "the minimum value must be at most " + Long.MAX_VALUE + " base units, not " + p.minValue());
    }
    FlowGraph graph = graph();
    List<Outpoint> start = start(graph, p.from());
    TraceRequest request = new TraceRequest(
        start, p.direction(), p.model(), p.hops(), p.minValue().longValueExact(), p.until(), p.since(), stops, p.maxTransactions());
    return new TraceOutcome(new Tracer(graph).trace(request), p.from(), labels);
  }

  private TraceOutcome traceAccounts(TraceParameters p, Map<String, String> stops, Map<String, List<Label>> labels) {
    AccountTraceRequest.Start start;
    Asset asset;
    try {
      start = AccountTraceRequest.Start.parse(p.from());
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("from", e.getMessage(), e);
    }
    try {
      asset = Asset.parse(p.asset());
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("asset", e.getMessage(), e);
    }
    AccountTraceRequest request;
    try {
      request = new AccountTraceRequest(start, asset, p.direction(), p.model(), p.hops(), p.minValue(), p.until(), p.since(), stops, p.maxTransactions());
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("since", e.getMessage(), e);
    }
    try {
      return new TraceOutcome(Optional.empty(), Optional.of(new AccountTracer(new WarehouseAccountGraph(warehouse, chain)).trace(request)), p.from(), labels);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("from", e.getMessage(), e);
    } catch (IllegalStateException e) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "the warehouse's records of " + chain + " do not add up: " + e.getMessage(), e);
    }
  }

  private List<Outpoint> start(FlowGraph graph, String from) {
    if (!from.contains(":")) {
      List<Outpoint> received = graph.outputsPaying(from);
      if (received.isEmpty()) {
        throw new InvalidParameterException("from", "no output of " + chain + " pays '" + from + "'");
      }
      return received;
    }
    Outpoint o;
    try {
      o = Outpoint.parse(from);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("from", e.getMessage(), e);
    }
    FlowTransaction tx = graph.transaction(o.txid())
        .orElseThrow(() -> new InvalidParameterException("from", "no transaction " + o.txid() + " in the warehouse"));
    if (o.vout() >= tx.outputs().size()) {
      throw new InvalidParameterException(
          "from", "transaction " + o.txid() + " has " + tx.outputs().size() + " outputs, so no output " + o.vout());
    }
    return List.of(o);
  }

  /**
   * The case file of a trace ({@link CaseFile}, format {@code openbds-case/1}): the chain's tip in the warehouse now,
   * the software that ran it and when, and the labels of every address it met.
   */
  public String caseFile(TraceOutcome outcome, String software, Instant createdAt) {
    BlockRef tip = warehouse.checkpoint(chain)
        .orElseThrow(() -> new BdsException(ErrorCode.INVALID_ARGUMENT, "the warehouse holds no block of " + chain));
    CaseFile.Context context =
        new CaseFile.Context(chain.value(), warehouse.network(chain).orElse(""), tip.height(),
            (model == FlowModel.ACCOUNT ? "0x" : "") + tip.hash().toHex(), software, createdAt); // each family writes hashes its own way
    return outcome.utxo().isPresent() ? CaseFile.json(outcome.trace(), context, outcome.from(), outcome.describedLabels())
        : CaseFile.json(outcome.account().orElseThrow(), context, outcome.from(), outcome.describedLabels());
  }

  /** An address as an investigator looks at it; empty when the chain never saw it. {@code others} bounds the cluster's addresses listed. */
  public Optional<AddressProfile> address(String address, int others) {
    requireNonNull(address, "address is null");
    if (others < 0 || others > MAX_CLUSTER_OTHERS) {
      throw new InvalidParameterException("others", "others must be between 0 and " + MAX_CLUSTER_OTHERS + ", not " + others);
    }
    requireModel(FlowModel.UTXO, "address profiles with clusters (the explorer shows an account)");
    return AddressProfile.read(warehouse, chain, address, others);
  }

  /**
   * Up to {@code limit} shortest money paths of at most {@code maxHops} transactions from one address to another;
   * either end may be a cluster, {@code cluster:ID}, for all of its addresses.
   */
  public List<PathFinder.Path> paths(String from, String to, int maxHops, int limit) {
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    if (maxHops < 1 || maxHops > 20) {
      throw new InvalidParameterException("max_hops", "max hops must be between 1 and 20, not " + maxHops);
    }
    if (limit < 1 || limit > MAX_PATHS) {
      throw new InvalidParameterException("limit", "paths must be between 1 and " + MAX_PATHS + ", not " + limit);
    }
    if (from.equals(to)) {
      throw new InvalidParameterException("to", "a path needs two different addresses");
    }
    FlowGraph graph = graph();
    List<String> a = end(from, "from");
    List<String> b = end(to, "to");
    try {
      return new PathFinder(graph).find(a, b, maxHops, limit);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("to", e.getMessage(), e);
    }
  }

  /** The most accounts an account-chain path search reads. */
  public static final int MAX_PATH_ACCOUNTS = 20_000;

  /** Up to {@code limit} shortest transfer chains of {@code asset} of at most {@code maxHops} from one account to another. */
  public AccountPathFinder.Result accountPaths(String from, String to, String asset, int maxHops, int limit) {
    requireModel(FlowModel.ACCOUNT, "accounts");
    if (maxHops < 1 || maxHops > 20) {
      throw new InvalidParameterException("max_hops", "max hops must be between 1 and 20, not " + maxHops);
    }
    if (limit < 1 || limit > MAX_PATHS) {
      throw new InvalidParameterException("limit", "paths must be between 1 and " + MAX_PATHS + ", not " + limit);
    }
    String a = account(from, "from");
    String b = account(to, "to");
    if (a.equals(b)) {
      throw new InvalidParameterException("to", "a path needs two different addresses");
    }
    Asset parsed;
    try {
      parsed = Asset.parse(asset);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("asset", e.getMessage(), e);
    }
    return new AccountPathFinder(new WarehouseAccountGraph(warehouse, chain), MAX_PATH_ACCOUNTS).find(a, b, parsed, maxHops, limit);
  }

  private static String account(String text, String parameter) {
    String a = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (!a.matches("0x[0-9a-f]{40}")) {
      throw new InvalidParameterException(parameter, "an account is 0x and 40 hex digits, not '" + text + "'");
    }
    return a;
  }

  /** The largest cluster a path's end may name. */
  public static final int MAX_CLUSTER_END = 100_000;

  /** The addresses of a path's end: one address, or every address of {@code cluster:ID}. */
  private List<String> end(String text, String parameter) {
    if (!text.startsWith("cluster:")) {
      return List.of(text);
    }
    long id;
    try {
      id = Long.parseLong(text.substring("cluster:".length()));
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(parameter, "a cluster is named cluster:ID with a whole number, not '" + text + "'", e);
    }
    try {
      return UtxoWarehouseClustering.members(warehouse, chain, id, MAX_CLUSTER_END);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(parameter, e.getMessage(), e);
    }
  }

  /** The clusters of {@code addresses} as the chain's stored clustering has them ({@code bds cluster}). */
  public Clusters clusters(Collection<String> addresses) {
    if (model == FlowModel.ACCOUNT) {
      return new Clusters(Optional.empty(), Map.of()); // co-spending, which clusters addresses, does not exist on account chains
    }
    Optional<ClusterConfig> configuration = UtxoWarehouseClustering.stored(warehouse, chain);
    if (configuration.isEmpty()) {
      return new Clusters(Optional.empty(), Map.of());
    }
    String s = chain.value();
    Map<String, Long> clusterOf = new LinkedHashMap<>();
    List<Object> all = new ArrayList<>(new LinkedHashSet<>(addresses));
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<Object> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      for (List<Object> r : warehouse.query("SELECT d.address, c.cluster_id FROM " + s + ".address_dictionary d JOIN " + s + ".clusters c"
          + " ON c.address_id = d.address_id WHERE d.address IN (" + marks(chunk.size()) + ")", chunk.toArray()).rows()) {
        clusterOf.put((String) r.get(0), ((Number) r.get(1)).longValue());
      }
    }
    Map<Long, Long> sizes = new HashMap<>();
    List<Object> ids = new ArrayList<>(new LinkedHashSet<>(clusterOf.values()));
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<Object> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      for (List<Object> r : warehouse.query("SELECT cluster_id, count(*) FROM " + s + ".clusters WHERE cluster_id IN (" + marks(chunk.size())
          + ") GROUP BY cluster_id", chunk.toArray()).rows()) {
        sizes.put(((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue());
      }
    }
    Map<String, ClusterMembership> out = new LinkedHashMap<>();
    clusterOf.forEach((address, id) -> out.put(address, new ClusterMembership(id, sizes.get(id))));
    return new Clusters(Optional.of(configuration.get().id()), out);
  }

  /** Every label of this chain, by address. */
  public Map<String, List<Label>> labelsByAddress() {
    return new LabelStore(warehouse).byAddress(chain.value(), List.of());
  }

  /** Every label in the warehouse, or those of one chain, ordered by chain, address, category and name. */
  public static List<Label> labels(Warehouse warehouse, Optional<String> chain) {
    return new LabelStore(warehouse).list(chain);
  }

  /**
   * An instant ({@code 2026-10-31T12:00:00Z}) or a UTC date ({@code 2026-10-31}), which stands for its first instant,
   * or with {@code endOfDay} for its last; {@code parameter} names it in the error.
   */
  public static Instant instant(String text, String parameter, boolean endOfDay) {
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return endOfDay ? day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1) : day.atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidParameterException(
          parameter, parameter + " takes a date (2026-10-31) or an instant (2026-10-31T12:00:00Z), not '" + text + "'", e);
    }
  }

  private static String marks(int n) {
    return "?" + ", ?".repeat(n - 1);
  }
}
