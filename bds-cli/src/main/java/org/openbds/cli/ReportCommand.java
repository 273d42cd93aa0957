package org.openbds.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.openbds.api.BdsException;
import org.openbds.api.ChainFamily;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.SplitOptions;
import org.openbds.api.Warehouse;
import org.openbds.core.ChainFamilies;
import org.openbds.metrics.MetricCatalog;
import org.openbds.metrics.MetricEngine;
import org.openbds.metrics.MetricUpdate;
import org.openbds.metrics.report.ChainReportHtml;
import org.openbds.metrics.report.ReportData;
import org.openbds.metrics.report.ReportDataLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bds report}: brings the chain's metrics up to date, then writes its operating report for one calendar month
 * (UTC) as one self-contained HTML file.
 */
@Command(
    name = "report",
    description = "Write a chain's operating report for one calendar month (UTC) as one self-contained HTML file.")
final class ReportCommand implements Callable<Integer> {
  @ParentCommand BdsCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--chain", required = true, description = "Chain id in the warehouse: btc, ltc, bch, doge, bsv, eth, etc.")
  String chain;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The calendar month (UTC), e.g. 2026-10.")
  String month;

  @Option(names = "--out", paramLabel = "FILE", description = "The HTML file to write (default: <chain>-<month>.html).")
  Path out;

  @Mixin MetricsCommand.References references;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    YearMonth reported = parseMonth(month);
    ChainFamily family = ChainFamilies.load().forChain(chain);
    ChainId id = new ChainId(chain);
    Path target = (out == null ? Path.of(chain + "-" + reported + ".html") : out).toAbsolutePath().normalize();
    // a report takes a while to compute: a path it cannot write fails before, not after
    checkWritable(target);
    if (!Warehouses.exists(parent)) {
      throw new BdsException(ErrorCode.UNKNOWN_CHAIN, "no warehouse in " + parent.data + ": nothing to report");
    }
    try (Warehouse warehouse = Warehouses.open(parent)) {
      if (warehouse.network(id).isEmpty()) {
        throw new BdsException(
            ErrorCode.UNKNOWN_CHAIN, "the warehouse " + Warehouses.describe(parent) + " holds no chain '" + chain + "' (it holds: " + warehouse.chains() + ")");
      }
      write(warehouse, references.catalog(), family, id, reported, target, stdout, err);
    }
    return 0;
  }

  /** Brings the chain's metrics up to date and writes its report for {@code reported} to {@code target}. */
  static void write(
      Warehouse warehouse, MetricCatalog catalog, ChainFamily family, ChainId id, YearMonth reported, Path target, PrintWriter stdout, PrintWriter err) {
    String network = warehouse.network(id).orElseThrow();
    String baseUnit = family.open(id, network, SplitOptions.defaults()).unit();
    MetricUpdate update = new MetricEngine(warehouse, catalog).update(id, family.name());
    err.println(
        "report: metrics "
            + (update.changed() ? "computed from " + update.from().orElseThrow() + " to " + update.to().orElseThrow() : "already current")
            + " (catalog " + catalog.version() + ")");
    ReportData data = new ReportDataLoader(warehouse, catalog, Clock.systemUTC()).load(id, family.name(), reported, baseUnit);
    byte[] html = ChainReportHtml.render(data).getBytes(StandardCharsets.UTF_8);
    write(target, html);
    stdout.printf(
        "wrote %s (%,d bytes): %s %s, blocks %d to %d%n",
        target, html.length, id, reported, data.coverage().firstOfMonth().height(), data.coverage().lastOfMonth().height());
  }

  /** {@code YYYY-MM} exactly; anything else (2026-1, 2026/10, 2026-13) is refused with the expected form. */
  static YearMonth parseMonth(String text) {
    if (text == null || !text.matches("\\d{4}-\\d{2}")) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "--month must be a calendar month as YYYY-MM (e.g. 2026-10), not '" + text + "'");
    }
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "--month " + text + " is not a calendar month (YYYY-MM, month 01 to 12)", e);
    }
  }

  static void checkWritable(Path target) {
    Path dir = target.getParent();
    if (Files.isDirectory(target)) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot write the report to " + target + ": it is a directory");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot write the report to " + target + ": the directory " + dir + " does not exist");
    }
    if (!Files.isWritable(dir) || (Files.exists(target) && !Files.isWritable(target))) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot write the report to " + target + ": permission denied");
    }
  }

  /** Writes next to the target and moves into place, so a reader never sees half a report. */
  static void write(Path target, byte[] html) {
    Path temporary = null;
    try {
      temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      Files.write(temporary, html);
      try {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot write the report to " + target + ": " + e.getMessage(), e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // the report itself is written or its failure reported; a stray temporary file is only clutter
        }
      }
    }
  }
}
