package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openbds.core.FileTrees;
import org.openbds.postgres.LocalPostgres;

/**
 * {@code bds postgres start}, {@code status} and {@code stop}, and a command run with {@code --warehouse} on the server
 * started: the URL printed is the one to use.
 */
class PostgresCommandIT {
  private Path data;

  @BeforeEach
  void reachableDirectory() throws Exception {
    // PostgreSQL runs as its own system user when the tests run as root: the directory must be open to it
    data = Files.createTempDirectory("bds-postgres-command");
    Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void stopLeftover() {
    if (LocalPostgres.isRunning(data.resolve("postgres"))) {
      LocalPostgres.stop(data.resolve("postgres"));
    }
    FileTrees.delete(data);
  }

  @Test
  void startPrintsTheUrlCommandsUseStatusFindsItAndStopEndsIt() {
    Cli.Result start = Cli.run(data, "postgres", "start");
    assertThat(start.exitCode()).as(start.err()).isZero();
    String url = start.out().strip();
    assertThat(url).matches("postgresql://bds:[^@]+@127\\.0\\.0\\.1:\\d+/openbds");

    Cli.Result status = Cli.run(data, "postgres", "status");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("PostgreSQL runs in " + data.resolve("postgres"));

    Cli.Result sql = Cli.run(data, "--warehouse", url, "sql", "SELECT count(*) AS chains FROM main.bds_chains");
    assertThat(sql.exitCode()).as(sql.err()).isZero();
    assertThat(sql.out()).contains("chains").contains("0");

    Cli.Result report = Cli.run(data, "--warehouse", url, "report", "--chain", "btc", "--month", "2026-10");
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.err()).contains("bds report runs on the embedded warehouse");

    Cli.Result wrong = Cli.run(data, "--warehouse", url.replaceFirst(":[^:@]+@", ":wrong@"), "sql", "SELECT 1");
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err()).contains("INVALID_CONFIG").doesNotContain("wrong@");

    Cli.Result stop = Cli.run(data, "postgres", "stop");
    assertThat(stop.exitCode()).as(stop.err()).isZero();
    Cli.Result stopped = Cli.run(data, "postgres", "status");
    assertThat(stopped.exitCode()).isEqualTo(KafkaCommand.NOT_RUNNING);
    Cli.Result again = Cli.run(data, "postgres", "stop");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("no PostgreSQL server runs in");
  }
}
