package org.openbds.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.ReadAccess;
import org.openbds.api.Software;
import org.openbds.forensics.InvalidParameterException;
import org.openbds.forensics.Investigations;
import org.openbds.forensics.account.AccountEvent;
import org.openbds.forensics.account.AccountPathFinder;
import org.openbds.forensics.address.AddressProfile;
import org.openbds.forensics.flow.FlowTransaction;
import org.openbds.forensics.labels.Label;
import org.openbds.forensics.path.PathFinder;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;
import org.openbds.forensics.trace.TraceRequest;

/**
 * The forensics routes: traces (answered with their case file, as {@code bds trace --out} writes it), address
 * profiles with labels and cluster evidence, paths between addresses, the clusters of a set of addresses, and the
 * labels. Each investigation runs through {@link Investigations} — what the CLI runs — on a {@link SnapshotWarehouse}:
 * one read-only snapshot, under the SQL time limit, in one of {@code sql.max-concurrent} slots of its own, and a trace
 * passes through at most {@code forensics.max-transactions} transactions. Every parameter is checked before anything
 * is read; a bad one is a 400 naming it in {@code details.parameter}.
 */
final class ForensicsApi implements AutoCloseable {
  private static final Set<String> TRACE_FIELDS =
      Set.of("from", "asset", "direction", "taint", "hops", "min_value", "until", "since", "stop_at", "stop_at_labels", "stop_at_clusters",
          "max_transactions");
  private static final int MAX_TEXT = 200;
  private static final int MAX_STOPS = 10_000;
  private static final int MAX_LABELS_LISTED = 10_000;
  private static final int MAX_CLUSTER_ADDRESSES = 5_000;
  private static final int MAX_PATHS = 100;
  private static final int MAX_OTHERS = 1_000;

  private final ReadAccess access;
  private final ServerConfig config;
  private final Chains chains;
  private final Semaphore slots;
  private final ScheduledExecutorService timer;

