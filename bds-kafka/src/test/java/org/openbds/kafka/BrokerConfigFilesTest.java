package org.openbds.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigFilesTest {
  @Test
  void serverPropertiesPinTheLocalBrokersSettings() throws Exception {
    Properties p = new Properties();
    p.load(new StringReader(BrokerConfigFiles.serverProperties(Path.of("/k/data"), new BrokerConfigFiles.Ports(9092, 9093))));
    assertThat(p)
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("node.id", "1")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
        .containsEntry("controller.listener.names", "CONTROLLER")
        .containsEntry("log.dirs", "/k/data")
        .containsEntry("auto.create.topics.enable", "false")
        .containsEntry("num.partitions", "1")
        .containsEntry("default.replication.factor", "1")
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("share.coordinator.state.topic.replication.factor", "1")
        .containsEntry("message.max.bytes", "67108864")
        .containsEntry("replica.fetch.max.bytes", "67108864");
    assertThat(BrokerConfigFiles.MAX_MESSAGE_BYTES).isGreaterThanOrEqualTo(64 * 1024 * 1024);
  }

  @Test
  void thePortsOfTheLastStartAreReadBack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("server.properties");
    assertThat(BrokerConfigFiles.readPorts(file)).isEmpty();
    Files.writeString(file, BrokerConfigFiles.serverProperties(dir.resolve("data"), new BrokerConfigFiles.Ports(40001, 40002)));
    assertThat(BrokerConfigFiles.readPorts(file)).contains(new BrokerConfigFiles.Ports(40001, 40002));
    Files.writeString(file, "listeners=PLAINTEXT://0.0.0.0:9092\n");
    assertThat(BrokerConfigFiles.readPorts(file)).as("a file we did not write").isEmpty();
  }

  @Test
  void loggingGoesToStandardOutputAndOutlivesTheJvmsShutdownHooks() {
    assertThat(BrokerConfigFiles.logging()).contains("appender.out.type = Console", "rootLogger.level = info", "shutdownHook = disable");
  }
}
