package org.openbds.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/** Finding a broker by its directory, without starting one. */
class LocalKafkaTest {
  @Test
  void aStateFileNamingAnotherProcessIsNotABroker(@TempDir Path dir) {
    // a crashed broker's state file whose process id now belongs to another process (here: this JVM)
    new BrokerState(ProcessHandle.current().pid(), 9092).write(dir.resolve(LocalKafka.STATE));
    assertThat(LocalKafka.running(dir)).isEmpty();
    assertThatThrownBy(() -> LocalKafka.stop(dir))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("no Kafka broker runs in " + dir.toAbsolutePath());
    assertThat(ProcessHandle.current().isAlive()).isTrue();
  }

  @Test
  void aDirectoryWithoutStateHasNoBroker(@TempDir Path dir) {
    assertThat(LocalKafka.running(dir)).isEmpty();
    assertThat(LocalKafka.running(dir.resolve("missing"))).isEmpty();
  }

  @Test
  void aPortOutOfRangeIsRefused(@TempDir Path dir) {
    assertThatThrownBy(() -> LocalKafka.start(dir, 70_000))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("not 70000");
  }
}
