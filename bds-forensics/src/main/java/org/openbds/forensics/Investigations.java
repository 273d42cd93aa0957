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
 * Bitcoin family's outputs through the warehouse's flow graph; other families are refused with a message saying so.
 * Another model (accounts) is one more {@link FlowModel} and one more branch here.
 *
 * <p>Reads only through the given {@link Warehouse}; used by one thread at a time.
 */
public final class Investigations {
  /** How a family's funds are followed. */
  public enum FlowModel {
    /** Outputs, each spent whole by one input (the Bitcoin family): {@link UtxoWarehouseFlowGraph}. */
    UTXO
  }

  /** Paths listed at most. */
  public static final int MAX_PATHS = 1_000;
  /** Other addresses of a cluster listed at most. */
  public static final int MAX_CLUSTER_OTHERS = 10_000;

  /**
   * A trace as a person asks for it.
   *
   * @param from an address (every output it received, each taken whole) or one output, {@code txid:vout}
   * @param stopAt addresses to stop at, each with the note the frontier shows
   * @param stopAtLabels label categories whose addresses the trace stops at (with the label as the note)
   */
  public record TraceParameters(
      String from,
      Direction direction,
      TaintModel model,
      int hops,
      long minValue,
      Optional<Instant> until,
      Optional<Instant> since,
      Map<String, String> stopAt,
      List<String> stopAtLabels,
      int maxTransactions) {
    public TraceParameters {
      requireNonNull(from, "from is null");
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
      if (minValue < 0) {
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
  }

  /** A trace's result, with every label of the chain by address (what the trace met is among them). */
  public record TraceOutcome(Trace trace, String from, Map<String, List<Label>> labels) {
    public TraceOutcome {
      requireNonNull(trace, "trace is null");
      requireNonNull(from, "from is null");
      labels = Map.copyOf(labels);
    }

    /** Every address of the trace that has labels, with them described ({@link Label#describe}), by address. */
    public Map<String, List<String>> describedLabels() {
      Map<String, List<String>> out = new TreeMap<>();
      Consumer<Optional<String>> add = a -> a.filter(labels::containsKey)
          .ifPresent(x -> out.put(x, labels.get(x).stream().map(Label::describe).toList()));
      for (Trace.Step s : trace.steps()) {
        s.transaction().inputs().forEach(i -> add.accept(i.address()));
        s.transaction().outputs().forEach(o -> add.accept(o.address()));
      }
      trace.frontier().forEach(e -> add.accept(e.address()));
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
      default -> throw new BdsException(
          ErrorCode.INVALID_ARGUMENT, chain + " is of the " + family + " family; tracing and clustering read Bitcoin-family chains");
    };
  }

  public FlowModel model() {
    return model;
  }

  /** The chain's flow graph, as its model reads it; each graph keeps what it read, so use one per investigation. */
  public FlowGraph graph() {
    return switch (model) {
      case UTXO -> new UtxoWarehouseFlowGraph(warehouse, chain);
    };
  }

  /**
   * Runs a trace: from an address's received outputs or one output, stopping at the given addresses and at those
   * labelled with the given categories.
   *
   * @throws InvalidParameterException naming the parameter: an output that is no {@code txid:vout}, a transaction or
   *     output the warehouse does not hold, an address nothing paid
   */
  public TraceOutcome trace(TraceParameters p) {
    FlowGraph graph = graph();
    Map<String, List<Label>> labels = new LabelStore(warehouse).byAddress(chain.value(), List.of());
    Map<String, String> stops = new LinkedHashMap<>(p.stopAt());
    labels.forEach((address, list) -> list.stream().filter(l -> p.stopAtLabels().contains(l.category())).findFirst()
        .ifPresent(l -> stops.putIfAbsent(address, l.describe())));
    List<Outpoint> start = start(graph, p.from());
    TraceRequest request = new TraceRequest(
        start, p.direction(), p.model(), p.hops(), p.minValue(), p.until(), p.since(), stops, p.maxTransactions());
    return new TraceOutcome(new Tracer(graph).trace(request), p.from(), labels);
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
        new CaseFile.Context(chain.value(), warehouse.network(chain).orElse(""), tip.height(), tip.hash().toHex(), software, createdAt);
    return CaseFile.json(outcome.trace(), context, outcome.from(), outcome.describedLabels());
  }

  /** An address as an investigator looks at it; empty when the chain never saw it. {@code others} bounds the cluster's addresses listed. */
  public Optional<AddressProfile> address(String address, int others) {
    requireNonNull(address, "address is null");
    if (others < 0 || others > MAX_CLUSTER_OTHERS) {
      throw new InvalidParameterException("others", "others must be between 0 and " + MAX_CLUSTER_OTHERS + ", not " + others);
    }
    return switch (model) {
      case UTXO -> AddressProfile.read(warehouse, chain, address, others);
    };
  }

  /** Up to {@code limit} shortest money paths of at most {@code maxHops} transactions from one address to another. */
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
    return new PathFinder(graph()).find(from, to, maxHops, limit);
  }

  /** The clusters of {@code addresses} as the chain's stored clustering has them ({@code bds cluster}). */
  public Clusters clusters(Collection<String> addresses) {
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
