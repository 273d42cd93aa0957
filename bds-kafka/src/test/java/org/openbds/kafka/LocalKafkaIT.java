package org.openbds.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * A real local broker (KRaft, one node), shared by the tests of this class: a broker takes seconds to start. The tests
 * that kill, restart and stop it run last, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalKafkaIT {
  private static TestingKafka kafka;

  @BeforeAll
  static void startBroker() throws Exception {
    long started = System.nanoTime();
    kafka = TestingKafka.start();
    System.out.printf("local Kafka broker answered %d ms after start (%s)%n", (System.nanoTime() - started) / 1_000_000, kafka.broker());
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Order(1)
  void producesAndConsumesMessagesUpToTwentyMebibytes() throws Exception {
    byte[] large = new byte[20 * 1024 * 1024];
    new Random(20260101).nextBytes(large);
    List<byte[]> sent = List.of(text("block 1"), text("block 2"), large, text("block 4"));
    kafka.createTopic("blocks");
    kafka.produce("blocks", sent);

    List<byte[]> received = kafka.consumeAll("blocks");
    assertThat(received).hasSize(4);
    for (int i = 0; i < sent.size(); i++) {
      assertThat(received.get(i)).as("message %d", i).isEqualTo(sent.get(i));
    }
  }

  @Test
  @Order(2)
  void theBrokerIsFoundByItsDirectoryAndAnswers() {
    LocalKafka broker = kafka.broker();
    assertThat(LocalKafka.running(kafka.dir())).hasValueSatisfying(found -> {
      assertThat(found.pid()).isEqualTo(broker.pid());
      assertThat(found.url()).isEqualTo("kafka://127.0.0.1:" + broker.port());
    });
    assertThat(broker.clusterId()).isNotBlank();
    assertThat(kafka.dir().resolve(LocalKafka.LOG)).content().contains("Kafka Server started");
    // settings a queue of large blocks relies on
    assertThat(kafka.dir().resolve(LocalKafka.SERVER_PROPERTIES))
        .content()
        .contains("process.roles=broker,controller", "auto.create.topics.enable=false", "message.max.bytes=67108864")
        .contains("listeners=PLAINTEXT://127.0.0.1:" + broker.port());
  }

  @Test
  @Order(3)
  void aSecondBrokerOnTheSameDirectoryIsRefused() {
    assertThatThrownBy(() -> LocalKafka.start(kafka.dir(), 0))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("already runs in " + kafka.dir().toAbsolutePath());
  }

  @Test
  @Order(4)
  void aPortInUseIsRefusedBeforeTheBrokerStarts(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> LocalKafka.start(dir, taken.getLocalPort()))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
          .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
    }
    assertThat(dir.resolve(LocalKafka.STATE)).doesNotExist();
  }

  @Test
  @Order(5)
  void aBrokerThatCannotStartIsReportedWithItsLogFile(@TempDir Path dir) throws Exception {
    // a metadata directory of another node: the broker refuses it at start-up
    Files.createDirectories(dir.resolve(LocalKafka.DATA));
    Files.writeString(dir.resolve(LocalKafka.DATA).resolve("meta.properties"), "version=1\nnode.id=7\ncluster.id=not-this-one\n");
    assertThatThrownBy(() -> LocalKafka.start(dir, 0))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUEUE_FAILURE))
        .hasMessageContaining("exited with status")
        .hasMessageContaining("its log: " + dir.toAbsolutePath().resolve(LocalKafka.LOG));
    assertThat(LocalKafka.running(dir)).isEmpty();
    assertThat(dir.resolve(LocalKafka.STATE)).doesNotExist();
  }

  @Test
  @Order(6)
  void aBrokerKilledWithSigkillKeepsItsMessagesWhenStartedAgain() throws Exception {
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sent.add(text("height " + i));
    }
    kafka.createTopic("survives");
    kafka.produce("survives", sent);
    LocalKafka killed = kafka.broker();
    killed.kill();
    assertThat(ProcessHandle.of(killed.pid())).isEmpty();
    assertThat(LocalKafka.running(kafka.dir())).as("a dead broker's state file").isEmpty();

    LocalKafka again = kafka.restart();
    assertThat(again.pid()).isNotEqualTo(killed.pid());
    assertThat(again.port()).as("the port of the last start").isEqualTo(killed.port());
    List<byte[]> received = kafka.consumeAll("survives");
    assertThat(received).hasSize(sent.size());
    for (int i = 0; i < sent.size(); i++) {
      assertThat(received.get(i)).isEqualTo(sent.get(i));
    }
    assertThat(kafka.consumeAll("blocks")).as("the earlier topic").hasSize(4);
  }

  @Test
  @Order(7)
  void stopLeavesNoProcessAndASecondStopIsAnError() {
    LocalKafka broker = kafka.broker();
    LocalKafka stopped = LocalKafka.stop(kafka.dir());
    assertThat(stopped.pid()).isEqualTo(broker.pid());
    assertThat(ProcessHandle.of(broker.pid())).isEmpty();
    assertThat(kafka.dir().resolve(LocalKafka.STATE)).doesNotExist();
    assertThat(kafka.dir().resolve(LocalKafka.LOG)).content().contains("shut down completed");
    assertThatThrownBy(() -> LocalKafka.stop(kafka.dir()))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("no Kafka broker runs in " + kafka.dir().toAbsolutePath());
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
