package org.openbds.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openbds.postgres.LocalPostgres;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bds postgres}: a local PostgreSQL server (the Debian package's programs, its own data directory, 127.0.0.1
 * only) that outlives the command, to try the PostgreSQL warehouse. See docs/postgres.md.
 */
@Command(
    name = "postgres",
    description = "A local PostgreSQL server (127.0.0.1 only) for the PostgreSQL warehouse, running in the background: start, stop, status.",
    subcommands = {PostgresCommand.Start.class, PostgresCommand.Stop.class, PostgresCommand.Status.class})
final class PostgresCommand {
  @ParentCommand BdsCommand parent;

  /** The server's directory: the one given, else {@code postgres/} in the data directory. */
  Path dir(Path given) {
    return (given != null ? given : parent.data.resolve("postgres")).toAbsolutePath().normalize();
  }

  @Command(
      name = "start",
      description = {
        "Start the server in the background (making its cluster and database on first use) and print the URL to pass as --warehouse.",
        "Starting again on the same directory keeps its data; a server already running there is reused."
      })
  static final class Start implements Callable<Integer> {
    @ParentCommand PostgresCommand postgres;
    @Spec CommandSpec spec;

    @Option(names = "--port", description = "Port on 127.0.0.1 (default: a free one).")
    int port;

    @Option(names = "--dir", description = "The server's directory: cluster, socket, log, password (default <data>/postgres).")
    Path dir;

    @Option(names = "--database", defaultValue = "openbds", description = "The database to make and name in the URL (default: ${DEFAULT-VALUE}).")
    String database;

    @Override
    public Integer call() {
      LocalPostgres server = LocalPostgres.start(postgres.dir(dir), port, database);
      spec.commandLine().getOut().println(server.url().withPassword());
      spec.commandLine().getErr().printf("PostgreSQL running in the background in %s; use the URL above with --warehouse (or BDS_WAREHOUSE);"
          + " 'bds postgres stop' stops it%n", server.directory());
      return 0;
    }
  }

  @Command(name = "stop", description = "Stop the server of the directory (pg_ctl stop -m fast).")
  static final class Stop implements Callable<Integer> {
    @ParentCommand PostgresCommand postgres;
    @Spec CommandSpec spec;

    @Option(names = "--dir", description = "The server's directory (default <data>/postgres).")
    Path dir;

    @Override
    public Integer call() {
      Path home = postgres.dir(dir);
      if (!LocalPostgres.isRunning(home)) {
        throw new org.openbds.api.BdsException(org.openbds.api.ErrorCode.INVALID_ARGUMENT, "no PostgreSQL server runs in " + home + " (nothing to stop)");
      }
      LocalPostgres.stop(home);
      spec.commandLine().getOut().printf("stopped the PostgreSQL server in %s%n", home);
      return 0;
    }
  }

  @Command(name = "status", description = "Whether a server runs in the directory. Exit status 0 if it runs, 3 if not.")
  static final class Status implements Callable<Integer> {
    @ParentCommand PostgresCommand postgres;
    @Spec CommandSpec spec;

    @Option(names = "--dir", description = "The server's directory (default <data>/postgres).")
    Path dir;

    @Override
    public Integer call() {
      Path home = postgres.dir(dir);
      boolean running = LocalPostgres.isRunning(home);
      spec.commandLine().getOut().printf(running ? "PostgreSQL runs in %s%n" : "no PostgreSQL server runs in %s%n", home);
      return running ? 0 : KafkaCommand.NOT_RUNNING;
    }
  }
}
