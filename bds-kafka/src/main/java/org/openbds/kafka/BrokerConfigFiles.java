package org.openbds.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The configuration files of the local broker: {@code server.properties} (KRaft, one node that is broker and controller)
 * and the logging configuration. Written anew at every start, so that a newer bds brings its settings to an existing
 * broker directory; the ports of the last start are read back from the old file.
 */
final class BrokerConfigFiles {
  /** Blocks can be large: the biggest record batch the broker accepts, in bytes (64 MiB). */
  static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private static final Pattern LISTENERS = Pattern.compile("PLAINTEXT://127\\.0\\.0\\.1:(\\d+),CONTROLLER://127\\.0\\.0\\.1:(\\d+)");

  /** The port clients use and the port of the KRaft controller. */
  record Ports(int broker, int controller) {}

  private BrokerConfigFiles() {}

  /** {@code server.properties} of a broker keeping its data in {@code dataDir} and listening on {@code ports}. */
  static String serverProperties(Path dataDir, Ports ports) {
    return """
        # Written by bds at every start of the local broker (LocalKafka): edits are overwritten.
        # One node, both broker and KRaft controller, on 127.0.0.1 only.
        process.roles=broker,controller
        node.id=1
        controller.quorum.voters=1@127.0.0.1:%2$d
        listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
        advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
        listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
        inter.broker.listener.name=PLAINTEXT
        controller.listener.names=CONTROLLER
        # the topics' partitions and the metadata log
        log.dirs=%3$s
        # topics are created on purpose, with one partition unless told otherwise
        auto.create.topics.enable=false
        num.partitions=1
        # one broker: every topic, internal ones included, has one replica
        default.replication.factor=1
        min.insync.replicas=1
        offsets.topic.replication.factor=1
        transaction.state.log.replication.factor=1
        transaction.state.log.min.isr=1
        share.coordinator.state.topic.replication.factor=1
        share.coordinator.state.topic.min.isr=1
        # one broker has no coordinator load to spread: one partition each, so that the first consumer group starts fast
        offsets.topic.num.partitions=1
        transaction.state.log.num.partitions=1
        group.initial.rebalance.delay.ms=0
        # after a crash the controller holds the dead broker's registration until its session expires (9 s by default),
        # and the restarted broker waits as long: one node in one JVM has no network to be patient with
        broker.session.timeout.ms=4000
        broker.heartbeat.interval.ms=1000
        # a block can be large: a record batch of up to 64 MiB (the request limit, socket.request.max.bytes, is 100 MiB)
        message.max.bytes=%4$d
        replica.fetch.max.bytes=%4$d
        """
        .formatted(ports.broker(), ports.controller(), dataDir, MAX_MESSAGE_BYTES);
  }

  /** log4j 2 configuration: everything to standard output, which the broker's log file receives. */
  static String logging() {
    return """
        # Written by bds at every start of the local broker (LocalKafka): edits are overwritten.
        status = warn
        # Kafka logs its own shutdown from a shutdown hook: log4j must not close before it
        shutdownHook = disable
        appender.out.type = Console
        appender.out.name = out
        appender.out.layout.type = PatternLayout
        appender.out.layout.pattern = [%d] %p %m (%c)%n
        rootLogger.level = info
        rootLogger.appenderRef.out.ref = out
        # one line per request is for debugging the broker itself
        logger.request.name = kafka.request.logger
        logger.request.level = warn
        """;
  }

  /** The ports in the {@code server.properties} of an earlier start; empty if there is none. */
  static Optional<Ports> readPorts(Path serverProperties) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(serverProperties)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot read " + serverProperties + ": " + e.getMessage(), e);
    }
    Matcher m = LISTENERS.matcher(p.getProperty("listeners", ""));
    if (!m.matches()) {
      // not written by us, or an older layout: the next start picks ports as for a new broker
      return Optional.empty();
    }
    return Optional.of(new Ports(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
  }
}
