package org.openbds.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

class BrokerClasspathTest {
  @Test
  void theBuildWroteTheBrokersJarsAndTheyExist() {
    String classpath = BrokerClasspath.resolve();
    assertThat(classpath.split(File.pathSeparator))
        .anyMatch(j -> j.matches(".*/kafka_2\\.13-[0-9.]+\\.jar"))
        .anyMatch(j -> j.contains("scala-library"))
        // the broker logs through SLF4J 2 (the project's version) into log4j 2
        .anyMatch(j -> j.contains("log4j-slf4j2-impl"))
        .anyMatch(j -> j.matches(".*/slf4j-api-2\\.[0-9.]+\\.jar"))
        .noneMatch(j -> j.contains("openbds") || j.contains("bds-api"));
  }

  @Test
  void aJarMissingWhereTheBuildFoundItIsLookedForInThisRunsRepository(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run-repo");
    Path jar = run.resolve("org/example/a/1/a-1.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "");
    String built = dir.resolve("build-repo") + "/org/example/a/1/a-1.jar";
    assertThat(BrokerClasspath.resolve(built, dir.resolve("build-repo").toString(), run)).isEqualTo(jar.toString());
  }

  @Test
  void aJarMissingEverywhereIsNamed(@TempDir Path dir) {
    String built = dir.resolve("build-repo") + "/org/example/b/1/b-1.jar";
    assertThatThrownBy(() -> BrokerClasspath.resolve(built, dir.resolve("build-repo").toString(), dir.resolve("run-repo")))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUEUE_FAILURE))
        .hasMessageContaining("b-1.jar")
        .hasMessageContaining("run mvn package");
  }
}
