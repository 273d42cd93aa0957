package org.openbds.metrics;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The catalog of metrics, read from the SQL files under {@code metrics/<family>/} ({@code sources/}, {@code helpers/},
 * {@code metrics/} and {@code family.sql}). Its version is a digest of every file, so stored values name the exact
 * definitions they were computed with.
 */
public final class MetricCatalog {
  /** The families the catalog covers. */
  public static final List<String> FAMILIES = List.of("bitcoin", "ethereum", "xrp");

  private static final Pattern QUOTED = Pattern.compile("\"([A-Za-z][A-Za-z0-9_.]*)\"");
  private static final Set<String> BASES = Set.of("day", "end of day");
  private static final Set<String> SOURCE_KEYS = Set.of("source", "instanced", "description", "parts", "block_keys");
  /**
   * The layout of what the engine stores beside the values (the per-block parts of days): a change of it makes the
   * next run compute everything again, as a change of the catalog does.
   */
  private static final String STORAGE_FORMAT = "storage 2: day parts by block";

  private final Map<String, Map<String, MetricDefinition>> metrics;
  private final Map<String, Map<String, MetricSource>> sources;
  private final Map<String, List<MetricHelper>> helpers;
  private final Map<String, String> blockDays;
  private final Map<String, Long> maxRollbackBlocks;
  private final Map<String, List<ReferenceTable>> references;
  private final String version;

  private MetricCatalog(
      Map<String, Map<String, MetricDefinition>> metrics,
      Map<String, Map<String, MetricSource>> sources,
      Map<String, List<MetricHelper>> helpers,
      Map<String, String> blockDays,
      Map<String, Long> maxRollbackBlocks,
      Map<String, List<ReferenceTable>> references,
      String version) {
    this.metrics = metrics;
    this.sources = sources;
    this.helpers = helpers;
    this.blockDays = blockDays;
    this.maxRollbackBlocks = maxRollbackBlocks;
    this.references = references;
    this.version = version;
  }

  /** Loads and validates the shipped catalog. */
  public static MetricCatalog load() {
    return load(Map.of());
  }

