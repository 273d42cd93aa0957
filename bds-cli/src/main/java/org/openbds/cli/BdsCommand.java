package org.openbds.cli;

import java.nio.file.Path;
import org.openbds.api.BdsException;
import org.openbds.api.Software;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code bds} command: the composition root that wires sources, splitters and warehouses together. */
@Command(
    name = "bds",
    mixinStandardHelpOptions = true,
    version = Software.VERSION,
    description = "OpenBDS: blockchain data into exact warehouse tables, queried with SQL.",
    subcommands = {
      ImportCommand.class,
      SyncCommand.class,
      SourceCommand.class,
      SplitCommand.class,
      SqlCommand.class,
      StatusCommand.class,
      VerifyCommand.class,
      ReportCommand.class,
      GenerateCommand.class,
      BenchCommand.class,
      DemoCommand.class,
      SchemaCommand.class,
      MetricsCommand.class,
      ServeCommand.class,
      KafkaCommand.class,
      PostgresCommand.class,
      KeysCommand.class,
      ClusterCommand.class,
      TraceCommand.class,
      LabelsCommand.class,
      AddressCommand.class,
      PathCommand.class,
      EvidenceCommand.class,
      CommandLine.HelpCommand.class
    })
public final class BdsCommand {
  @Option(
      names = "--data",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:BDS_DATA:-./data}",
      description = "Warehouse directory (env BDS_DATA; default ./data).")
  Path data;

  @Option(
      names = "--warehouse",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:BDS_WAREHOUSE:-}",
      description = "A PostgreSQL warehouse, postgresql://user:password@host:port/database (env BDS_WAREHOUSE; default: the embedded one in --data).")
  String warehouse;

  public static void main(String[] args) {
    // idle node connections close after 2 s: a node being stopped waits for its idle keep-alive connections
    if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
      System.setProperty("jdk.httpclient.keepalive.timeout", "2");
    }
    // one line per log record (retries while a node is away), before anything creates a logger
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "bds: %4$s: %5$s%6$s%n");
    }
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (0 success, 1 failure, 2 usage error). */
  public static int execute(String... args) {
    return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs the command line with the given output streams and returns the exit code. */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new BdsCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof BdsException) {
            cmd.getErr().println("error: " + ((BdsException) e).code() + ": " + e.getMessage());
            return 1;
          }
          throw e;
        });
    return cli.execute(args);
  }
}
