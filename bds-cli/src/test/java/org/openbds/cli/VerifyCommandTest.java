package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.duckdb.DuckDbWarehouse;

/** What {@code bds verify} refuses before it asks a node anything. */
class VerifyCommandTest {
  private static final String NO_NODE = "http://u:p@127.0.0.1:1";

  @TempDir Path dir;

  @Test
  void refusesADirectoryWithoutAWarehouseAndCreatesNone() {
    Path data = dir.resolve("nothing");
    Cli.Result r = Cli.run(data, "verify", "--chain", "ltc", "--rpc", NO_NODE);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: UNKNOWN_CHAIN: no warehouse in " + data);
    assertThat(Files.exists(data.resolve(DuckDbWarehouse.FILE_NAME))).isFalse();
  }

  @Test
  void refusesAChainTheWarehouseDoesNotHold() {
    Path data = dir.resolve("data");
    DuckDbWarehouse.open(data).close();
    Cli.Result r = Cli.run(data, "verify", "--chain", "ltc", "--rpc", NO_NODE);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("error: UNKNOWN_CHAIN: the warehouse " + data + " holds no chain 'ltc'");
  }

  @Test
  void refusesAnUnknownFormatAndAnEmptyRange() {
    Path data = dir.resolve("data");
    Cli.Result r = Cli.run(data, "verify", "--chain", "ltc", "--rpc", NO_NODE, "--format", "csv");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("error: INVALID_ARGUMENT: unknown format 'csv'; use table or json");
    r = Cli.run(data, "verify", "--chain", "ltc", "--rpc", NO_NODE, "--from", "10", "--to", "9");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("error: INVALID_ARGUMENT: --from and --to must satisfy 0 <= from <= to, got 10..9");
  }

  @Test
  void requiresTheNode() {
    Cli.Result r = Cli.run(dir.resolve("data"), "verify", "--chain", "ltc");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required option: '--rpc=URL'");
  }
}