  /**
   * Loads the shipped catalog with the user's additions to its reference tables: {@code extra} maps a table name
   * ({@code pool_tags}…) to a file in the same tab-separated format whose rows come before the shipped ones.
   */
  public static MetricCatalog load(Map<String, java.nio.file.Path> extra) {
    Map<String, Map<String, MetricDefinition>> metrics = new LinkedHashMap<>();
    Map<String, Map<String, MetricSource>> sources = new LinkedHashMap<>();
    Map<String, List<MetricHelper>> helpers = new LinkedHashMap<>();
    Map<String, String> blockDays = new LinkedHashMap<>();
    Map<String, Long> maxRollbackBlocks = new LinkedHashMap<>();
    Map<String, List<ReferenceTable>> references = new LinkedHashMap<>();
    MessageDigest digest = sha256();
    Set<String> unusedExtra = new java.util.TreeSet<>(extra.keySet());
    for (String family : FAMILIES) {
      String root = "metrics/" + family;
      Map<String, String> familyFiles = MetricFiles.list(root);
      String familySql = familyFiles.get(root + "/family.sql");
      if (familySql == null) {
        throw new BdsException(ErrorCode.INVALID_CONFIG, root + "/family.sql is missing");
      }
      MetricFiles.Parsed familyFile = MetricFiles.parse(root + "/family.sql", familySql);
      blockDays.put(family, familyFile.body());
      String rollback = familyFile.optional("max_rollback_blocks", "");
      if (!rollback.isEmpty()) {
        if (!rollback.matches("[1-9][0-9]{0,9}")) {
          throw new BdsException(ErrorCode.INVALID_CONFIG, root + "/family.sql: max_rollback_blocks must be a positive number, not '" + rollback + "'");
        }
        maxRollbackBlocks.put(family, Long.parseLong(rollback));
      }
      Map<String, MetricSource> familySources = new TreeMap<>();
      for (var e : MetricFiles.list(root + "/sources").entrySet()) {
        MetricFiles.Parsed p = MetricFiles.parse(e.getKey(), e.getValue());
        String name = p.require("source");
        for (String key : p.header().keySet()) {
          if (!SOURCE_KEYS.contains(key)) {
            throw new BdsException(ErrorCode.INVALID_CONFIG, e.getKey() + ": unknown header key '" + key + "'; known: " + SOURCE_KEYS);
          }
        }
        if (!p.body().contains("{metrics}")) {
          throw new BdsException(ErrorCode.INVALID_CONFIG, e.getKey() + ": the query has no {metrics} placeholder");
        }
        String parts = p.optional("parts", "day");
        if (!parts.equals("day") && !parts.equals("block")) {
          throw new BdsException(ErrorCode.INVALID_CONFIG, e.getKey() + ": parts is 'block' or 'day', not '" + parts + "'");
        }
        Set<String> blockKeys = new java.util.TreeSet<>();
        for (String key : p.optional("block_keys", "").split(",")) {
          if (!key.isBlank()) {
            blockKeys.add(key.trim());
          }
        }
        if (!blockKeys.isEmpty() && parts.equals("day")) {
          throw new BdsException(ErrorCode.INVALID_CONFIG, e.getKey() + ": block_keys needs parts: block");
        }
        // a section after a line "-- postgresql" is the query as PostgreSQL runs it, where DuckDB's cannot be written for both
        String[] bodies = p.body().split("(?m)^-- postgresql$", -1);
        if (bodies.length > 2 || bodies.length == 2 && !bodies[1].contains("{metrics}")) {
          throw new BdsException(ErrorCode.INVALID_CONFIG, e.getKey() + ": one '-- postgresql' section at most, with a {metrics} placeholder");
        }
        familySources.put(
            name,
            new MetricSource(
                family, name, bodies[0].strip(), "yes".equals(p.optional("instanced", "no")), p.require("description"), parts.equals("block"), blockKeys,
                bodies.length == 2 ? bodies[1].strip() : bodies[0].strip()));
      }
      List<MetricHelper> familyHelpers = new ArrayList<>();
      for (var e : MetricFiles.list(root + "/helpers").entrySet()) {
        String text = e.getValue();
        int create = text.indexOf("-- create");
        int refresh = text.indexOf("-- refresh");
        if (create < 0 || refresh < create) {
          throw new BdsException(ErrorCode.INVALID_CONFIG, e.getKey() + ": needs a '-- create' section, then a '-- refresh' section");
        }
        int append = text.indexOf("-- append");
        if (append >= 0 && append < refresh) {
          throw new BdsException(ErrorCode.INVALID_CONFIG, e.getKey() + ": the '-- append' section comes after '-- refresh'");
        }
        familyHelpers.add(
            new MetricHelper(
                family,
                e.getKey(),
                MetricFiles.statements(text.substring(text.indexOf('\n', create) + 1, refresh)),
                MetricFiles.statements(text.substring(text.indexOf('\n', refresh) + 1, append < 0 ? text.length() : append)),
                append < 0 ? List.of() : MetricFiles.statements(text.substring(text.indexOf('\n', append) + 1))));
      }
      Map<String, MetricDefinition> familyMetrics = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      Map<String, MetricFiles.Parsed> parsed = new LinkedHashMap<>();
      for (var e : MetricFiles.list(root + "/metrics").entrySet()) {
        MetricFiles.Parsed p = MetricFiles.parse(e.getKey(), e.getValue());
        String id = p.require("id");
        if (!e.getKey().endsWith("/" + id + ".sql")) {
          throw new BdsException(ErrorCode.INVALID_CONFIG, e.getKey() + ": the file of metric " + id + " must be named " + id + ".sql");
        }
        if (parsed.put(id, p) != null || familyMetrics.containsKey(id)) {
          throw new BdsException(ErrorCode.INVALID_CONFIG, "metric id " + id + " is defined twice for " + family);
        }
        familyMetrics.put(id, null);
      }
      familyMetrics.clear();
      for (var e : parsed.entrySet()) {
        familyMetrics.put(e.getKey(), definition(family, e.getValue(), familySources, parsed.keySet()));
      }
      checkAcyclic(family, familyMetrics);
      metrics.put(family, familyMetrics);
      sources.put(family, familySources);
      helpers.put(family, List.copyOf(familyHelpers));
      for (var e : familyFiles.entrySet()) {
        update(digest, e.getKey(), e.getValue());
      }
      List<ReferenceTable> familyReferences = new ArrayList<>();
      for (var e : MetricFiles.list(root + "/reference", ".tsv").entrySet()) {
        String file = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
        String name = file.substring(0, file.length() - ".tsv".length());
        ReferenceTable shipped = ReferenceTable.parse(name, e.getKey(), e.getValue());
        java.nio.file.Path user = extra.get(name);
        if (user != null) {
          unusedExtra.remove(name);
          String text = ReferenceTable.read(user);
          shipped = ReferenceTable.parse(name, user.toString(), text).followedBy(shipped);
          update(digest, user.toString(), text);
        }
        familyReferences.add(shipped);
        update(digest, e.getKey(), e.getValue());
      }
      references.put(family, List.copyOf(familyReferences));
      for (String folder : List.of("/sources", "/helpers", "/metrics")) {
        for (var e : MetricFiles.list(root + folder).entrySet()) {
          update(digest, e.getKey(), e.getValue());
        }
      }
    }
    if (!unusedExtra.isEmpty()) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "no reference table named " + unusedExtra + " to extend");
    }
    // how the engine stores what it computes is part of what the stored values were computed with
    digest.update(STORAGE_FORMAT.getBytes(StandardCharsets.UTF_8));
    String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    return new MetricCatalog(metrics, sources, helpers, blockDays, maxRollbackBlocks, references, version);
  }

  private static MetricDefinition definition(
      String family, MetricFiles.Parsed p, Map<String, MetricSource> familySources, Set<String> ids) {
    String id = p.require("id");
    String source = p.require("source");
    if (!MetricSource.DERIVED.equals(source) && !familySources.containsKey(source)) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, p.path() + ": unknown source '" + source + "'; known: " + familySources.keySet());
    }
    String basis = p.optional("basis", "day");
    if (!BASES.contains(basis) && !basis.startsWith("trailing ")) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, p.path() + ": basis must be day, end of day or trailing N days, not '" + basis + "'");
    }
    int lookback = Integer.parseInt(p.optional("lookback", "0"));
    String keep = p.optional("keep", "");
    if (!keep.isEmpty() && !keep.matches("[1-9][0-9]{0,4} days?")) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, p.path() + ": keep must be 'N days', not '" + keep + "'");
    }
    int keepDays = keep.isEmpty() ? 0 : Integer.parseInt(keep.substring(0, keep.indexOf(' ')));
    String cumulative = p.optional("cumulative", "no");
    if (!Set.of("yes", "no").contains(cumulative)) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, p.path() + ": cumulative must be yes or no");
    }
    Set<String> dependencies = new LinkedHashSet<>();
    if (MetricSource.DERIVED.equals(source)) {
      Matcher m = QUOTED.matcher(p.body());
      while (m.find()) {
        String ref = m.group(1);
        if (!ids.contains(ref)) {
          throw new BdsException(ErrorCode.INVALID_CONFIG, p.path() + ": refers to \"" + ref + "\", which is no " + family + " metric");
        }
        dependencies.add(ref);
      }
      if (dependencies.isEmpty()) {
        throw new BdsException(ErrorCode.INVALID_CONFIG, p.path() + ": a derived metric must refer to other metrics by their quoted ids");
      }
    }
    if (p.body().isBlank()) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, p.path() + ": no SQL expression");
    }
    return new MetricDefinition(
        id, family, p.require("name"), p.require("unit"), source, p.body(), p.require("definition"), basis, lookback,
        "yes".equals(cumulative), dependencies, p.path(), keepDays);
  }

  private static void checkAcyclic(String family, Map<String, MetricDefinition> metrics) {
    Map<String, Integer> state = new HashMap<>();
    for (String id : metrics.keySet()) {
      visit(id, metrics, state, new ArrayList<>());
    }
  }

  private static void visit(String id, Map<String, MetricDefinition> metrics, Map<String, Integer> state, List<String> path) {
    Integer s = state.get(id);
    if (s != null && s == 2) {
      return;
    }
    if (s != null && s == 1) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "metrics depend on each other in a cycle: " + path + " -> " + id);
    }
    state.put(id, 1);
    path.add(id);
    for (String d : metrics.get(id).dependencies()) {
      visit(d, metrics, state, path);
    }
    path.remove(path.size() - 1);
    state.put(id, 2);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest digest, String path, String text) {
    digest.update(path.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  /** A digest of every catalog file: changes whenever a definition does. */
  public String version() {
    return version;
  }

  /** The metrics of a family, by id. */
  public List<MetricDefinition> metrics(String family) {
    return List.copyOf(familyMetrics(family).values());
  }

  public Optional<MetricDefinition> metric(String family, String id) {
    return Optional.ofNullable(familyMetrics(family).get(id));
  }

  /** Every metric of every family, by family then id. */
  public List<MetricDefinition> all() {
    List<MetricDefinition> out = new ArrayList<>();
    for (String f : FAMILIES) {
      out.addAll(metrics(f));
    }
    return out;
  }

  public Map<String, MetricSource> sources(String family) {
    familyMetrics(family);
    return sources.get(family);
  }

  public List<MetricHelper> helpers(String family) {
    familyMetrics(family);
    return helpers.get(family);
  }

  /** The family's reference tables (pool tags…), loaded as {@code m_ref_<name>} in the chain's schema. */
  public List<ReferenceTable> references(String family) {
    familyMetrics(family);
    return references.get(family);
  }

  /** The query listing a family's blocks as {@code height, hash, day}; {@code {schema}} is the chain's schema. */
  public String blockDays(String family) {
    familyMetrics(family);
    return blockDays.get(family);
  }

  /**
   * How many blocks below the last computed one the family's helpers can roll back; a change deeper than that is
   * recomputed from scratch. Empty when any depth is handled incrementally.
   */
  public java.util.OptionalLong maxRollbackBlocks(String family) {
    familyMetrics(family);
    Long n = maxRollbackBlocks.get(family);
    return n == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(n);
  }

  /**
   * The metrics {@code ids} and everything they depend on, in an order where dependencies come first.
   */
  public List<MetricDefinition> withDependencies(String family, List<String> ids) {
    Map<String, MetricDefinition> all = familyMetrics(family);
    Set<String> seen = new HashSet<>();
    List<MetricDefinition> out = new ArrayList<>();
    for (String id : ids) {
      if (!all.containsKey(id)) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no " + family + " metric '" + id + "'; see bds metrics list");
      }
      order(all.get(id), all, seen, out);
    }
    return out;
  }

  private static void order(MetricDefinition m, Map<String, MetricDefinition> all, Set<String> seen, List<MetricDefinition> out) {
    if (!seen.add(m.id())) {
      return;
    }
    for (String d : m.dependencies()) {
      order(all.get(d), all, seen, out);
    }
    out.add(m);
  }

  private Map<String, MetricDefinition> familyMetrics(String family) {
    Map<String, MetricDefinition> m = metrics.get(family);
    if (m == null) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no metrics for the family '" + family + "'; known: " + FAMILIES);
    }
    return m;
  }
}
