package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.kafka.LocalKafka;

/**
 * {@code bds kafka start}, {@code status} and {@code stop}. The start runs the packaged command (target/bds.jar) in a
 * process of its own, which returns and leaves the broker running; the later commands find it by its directory.
 */
class KafkaCommandIT {
  @TempDir Path data;

  @AfterEach
  void killLeftoverBroker() {
    LocalKafka.running(data.resolve("kafka")).ifPresent(LocalKafka::kill);
  }

  @Test
  void startReturnsLeavingTheBrokerRunningStatusFindsItAndStopEndsIt() throws Exception {
    Jar start = runJar("kafka", "start");
    assertThat(start.exitCode()).as(start.err()).isZero();
    assertThat(start.out().strip()).matches("kafka://127\\.0\\.0\\.1:\\d+");
    String url = start.out().strip();
    LocalKafka broker = LocalKafka.running(data.resolve("kafka")).orElseThrow(() -> new AssertionError("no broker after start: " + start.err()));
    assertThat(broker.url()).isEqualTo(url);
    assertThat(start.err()).contains("pid " + broker.pid(), data.resolve("kafka").resolve(LocalKafka.LOG).toString());

    Cli.Result status = Cli.run(data, "kafka", "status");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).startsWith(url + " running (pid " + broker.pid() + ", cluster ");

    Cli.Result again = Cli.run(data, "kafka", "start");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("error: INVALID_ARGUMENT: a Kafka broker already runs in " + data.resolve("kafka"));

    Jar stop = runJar("kafka", "stop");
    assertThat(stop.exitCode()).as(stop.err()).isZero();
    assertThat(stop.out()).contains("stopped the Kafka broker at " + url + " (pid " + broker.pid() + ")");
    assertThat(ProcessHandle.of(broker.pid())).as("the broker's process after stop").isEmpty();

    Cli.Result stopped = Cli.run(data, "kafka", "status");
    assertThat(stopped.exitCode()).isEqualTo(KafkaCommand.NOT_RUNNING);
    assertThat(stopped.out()).contains("no Kafka broker runs in " + data.resolve("kafka"));

    Cli.Result stopAgain = Cli.run(data, "kafka", "stop");
    assertThat(stopAgain.exitCode()).isEqualTo(1);
    assertThat(stopAgain.err()).contains("error: INVALID_ARGUMENT: no Kafka broker runs in " + data.resolve("kafka"));
  }

  @Test
  void aPortInUseIsAnError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cli.Result start = Cli.run(data, "kafka", "start", "--port", Integer.toString(taken.getLocalPort()), "--dir", data.resolve("elsewhere").toString());
      assertThat(start.exitCode()).isEqualTo(1);
      assertThat(start.err()).contains("error: INVALID_ARGUMENT: port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
    }
    assertThat(LocalKafka.running(data.resolve("elsewhere"))).isEmpty();
  }

  private record Jar(int exitCode, String out, String err) {}

  /** Runs the packaged bds command in a process of its own on the test's data directory. */
  private Jar runJar(String... args) throws Exception {
    Path jar = Path.of("target/bds.jar").toAbsolutePath();
    assertThat(jar).as("the packaged CLI (failsafe runs after package)").exists();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "--data", data.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(data, "out", ".txt");
    Path err = Files.createTempFile(data, "err", ".txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("bds %s returns", String.join(" ", args)).isTrue();
    return new Jar(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
