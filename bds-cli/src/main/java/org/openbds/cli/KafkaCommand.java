package org.openbds.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openbds.api.BdsException;
import org.openbds.kafka.LocalKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bds kafka}: a local single-node Kafka broker (KRaft) that outlives the command, for the scale-out path (sources
 * write blocks to it, splitters read them). See docs/kafka.md.
 */
@Command(
    name = "kafka",
    description = "A local single-node Kafka broker (KRaft, 127.0.0.1 only) that runs in the background: start, stop, status.",
    subcommands = {KafkaCommand.Start.class, KafkaCommand.Stop.class, KafkaCommand.Status.class})
final class KafkaCommand {
  /** Exit status of {@code status} when no broker runs (as LSB init scripts and pg_ctl say "not running"). */
  static final int NOT_RUNNING = 3;

  @ParentCommand BdsCommand parent;

  /** The broker's directory: the one given, else {@code kafka/} in the data directory. */
  Path dir(Path given) {
    return (given != null ? given : parent.data.resolve("kafka")).toAbsolutePath().normalize();
  }

  @Command(
      name = "start",
      description = {
        "Start the broker in the background, wait until it answers, print its address (kafka://127.0.0.1:PORT) and return.",
        "Starting again on the same directory keeps its topics and messages."
      })
  static final class Start implements Callable<Integer> {
    @ParentCommand KafkaCommand kafka;
    @Spec CommandSpec spec;

    @Option(names = "--port", description = "Port for clients on 127.0.0.1 (default: the port of the last start in the directory, else a free one).")
    int port;

    @Option(names = "--dir", description = "The broker's directory: configuration, log, topics (default <data>/kafka).")
    Path dir;

    @Override
    public Integer call() {
      LocalKafka broker = LocalKafka.start(kafka.dir(dir), port);
      spec.commandLine().getOut().println(broker.url());
      spec.commandLine()
          .getErr()
          .printf("Kafka broker running in the background (pid %d) in %s; its log: %s; 'bds kafka stop' stops it%n", broker.pid(), broker.dir(), broker.logFile());
      return 0;
    }
  }

  @Command(name = "stop", description = "Stop the broker that runs in the directory (cleanly; killed if it has not exited within 60 s).")
  static final class Stop implements Callable<Integer> {
    @ParentCommand KafkaCommand kafka;
    @Spec CommandSpec spec;

    @Option(names = "--dir", description = "The broker's directory (default <data>/kafka).")
    Path dir;

    @Override
    public Integer call() {
      LocalKafka stopped = LocalKafka.stop(kafka.dir(dir));
      spec.commandLine().getOut().printf("stopped the Kafka broker at %s (pid %d) in %s%n", stopped.url(), stopped.pid(), stopped.dir());
      return 0;
    }
  }

  @Command(
      name = "status",
      description = "Whether a broker runs in the directory, its address, process and cluster id. Exit status 0 if it runs and answers, 1 if it runs but does not answer, 3 if none runs.")
  static final class Status implements Callable<Integer> {
    @ParentCommand KafkaCommand kafka;
    @Spec CommandSpec spec;

    @Option(names = "--dir", description = "The broker's directory (default <data>/kafka).")
    Path dir;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Path home = kafka.dir(dir);
      Optional<LocalKafka> running = LocalKafka.running(home);
      if (running.isEmpty()) {
        out.printf("no Kafka broker runs in %s%n", home);
        return NOT_RUNNING;
      }
      LocalKafka broker = running.get();
      try {
        String clusterId = broker.clusterId();
        out.printf("%s running (pid %d, cluster %s) in %s; its log: %s%n", broker.url(), broker.pid(), clusterId, broker.dir(), broker.logFile());
        return 0;
      } catch (BdsException e) {
        out.printf("%s running (pid %d) in %s but not answering: %s; its log: %s%n", broker.url(), broker.pid(), broker.dir(), e.getMessage(), broker.logFile());
        return 1;
      }
    }
  }
}
