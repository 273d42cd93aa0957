package org.openbds.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainId;
import org.openbds.api.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bds status}: per chain the tip, row counts, and the warehouse size. */
@Command(name = "status", description = "Show each chain's tip and row counts, and the warehouse size.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand BdsCommand parent;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Warehouse warehouse = Warehouses.open(parent)) {
      out.printf("warehouse %s: %,d bytes%n", parent.data.toAbsolutePath().normalize(), warehouse.sizeBytes());
      List<ChainId> chains = warehouse.chains();
      if (chains.isEmpty()) {
        out.println("no chains yet: run 'bds import' or 'bds demo'");
      }
      for (ChainId chain : chains) {
        String network = warehouse.network(chain).orElse("?");
        BlockRef tip = warehouse.checkpoint(chain).orElse(null);
        out.printf("%s (%s): tip %s%n", chain, network, tip == null ? "(empty)" : tip.height() + " " + tip.hash());
        List<List<Object>> rows =
            warehouse
                .query(
                    "SELECT table_name, estimated_size FROM duckdb_tables() WHERE schema_name = ? ORDER BY table_name",
                    chain.value())
                .rows();
        for (List<Object> row : rows) {
          long count =
              ((Number) warehouse.query("SELECT COUNT(*) FROM " + chain.value() + "." + row.get(0)).rows().get(0).get(0)).longValue();
          out.printf("  %-20s %,15d rows%n", row.get(0), count);
        }
      }
    }
    return 0;
  }
}