  ForensicsApi(ReadAccess access, ServerConfig config, Chains chains) {
    this.access = requireNonNull(access, "access is null");
    this.config = requireNonNull(config, "config is null");
    this.chains = requireNonNull(chains, "chains is null");
    this.slots = new Semaphore(config.sqlMaxConcurrent(), true);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "forensics-timeout");
      t.setDaemon(true);
      return t;
    });
    // the labels' table is made on first use; snapshots only read, so it is made now (not a client's query: no sql.timeout)
    try (SnapshotWarehouse w = SnapshotWarehouse.forSetUp(access, timer, java.time.Duration.ofMinutes(1))) {
      Investigations.labels(w, Optional.of(""));
    }
  }

  List<ApiServer.Route> routes() {
    List<ApiServer.Route> r = new ArrayList<>();
    r.add(new ApiServer.Route(HandlerType.POST, "/api/v1/chains/{chain}/trace", Role.QUERY, this::trace));
    r.add(new ApiServer.Route(HandlerType.GET, "/api/v1/chains/{chain}/paths", Role.READ, this::paths));
    r.add(new ApiServer.Route(HandlerType.GET, "/api/v1/chains/{chain}/forensics/addresses/{address}", Role.READ, this::address));
    r.add(new ApiServer.Route(HandlerType.POST, "/api/v1/chains/{chain}/forensics/clusters", Role.READ, this::clusters));
    r.add(new ApiServer.Route(HandlerType.GET, "/api/v1/labels", Role.READ, this::labels));
    return r;
  }

  // --- trace ---

  private void trace(Context ctx) {
    Chains.Chain chain = chains.get(ctx.pathParam("chain"));
    JsonNode body = ApiServer.body(ctx);
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!TRACE_FIELDS.contains(name)) {
        throw bad(Identifiers.shorten(name), "no parameter '" + Identifiers.shorten(name) + "'; a trace takes " + String.join(", ", new java.util.TreeSet<>(TRACE_FIELDS)));
      }
    }
    String from = text(body, "from", true).orElseThrow();
    Direction direction = parse("direction", text(body, "direction", false).orElse("forward"), Direction::parse);
    TaintModel model = parse("taint", text(body, "taint", false).orElse("haircut"), TaintModel::parse);
    int hops = (int) whole(body, "hops", 5, 1, TraceRequest.MAX_HOPS);
    java.math.BigInteger minValue = bigWhole(body, "min_value");
    String asset = text(body, "asset", false).orElse("native");
    int maxTransactions = (int) whole(body, "max_transactions", config.forensicsMaxTransactions(), 1, config.forensicsMaxTransactions());
    Optional<Instant> until = text(body, "until", false).map(t -> instant(t, "until", true));
    Optional<Instant> since = text(body, "since", false).map(t -> instant(t, "since", false));
    if (until.isPresent() && direction != Direction.FORWARD) {
      throw bad("until", "until bounds forward traces (when spends stop being followed); a backward trace takes since");
    }
    if (since.isPresent() && direction != Direction.BACKWARD) {
      throw bad("since", "since bounds backward traces (how far back to follow); a forward trace takes until");
    }
    Map<String, String> stopAt = stopAt(body.get("stop_at"));
    List<String> stopAtLabels = stopAtLabels(body.get("stop_at_labels"));
    List<Long> stopAtClusters = stopAtClusters(body.get("stop_at_clusters"));
    Investigations.TraceParameters parameters = parameters(
        () -> new Investigations.TraceParameters(from, asset, direction, model, hops, minValue, until, since, stopAt, stopAtLabels, maxTransactions));
    String caseFile = investigate(chain, i -> i.caseFile(i.trace(parameters, stopAtClusters), Software.VERSION, Instant.now()));
    ctx.contentType("application/json").result(caseFile);
  }

  private static Map<String, String> stopAt(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject() || node.size() > MAX_STOPS) {
      throw bad("stop_at", "stop_at is an object of at most " + MAX_STOPS + " addresses, each with its note: {\"<address>\": \"why\"}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().isBlank() || e.getKey().length() > MAX_TEXT || !e.getValue().isTextual() || e.getValue().asText().length() > 500) {
        throw bad("stop_at", "stop_at maps addresses (at most " + MAX_TEXT + " characters) to notes (text of at most 500); not '"
            + Identifiers.shorten(e.getKey()) + "'");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /** At most 100 cluster ids, whole numbers. */
  private static List<Long> stopAtClusters(JsonNode node) {
    List<Long> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray() || node.size() > 100) {
      throw bad("stop_at_clusters", "stop_at_clusters is a list of at most 100 cluster ids (whole numbers, as the address profile shows them)");
    }
    for (JsonNode c : node) {
      if (!c.canConvertToExactIntegral() || !c.canConvertToLong() || c.asLong() < 0) {
        throw bad("stop_at_clusters", "stop_at_clusters is a list of cluster ids (whole numbers), not " + Identifiers.shorten(c.toString()));
      }
      out.add(c.asLong());
    }
    return out;
  }

  private static List<String> stopAtLabels(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray() || node.size() > Label.CATEGORIES.size()) {
      throw bad("stop_at_labels", "stop_at_labels is a list of label categories: " + String.join(", ", Label.CATEGORIES));
    }
    for (JsonNode c : node) {
      if (!c.isTextual()) {
        throw bad("stop_at_labels", "stop_at_labels is a list of label categories: " + String.join(", ", Label.CATEGORIES));
      }
      out.add(c.asText());
    }
    return out;
  }

  // --- paths, addresses, clusters, labels ---

  private void paths(Context ctx) {
    Chains.Chain chain = chains.get(ctx.pathParam("chain"));
    String from = addressParam(ctx.queryParam("from"), "from");
    String to = addressParam(ctx.queryParam("to"), "to");
    int maxHops = intQuery(ctx, "max_hops", 6, 1, 20);
    int limit = intQuery(ctx, "limit", 5, 1, MAX_PATHS);
    String asset = Optional.ofNullable(ctx.queryParam("asset")).orElse("native");
    Map<String, Object> out = investigate(chain, i -> {
      if (i.model() == Investigations.FlowModel.ACCOUNT) {
        return accountPaths(chain, i, from, to, asset, maxHops, limit);
      }
      if (!asset.equals("native")) {
        throw bad("asset", "asset names a token of an account chain; " + chain.id() + " has outputs of its coin only");
      }
      List<PathFinder.Path> found = i.paths(from, to, maxHops, limit);
      Map<String, List<Label>> labels = i.labelsByAddress();
      Set<String> met = new LinkedHashSet<>(List.of(from, to));
      List<Map<String, Object>> paths = new ArrayList<>();
      for (PathFinder.Path p : found) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (PathFinder.Step s : p.steps()) {
          FlowTransaction tx = s.transaction();
          Optional<String> fromAddress = tx.inputs().stream().filter(in -> in.spent().equals(s.from())).findFirst().flatMap(FlowTransaction.Input::address);
          Optional<String> toAddress = tx.outputs().get(s.to().vout()).address();
          fromAddress.ifPresent(met::add);
          toAddress.ifPresent(met::add);
          Map<String, Object> step = new LinkedHashMap<>();
          step.put("from", s.from().toString());
          step.put("from_address", fromAddress.orElse(null));
          step.put("from_value", s.fromValue());
          step.put("txid", tx.txid());
          step.put("block_height", tx.blockHeight());
          step.put("time", tx.time().toString());
          step.put("to", s.to().toString());
          step.put("to_address", toAddress.orElse(null));
          step.put("to_value", s.toValue());
          steps.add(step);
        }
        Map<String, Object> path = new LinkedHashMap<>();
        path.put("hops", p.hops());
        path.put("bottleneck", p.bottleneck());
        path.put("steps", steps);
        paths.add(path);
      }
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("chain", chain.id());
      answer.put("from", from);
      answer.put("to", to);
      answer.put("max_hops", maxHops);
      answer.put("paths", paths);
      answer.put("labels", labelsOf(met, labels));
      return answer;
    });
    ApiServer.json(ctx, out);
  }

  /** Paths of an account chain: chains of transfers, each with its transaction, index, block and time; amounts as digit strings. */
  private static Map<String, Object> accountPaths(Chains.Chain chain, Investigations i, String from, String to, String asset, int maxHops, int limit) {
    AccountPathFinder.Result found = i.accountPaths(from, to, asset, maxHops, limit);
    Map<String, List<Label>> labels = i.labelsByAddress();
    Set<String> met = new LinkedHashSet<>();
    List<Map<String, Object>> paths = new ArrayList<>();
    for (AccountPathFinder.Path p : found.paths()) {
      List<Map<String, Object>> steps = new ArrayList<>();
      for (AccountEvent e : p.transfers()) {
        met.add(e.from().orElseThrow());
        met.add(e.to().orElseThrow());
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("from_address", e.from().orElseThrow());
        step.put("to_address", e.to().orElseThrow());
        step.put("value", e.value().toString());
        step.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
        step.put("index", e.at().order());
        step.put("txid", e.transaction().orElse(null));
        step.put("block_height", e.at().block());
        step.put("time", e.time().toString());
        steps.add(step);
      }
      Map<String, Object> path = new LinkedHashMap<>();
      path.put("hops", p.hops());
      path.put("bottleneck", p.bottleneck().toString());
      path.put("steps", steps);
      paths.add(path);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("chain", chain.id());
    answer.put("from", from);
    answer.put("to", to);
    answer.put("asset", asset);
    answer.put("max_hops", maxHops);
    answer.put("paths", paths);
    answer.put("truncated", found.truncated());
    answer.put("labels", labelsOf(met, labels));
    return answer;
  }

  private void address(Context ctx) {
    Chains.Chain chain = chains.get(ctx.pathParam("chain"));
    String address = addressParam(ctx.pathParam("address"), "address");
    int others = intQuery(ctx, "others", 20, 0, MAX_OTHERS);
    Map<String, Object> out = investigate(chain, i -> {
      AddressProfile p = i.address(address, others)
          .orElseThrow(() -> ApiException.notFound("no activity of " + Identifiers.shorten(address) + " on " + chain.id()));
      Map<String, List<Label>> labels = i.labelsByAddress();
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("chain", p.chain());
      a.put("address", p.address());
      a.put("balance", p.balance());
      a.put("received", p.received());
      a.put("sent", p.sent());
      a.put("transactions", p.transactions());
      a.put("unspent_outputs", p.unspentOutputs());
      a.put("first_active", p.first().map(ForensicsApi::activity).orElse(null));
      a.put("last_active", p.last().map(ForensicsApi::activity).orElse(null));
      a.put("labels", p.labels().stream().map(ForensicsApi::label).toList());
      a.put("cluster", p.cluster().map(c -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("size", c.size());
        m.put("configuration", c.configuration());
        m.put("others", c.others().stream().map(o -> withLabels("address", o, labels)).toList());
        m.put("merges", c.merges().stream().map(x -> {
          Map<String, Object> merge = new LinkedHashMap<>();
          merge.put("txid", x.txid());
          merge.put("block_height", x.blockHeight());
          merge.put("heuristic", x.heuristic());
          merge.put("linked_to", x.linkedTo());
          merge.put("linked_to_labels", labels.getOrDefault(x.linkedTo(), List.of()).stream().map(ForensicsApi::label).toList());
          return merge;
        }).toList());
        return m;
      }).orElse(null));
      return a;
    });
    ApiServer.json(ctx, out);
  }

  private void clusters(Context ctx) {
    Chains.Chain chain = chains.get(ctx.pathParam("chain"));
    JsonNode body = ApiServer.body(ctx);
    JsonNode list = body.get("addresses");
    if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_CLUSTER_ADDRESSES || body.size() != 1) {
      throw bad("addresses", "the body is {\"addresses\": [\"<address>\", …]} with 1 to " + MAX_CLUSTER_ADDRESSES + " addresses");
    }
    Set<String> addresses = new LinkedHashSet<>();
    for (JsonNode a : list) {
      if (!a.isTextual()) {
        throw bad("addresses", "addresses are text");
      }
      addresses.add(addressParam(a.asText(), "addresses"));
    }
    Investigations.Clusters found = investigate(chain, i -> i.clusters(addresses));
    Map<String, Object> byAddress = new LinkedHashMap<>();
    found.byAddress().forEach((a, m) -> byAddress.put(a, Map.of("id", m.id(), "size", m.size())));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("chain", chain.id());
    out.put("configuration", found.configuration().orElse(null));
    out.put("clusters", byAddress);
    ApiServer.json(ctx, out);
  }

  private void labels(Context ctx) {
    Optional<String> chain = Optional.ofNullable(ctx.queryParam("chain")).filter(c -> !c.isEmpty());
    chain.ifPresent(c -> {
      try {
        new ChainId(c);
      } catch (BdsException e) {
        throw bad("chain", "'" + Identifiers.shorten(c) + "' is not a chain id");
      }
    });
    Optional<String> address = Optional.ofNullable(ctx.queryParam("address")).filter(a -> !a.isEmpty()).map(a -> addressParam(a, "address"));
    List<Label> all = slot(() -> {
      try (SnapshotWarehouse w = SnapshotWarehouse.open(access, timer, config.sqlTimeout())) {
        return Investigations.labels(w, chain);
      }
    });
    List<Map<String, Object>> out = new ArrayList<>();
    boolean truncated = false;
    for (Label l : all) {
      if (address.isPresent() && !address.get().equals(l.address())) {
        continue;
      }
      if (out.size() == MAX_LABELS_LISTED) {
        truncated = true;
        break;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("chain", l.chain());
      m.put("address", l.address());
      m.putAll(label(l));
      out.add(m);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("labels", out);
    answer.put("truncated", truncated);
    ApiServer.json(ctx, answer);
  }

  // --- running, and the shapes of answers ---

  /**
   * Runs {@code work} on a snapshot of the warehouse for {@code chain}, in a slot, under the time limit; a parameter
   * the investigation refuses is a 400 naming it, a family no flow model follows a 501.
   */
  private <T> T investigate(Chains.Chain chain, Function<Investigations, T> work) {
    try {
      Investigations.flowModel(chain.id(), chain.family());
    } catch (BdsException e) {
      throw new ApiException(501, "NOT_SUPPORTED", e.getMessage());
    }
    return slot(() -> {
      try (SnapshotWarehouse w = SnapshotWarehouse.open(access, timer, config.sqlTimeout())) {
        return work.apply(new Investigations(w, new ChainId(chain.id()), chain.family()));
      } catch (InvalidParameterException e) {
        throw bad(e.parameter(), e.getMessage());
      }
    });
  }

  private <T> T slot(java.util.function.Supplier<T> work) {
    try {
      if (!slots.tryAcquire(config.sqlQueueWait().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ApiException(429, "TOO_MANY_QUERIES", config.sqlMaxConcurrent() + " investigations are running; try again shortly",
            Map.of("retry_after_seconds", 1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "INTERRUPTED", "the server is stopping");
    }
    try {
      return work.get();
    } finally {
      slots.release();
    }
  }

  private static Map<String, Object> activity(AddressProfile.Activity a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("height", a.height());
    m.put("time", a.time().toInstant(ZoneOffset.UTC).toString());
    return m;
  }

  /** A label as answers show it: category, name, and who said so when (source, author, date), with its note. */
  static Map<String, Object> label(Label l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("category", l.category());
    m.put("name", l.name());
    m.put("source", l.source());
    m.put("author", l.author());
    m.put("added", l.added().toString());
    m.put("note", l.note().orElse(null));
    return m;
  }

  private static Map<String, Object> withLabels(String field, String address, Map<String, List<Label>> labels) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(field, address);
    m.put("labels", labels.getOrDefault(address, List.of()).stream().map(ForensicsApi::label).toList());
    return m;
  }

  /** The labels of those of {@code addresses} that have any, by address. */
  private static Map<String, Object> labelsOf(Set<String> addresses, Map<String, List<Label>> labels) {
    Map<String, Object> out = new java.util.TreeMap<>();
    for (String a : addresses) {
      List<Label> l = labels.get(a);
      if (l != null) {
        out.put(a, l.stream().map(ForensicsApi::label).toList());
      }
    }
    return out;
  }

  // --- parameters ---

  private static ApiException bad(String parameter, String message) {
    return new ApiException(400, "BAD_REQUEST", message, Map.of("parameter", parameter));
  }

  private static Investigations.TraceParameters parameters(java.util.function.Supplier<Investigations.TraceParameters> make) {
    try {
      return make.get();
    } catch (InvalidParameterException e) {
      throw bad(e.parameter(), e.getMessage());
    }
  }

  private static <T> T parse(String parameter, String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw bad(parameter, e.getMessage());
    }
  }

  private static Optional<String> text(JsonNode body, String field, boolean required) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw bad(field, "a trace needs " + field + ": an address or an output, txid:vout");
      }
      return Optional.empty();
    }
    if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > MAX_TEXT) {
      throw bad(field, field + " is text of 1 to " + MAX_TEXT + " characters");
    }
    return Optional.of(n.asText().strip());
  }

  /** A whole number of a JSON body: a JSON integer or a string of its digits, within {@code min..max}. */
  /** A whole number of any size, zero or more, as a JSON integer or a digit string (amounts of wei exceed 64 bits); 0 when absent. */
  private static java.math.BigInteger bigWhole(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return java.math.BigInteger.ZERO;
    }
    if (n.isIntegralNumber() && n.bigIntegerValue().signum() >= 0) {
      return n.bigIntegerValue();
    }
    if (n.isTextual() && n.asText().matches("[0-9]{1,78}")) {
      return new java.math.BigInteger(n.asText());
    }
    throw bad(field, field + " must be a whole number of base units, 0 or more (a digit string for large amounts), not " + Identifiers.shorten(n.toString()));
  }

  private static long whole(JsonNode body, String field, long fallback, long min, long max) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    java.math.BigInteger value;
    if (n.isIntegralNumber()) {
      value = n.bigIntegerValue();
    } else if (n.isTextual() && n.asText().matches("[0-9]{1,40}")) {
      value = new java.math.BigInteger(n.asText());
    } else {
      throw bad(field, field + " must be a whole number between " + min + " and " + max + ", not " + Identifiers.shorten(n.toString()));
    }
    if (value.compareTo(java.math.BigInteger.valueOf(min)) < 0 || value.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
      throw bad(field, field + " must be between " + min + " and " + max + ", not " + value);
    }
    return value.longValueExact();
  }

  private static int intQuery(Context ctx, String name, int fallback, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    if (!v.matches("[0-9]{1,9}")) {
      throw bad(name, name + " must be a whole number between " + min + " and " + max + ", not '" + Identifiers.shorten(v) + "'");
    }
    int n = Integer.parseInt(v);
    if (n < min || n > max) {
      throw bad(name, name + " must be between " + min + " and " + max + ", not " + n);
    }
    return n;
  }

  private static String addressParam(String value, String parameter) {
    if (value == null || value.isEmpty()) {
      throw bad(parameter, parameter + " is needed: an address");
    }
    if (!Identifiers.isBitcoinAddress(value)) {
      throw bad(parameter, parameter + " is not an address: '" + Identifiers.shorten(value) + "'");
    }
    return value;
  }

  private static Instant instant(String text, String parameter, boolean endOfDay) {
    try {
      return Investigations.instant(text, parameter, endOfDay);
    } catch (InvalidParameterException e) {
      throw bad(parameter, e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
