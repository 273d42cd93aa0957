package org.openbds.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.QueryResult;
import org.openbds.api.Warehouse;
import org.openbds.core.ChainFamilies;
import org.openbds.metrics.MetricCatalog;
import org.openbds.metrics.MetricCatalogDoc;
import org.openbds.metrics.MetricDefinition;
import org.openbds.metrics.MetricEngine;
import org.openbds.metrics.MetricUpdate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bds metrics}: the catalog, stored values, recomputation and the catalog's documentation. */
@Command(
    name = "metrics",
    description = "Standardized on-chain metrics: list the catalog, get values, compute, document.",
    subcommands = {
      MetricsCommand.ListMetrics.class,
      MetricsCommand.GetMetrics.class,
      MetricsCommand.ComputeMetrics.class,
      MetricsCommand.DocumentMetrics.class
    })
final class MetricsCommand {
  @ParentCommand BdsCommand parent;

  /** The user's additions to the catalog's reference tables, e.g. {@code --reference pool_tags=my-pools.tsv}. */
  static final class References {
    @Option(
        names = "--reference",
        paramLabel = "NAME=FILE",
        description = "Add rows to a reference table of the catalog (e.g. pool_tags=my-pools.tsv); they take precedence over the shipped rows.")
    Map<String, Path> files = new LinkedHashMap<>();

    MetricCatalog catalog() {
      return MetricCatalog.load(files);
    }
  }

  static String family(String chain) {
    return ChainFamilies.load().forChain(chain).name();
  }

  static ResultFormat format(String format, List<String> allowed) {
    String f = format.toLowerCase(Locale.ROOT);
    if (!allowed.contains(f)) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "unknown format '" + format + "'; use " + String.join(", ", allowed));
    }
    return ResultFormat.valueOf(f.toUpperCase(Locale.ROOT));
  }

  @Command(name = "list", description = "List the metrics: id, name, unit, family, time basis and definition.")
  static final class ListMetrics implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--chain", description = "Only the metrics of this chain's family.")
    String chain;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
      ResultFormat f = format(format, List.of("table", "json", "csv"));
      MetricCatalog catalog = MetricCatalog.load();
      List<MetricDefinition> metrics = chain == null ? catalog.all() : catalog.metrics(family(chain));
      List<List<Object>> rows = new ArrayList<>();
      for (MetricDefinition m : metrics) {
        String definition = f == ResultFormat.TABLE ? firstSentence(m.definition()) : m.definition();
        rows.add(List.of(m.id(), m.name(), m.unit(), m.family(), m.basis(), definition));
      }
      f.write(new QueryResult(List.of("id", "name", "unit", "family", "basis", "definition"), rows), spec.commandLine().getOut());
      return 0;
    }

    static String firstSentence(String text) {
      int end = text.indexOf(". ");
      return end < 0 ? text : text.substring(0, end + 1);
    }
  }

  @Command(name = "get", description = "Print metric values per UTC day (brings them up to date with the warehouse first).")
  static final class GetMetrics implements Callable<Integer> {
    @ParentCommand MetricsCommand metrics;
    @Spec CommandSpec spec;
    @Mixin References references;

    @Option(names = "--chain", required = true, description = "Chain id (ltc, btc, eth…).")
    String chain;

    @Parameters(arity = "1..*", paramLabel = "METRIC", description = "Metric ids (see bds metrics list).")
    List<String> ids;

    @Option(names = "--from", description = "First UTC day, yyyy-mm-dd (default: the first day with data).")
    String from;

    @Option(names = "--to", description = "Last UTC day, inclusive (default: the last day with data).")
    String to;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
      ResultFormat f = format(format, List.of("table", "csv", "json"));
      String family = family(chain);
      ChainId id = new ChainId(chain);
      MetricCatalog catalog = references.catalog();
      for (String metric : ids) {
        if (catalog.metric(family, metric).isEmpty()) {
          throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no " + family + " metric '" + metric + "'; see bds metrics list --chain " + chain);
        }
      }
      requireWarehouse(metrics.parent, id);
      try (Warehouse warehouse = Warehouses.open(metrics.parent)) {
        requireChain(warehouse, id);
        MetricEngine engine = new MetricEngine(warehouse, catalog);
        engine.update(id, family);
        LocalDate first = day(from, "--from", LocalDate.of(1970, 1, 1));
        LocalDate last = day(to, "--to", LocalDate.of(9999, 12, 31));
        QueryResult values = engine.values(id, family, ids, first, last);
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : values.rows()) {
          rows.add(List.of(row.get(0), row.get(1), row.get(2), plain((BigDecimal) row.get(3))));
        }
        f.write(new QueryResult(List.of("day", "metric", "instance", "value"), rows), spec.commandLine().getOut());
      }
      return 0;
    }
  }

  @Command(name = "compute", description = "Bring a chain's metrics up to date with its blocks (or recompute them all with --full).")
  static final class ComputeMetrics implements Callable<Integer> {
    @ParentCommand MetricsCommand metrics;
    @Spec CommandSpec spec;
    @Mixin References references;

    @Option(names = "--chain", required = true, description = "Chain id (ltc, btc, eth…).")
    String chain;

    @Option(names = "--full", description = "Recompute every day, not only those after the last change.")
    boolean full;

    @Override
    public Integer call() {
      String family = family(chain);
      ChainId id = new ChainId(chain);
      requireWarehouse(metrics.parent, id);
      try (Warehouse warehouse = Warehouses.open(metrics.parent)) {
        requireChain(warehouse, id);
        MetricEngine engine = new MetricEngine(warehouse, references.catalog());
        MetricUpdate u = full ? engine.recompute(id, family) : engine.update(id, family);
        PrintWriter out = spec.commandLine().getOut();
        if (u.changed()) {
          out.printf("%s: %d metrics computed for %s .. %s (%s, from height %,d) in %.3f s; catalog %s%n",
              id, u.metrics(), u.from().get(), u.to().get(), u.full() ? "all days" : "changed days", u.firstHeight(),
              u.took().toNanos() / 1e9, engine.catalog().version());
        } else {
          out.printf("%s: metrics already current (%.3f s)%n", id, u.took().toNanos() / 1e9);
        }
      }
      return 0;
    }
  }

  @Command(name = "docs", description = "Print the catalog as Markdown (the source of docs/metrics.md).")
  static final class DocumentMetrics implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.print(MetricCatalogDoc.markdown(MetricCatalog.load()));
      out.flush();
      return 0;
    }
  }

  static void requireWarehouse(BdsCommand root, ChainId id) {
    if (!Warehouses.exists(root)) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no warehouse in " + root.data + "; import or sync " + id + " first");
    }
  }

  static void requireChain(Warehouse warehouse, ChainId id) {
    if (!warehouse.chains().contains(id)) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "the warehouse holds no " + id + " chain; it holds " + warehouse.chains());
    }
  }

  private static LocalDate day(String text, String option, LocalDate fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, option + " must be a day like 2026-01-31, not '" + text + "'");
    }
  }

  /** A stored DECIMAL(38,10) without its trailing zeros: integers print as integers. */
  static BigDecimal plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
