package org.openbds.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

class LocalPostgresTest {
  @TempDir Path dir;

  private void install(String version) throws Exception {
    Path bin = Files.createDirectories(dir.resolve(version).resolve("bin"));
    for (String program : new String[] {"initdb", "pg_ctl", "postgres"}) {
      Path p = Files.createFile(bin.resolve(program));
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void theNewestInstalledVersionIsUsed() throws Exception {
    install("9.6");
    install("15");
    install("13");
    Files.createDirectories(dir.resolve("16").resolve("bin"));
    assertThat(LocalPostgres.binaries(dir)).isEqualTo(dir.resolve("15").resolve("bin"));
  }

  @Test
  void missingProgramsSayWhichPackageToInstall() {
    for (Path root : new Path[] {dir, dir.resolve("nothing-here")}) {
      assertThatThrownBy(() -> LocalPostgres.binaries(root))
          .isInstanceOf(BdsException.class)
          .hasMessageContaining("install the Debian package postgresql")
          .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIG));
    }
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingRuns() {
    assertThatThrownBy(() -> LocalPostgres.start(dir, 70_000, "db")).isInstanceOf(BdsException.class).hasMessageContaining("70000");
    assertThatThrownBy(() -> LocalPostgres.start(dir, 0, "Robert'); DROP")).isInstanceOf(BdsException.class).hasMessageContaining("a database name");
    assertThatThrownBy(() -> LocalPostgres.start(dir, 0, "db", Map.of("fsync = off\nport", "1"))).isInstanceOf(BdsException.class).hasMessageContaining("setting name");
    assertThat(dir.resolve("data")).doesNotExist();
  }
}
