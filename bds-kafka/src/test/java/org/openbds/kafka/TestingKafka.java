package org.openbds.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A local broker for tests: owns the broker's process and its temporary directory. {@link #close()} stops the broker and
 * deletes the directory; a JVM that ends without closing it (a test run interrupted) kills the broker on the way out.
 */
final class TestingKafka implements AutoCloseable {
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final Thread killOnExit;
  private volatile LocalKafka broker;

  private TestingKafka(Path dir, LocalKafka broker) {
    this.dir = dir;
    this.broker = broker;
    this.killOnExit = new Thread(() -> this.broker.kill(), "testing-kafka-kill");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  static TestingKafka start() throws IOException {
    Path dir = Files.createTempDirectory("bds-kafka-");
    return new TestingKafka(dir, LocalKafka.start(dir, 0));
  }

  LocalKafka broker() {
    return broker;
  }

  Path dir() {
    return dir;
  }

  /** Starts the broker again on the same directory (after {@link LocalKafka#kill()} or {@link LocalKafka#stop()}). */
  LocalKafka restart() {
    broker = LocalKafka.start(dir, 0);
    return broker;
  }

  void createTopic(String name) throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
    }
  }

  /** Sends the values to partition 0 of {@code topic}, waiting for each to be written (acks=all). */
  void produce(String topic, List<byte[]> values) throws ExecutionException, InterruptedException {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    // large blocks: a request up to the broker's limit, and room for it in the producer's buffer
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, LocalKafka.MAX_MESSAGE_BYTES);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * LocalKafka.MAX_MESSAGE_BYTES);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < values.size(); i++) {
        producer.send(new ProducerRecord<>(topic, 0, "m" + i, values.get(i))).get();
      }
    }
  }

  /** Every value in partition 0 of {@code topic}, from the beginning to the end offset as it is now. */
  List<byte[]> consumeAll(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, LocalKafka.MAX_MESSAGE_BYTES);
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, LocalKafka.MAX_MESSAGE_BYTES);
    TopicPartition partition = new TopicPartition(topic, 0);
    List<byte[]> values = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      long deadline = System.nanoTime() + POLL_TIMEOUT.toNanos();
      while (consumer.position(partition) < end) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("read " + values.size() + " of " + end + " messages of " + topic + " within " + POLL_TIMEOUT);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }

  @Override
  public void close() throws IOException {
    try {
      broker.stop();
    } finally {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
