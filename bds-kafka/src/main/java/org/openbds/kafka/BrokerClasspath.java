package org.openbds.kafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The jars of the local Kafka broker: {@code org.apache.kafka:kafka_2.13} and its runtime dependencies, which Maven
 * downloads from Maven Central into the local repository when it builds this module. The build writes their paths into
 * the resource {@value #RESOURCE} (maven-dependency-plugin {@code build-classpath}, see this module's pom), so the list
 * travels inside this module's jar and inside the bds command's jar; the jars themselves stay in the repository.
 *
 * <p>A jar is looked for where the build found it, then at the same place under the repository of this run: the one
 * named by {@code -Dmaven.repo.local}, else {@code ~/.m2/repository} (so a jar built with another repository still works
 * on a machine that has the jars in its default one).
 */
final class BrokerClasspath {
  static final String RESOURCE = "broker-classpath.properties";

  private BrokerClasspath() {}

  /** The broker's classpath, every jar checked to exist; {@link ErrorCode#QUEUE_FAILURE} naming the first missing one. */
  static String resolve() {
    Properties written = new Properties();
    try (InputStream in = BrokerClasspath.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new BdsException(ErrorCode.QUEUE_FAILURE, "this build has no " + RESOURCE + " (the list of the Kafka broker's jars): rebuild with mvn package");
      }
      written.load(in);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.QUEUE_FAILURE, "cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
    String classpath = written.getProperty("classpath", "");
    if (classpath.isBlank() || classpath.contains("${")) {
      throw new BdsException(ErrorCode.QUEUE_FAILURE, RESOURCE + " was not filled in by the build: rebuild with mvn package");
    }
    return resolve(classpath, written.getProperty("repository", ""), runRepository());
  }

  /** {@code classpath} as written by the build in {@code buildRepository}, each jar found there or under {@code runRepository}. */
  static String resolve(String classpath, String buildRepository, Path runRepository) {
    List<String> jars = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator, -1)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path jar = Path.of(entry);
      if (!Files.isRegularFile(jar) && !buildRepository.isEmpty() && entry.startsWith(buildRepository + File.separator)) {
        jar = runRepository.resolve(entry.substring(buildRepository.length() + 1));
      }
      if (!Files.isRegularFile(jar)) {
        throw new BdsException(
            ErrorCode.QUEUE_FAILURE,
            "the Kafka broker's jar " + jar.getFileName() + " is in neither " + buildRepository + " nor " + runRepository
                + ": run mvn package (it downloads the broker from Maven Central)");
      }
      jars.add(jar.toString());
    }
    return String.join(File.pathSeparator, jars);
  }

  private static Path runRepository() {
    String named = System.getProperty("maven.repo.local");
    if (named != null && !named.isBlank()) {
      return Path.of(named);
    }
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }
}
