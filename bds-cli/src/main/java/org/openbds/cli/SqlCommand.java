package org.openbds.cli;

import java.util.concurrent.Callable;
import org.openbds.api.QueryResult;
import org.openbds.api.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bds sql}: runs one query on the warehouse and prints the result. */
@Command(name = "sql", description = "Run a SQL query on the warehouse (one schema per chain: btc.blocks, ltc.outputs, ...).")
final class SqlCommand implements Callable<Integer> {
  @ParentCommand BdsCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query.")
  String query;

  @Override
  public Integer call() {
    ResultFormat f;
    try {
      f = ResultFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new org.openbds.api.BdsException(
          org.openbds.api.ErrorCode.INVALID_ARGUMENT, "unknown format '" + format + "'; use table, csv or json");
    }
    try (Warehouse warehouse = Warehouses.open(parent)) {
      QueryResult result = warehouse.query(query);
      f.write(result, spec.commandLine().getOut());
    }
    return 0;
  }
}
