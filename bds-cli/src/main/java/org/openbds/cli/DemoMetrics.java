package org.openbds.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.openbds.api.ChainId;
import org.openbds.api.QueryResult;
import org.openbds.api.Warehouse;
import org.openbds.core.ChainFamilies;
import org.openbds.metrics.MetricCatalog;
import org.openbds.metrics.MetricEngine;
import org.openbds.metrics.MetricUpdate;

/** The demos' metrics step: the chain's metrics brought up to date, a few of them printed, the month's HTML report written. */
final class DemoMetrics {
  private DemoMetrics() {}

  static void show(PrintWriter out, Warehouse warehouse, ChainId chain, List<String> ids, Path reportFile) {
    String family = ChainFamilies.load().forChain(chain.value()).name();
    MetricCatalog catalog = MetricCatalog.load();
    MetricEngine engine = new MetricEngine(warehouse, catalog);
    MetricUpdate u = engine.update(chain, family);
    out.printf("   %d metrics current (catalog %s, last computation %d ms)%n", catalog.metrics(family).size(), catalog.version(), u.took().toMillis());
    List<String> known = new ArrayList<>();
    for (String id : ids) {
      if (catalog.metric(family, id).isPresent()) {
        known.add(id);
      }
    }
    Object last = warehouse.query("SELECT max(day) FROM " + chain.value() + ".metrics_blocks").rows().get(0).get(0);
    if (last == null) {
      out.println("   (no blocks)");
      return;
    }
    LocalDate day = LocalDate.parse(last.toString());
    QueryResult r = engine.values(chain, family, known, day, day);
    for (List<Object> row : r.rows()) {
      if (!"".equals(row.get(2))) {
        continue;
      }
      String id = (String) row.get(1);
      out.printf("   %s  %-16s %24s  %s%n", day, id, MetricsCommand.plain((BigDecimal) row.get(3)).toPlainString(),
          catalog.metric(family, id).orElseThrow().unit());
    }
    ReportCommand.write(warehouse, catalog, ChainFamilies.load().forChain(chain.value()), chain, YearMonth.from(day), reportFile, out, out);
  }
}
