package org.openbds.kafka;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.openbds.api.BdsException;
import org.openbds.api.BlockQueue;
import org.openbds.api.ErrorCode;
import org.openbds.api.QueueRecord;

/**
 * The block queue over Apache Kafka. Records are keyed by chain, so Kafka's default partitioner keeps one chain on one
 * partition, in order. Producers are idempotent with {@code acks=all} (a retried send is stored once) and compress
 * batches with zstd; a record may be up to {@link #MAX_RECORD_BYTES} (block topics are created with that
 * {@code max.message.bytes}; a bigger block is refused with an error naming its size). Block topics keep their records
 * forever ({@code retention.ms=-1}): the log is the history consumers replay. Consumers take no part in consumer-group
 * offset commits: a splitter's position is committed with its rows in the warehouse and it seeks there.
 */
public final class KafkaBlockQueue implements BlockQueue {
  /** The largest record this queue sends or reads: 64 MiB. */
  public static final int MAX_RECORD_BYTES = 64 << 20;
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
  private static final int BACKWARD_WINDOW = 64;

  private final String bootstrapServers;
  private final Admin admin;

  private KafkaBlockQueue(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
    this.admin = Admin.create(p);
  }

  /** Opens the queue at {@code kafka://host:port[,host:port…]} (the broker is contacted on first use). */
  public static KafkaBlockQueue open(String url) {
    requireNonNull(url, "url is null");
    if (!url.startsWith("kafka://")) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a Kafka queue URL is kafka://host:port[,host:port…], not " + url);
    }
    String servers = url.substring("kafka://".length()).replaceAll("/+$", "");
    if (servers.isEmpty() || !servers.matches("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}(,[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5})*")) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a Kafka queue URL is kafka://host:port[,host:port…], not " + url);
    }
    return new KafkaBlockQueue(servers);
  }

  @Override
  public String endpoint() {
    return "kafka://" + bootstrapServers;
  }

  @Override
  public void ensureTopic(String topic, int partitions) {
    try {
      if (admin.listTopics().names().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).contains(topic)) {
        return;
      }
      NewTopic t = new NewTopic(topic, partitions, (short) 1)
          .configs(Map.of("max.message.bytes", Integer.toString(MAX_RECORD_BYTES), "retention.ms", "-1", "retention.bytes", "-1"));
      admin.createTopics(List.of(t)).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return;
      }
      throw failure("cannot create topic " + topic, e.getCause());
    } catch (TimeoutException e) {
      throw failure("no answer within " + ADMIN_TIMEOUT.toSeconds() + " s while creating topic " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while creating topic " + topic, e);
    }
  }

  @Override
  public Publisher publisher(String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L << 20);
    // a broker restart is waited out for up to ten minutes before a send fails
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000);
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    AtomicReference<Exception> failed = new AtomicReference<>();
    return new Publisher() {
      @Override
      public void send(String key, byte[] value, Map<String, String> headers) {
        check();
        List<Header> h = new ArrayList<>();
        headers.forEach((k, v) -> h.add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        try {
          producer.send(new ProducerRecord<>(topic, null, key, value, h), (metadata, e) -> {
            if (e != null) {
              failed.compareAndSet(null, e);
            }
          });
        } catch (KafkaException e) {
          failed.compareAndSet(null, e);
        }
        check();
      }

      @Override
      public void flush() {
        producer.flush();
        check();
      }

      private void check() {
        Exception e = failed.get();
        if (e instanceof RecordTooLargeException) {
          throw new BdsException(ErrorCode.QUEUE_FAILURE, "a record for " + topic + " is larger than the " + (MAX_RECORD_BYTES >> 20)
              + " MiB a block message may have (" + e.getMessage() + ")", e);
        }
        if (e != null) {
          throw failure("publishing to " + topic + " failed", e);
        }
      }

      @Override
      public void close() {
        try {
          flush();
        } finally {
          producer.close(Duration.ofSeconds(30));
        }
      }
    };
  }

  private KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(consumerProperties(), new StringDeserializer(), new ByteArrayDeserializer());
  }

  private Properties consumerProperties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_RECORD_BYTES + (1 << 20));
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_RECORD_BYTES + (1 << 20));
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return p;
  }

  private List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    while (true) {
      List<PartitionInfo> infos;
      try {
        infos = consumer.partitionsFor(topic, ADMIN_TIMEOUT);
      } catch (KafkaException e) {
        throw failure("cannot read the partitions of " + topic, e);
      }
      if (infos != null && !infos.isEmpty()) {
        List<TopicPartition> out = new ArrayList<>();
        for (PartitionInfo i : infos) {
          out.add(new TopicPartition(topic, i.partition()));
        }
        out.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        return out;
      }
      if (System.nanoTime() > deadline) {
        throw new BdsException(ErrorCode.QUEUE_FAILURE, "no topic " + topic + " at " + endpoint());
      }
      sleep(200);
    }
  }

  @Override
  public Iterator<QueueRecord> newestFirst(String topic, String key) {
    KafkaConsumer<String, byte[]> consumer = consumer();
    List<TopicPartition> all = partitions(consumer, topic);
    TopicPartition tp = all.get(partitionOf(all.size(), key));
    consumer.assign(List.of(tp));
    long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
    long end = consumer.endOffsets(List.of(tp)).get(tp);
    return new Iterator<>() {
      private final ArrayDeque<QueueRecord> window = new ArrayDeque<>();
      private long below = end;
      private boolean closed;

      @Override
      public boolean hasNext() {
        while (window.isEmpty() && below > begin) {
          long from = Math.max(begin, below - BACKWARD_WINDOW);
          List<QueueRecord> read = new ArrayList<>();
          consumer.seek(tp, from);
          long next = from;
          while (next < below) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500)).records(tp)) {
              if (r.offset() < below && key.equals(r.key())) {
                read.add(record(r));
              }
              next = Math.max(next, r.offset() + 1);
            }
            next = Math.max(next, consumer.position(tp));
          }
          Collections.reverse(read);
          window.addAll(read);
          below = from;
        }
        if (window.isEmpty() && !closed) {
          closed = true;
          consumer.close();
        }
        return !window.isEmpty();
      }

      @Override
      public QueueRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return window.poll();
      }
    };
  }

  @Override
  public Subscription subscribe(String topic, Map<Integer, Long> next) {
    KafkaConsumer<String, byte[]> consumer = consumer();
    List<TopicPartition> all = partitions(consumer, topic);
    consumer.assign(all);
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(all);
    for (TopicPartition tp : all) {
      Long at = next.get(tp.partition());
      if (at != null && at < begin.get(tp)) {
        consumer.close();
        throw new BdsException(ErrorCode.QUEUE_FAILURE, "the records of " + tp + " from offset " + at + " on are needed but the topic starts at "
            + begin.get(tp) + " (deleted by retention?)");
      }
      consumer.seek(tp, at == null ? begin.get(tp) : at);
    }
    return new Reading(consumer, topic, () -> true);

  }

  @Override
  public int partitionOf(String topic, String key) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      return partitionOf(partitions(consumer, topic).size(), key);
    }
  }

  /** Kafka's default partitioner for a keyed record. */
  private static int partitionOf(int partitions, String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  @Override
  public Subscription subscribeGroup(String topic, String group, Assignments assignments) {
    Properties p = consumerProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    partitions(consumer, topic);
    boolean[] assignedOnce = new boolean[1];
    consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        assignedOnce[0] = true;
        if (partitions.isEmpty()) {
          return;
        }
        Set<Integer> ids = new TreeSet<>();
        partitions.forEach(tp -> ids.add(tp.partition()));
        Map<Integer, Long> at = assignments.assigned(ids);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        for (TopicPartition tp : partitions) {
          Long next = at.get(tp.partition());
          consumer.seek(tp, next == null ? begin.get(tp) : Math.max(next, begin.get(tp)));
        }
      }
    });
    // before its first assignment a group member has read nothing: not at the end yet
    return new Reading(consumer, topic + " in group " + group, () -> assignedOnce[0]);

  }

  /** A subscription reading the partitions its consumer is assigned (by hand, or by its group). */
  private final class Reading implements Subscription {
    private final KafkaConsumer<String, byte[]> consumer;
    private final String what;
    private final java.util.function.BooleanSupplier assigned;

    Reading(KafkaConsumer<String, byte[]> consumer, String what, java.util.function.BooleanSupplier assigned) {
      this.consumer = consumer;
      this.what = what;
      this.assigned = assigned;
    }

    @Override
    public List<QueueRecord> poll(Duration timeout) {
      List<QueueRecord> out = new ArrayList<>();
      try {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
          out.add(record(r));
        }
      } catch (KafkaException e) {
        throw failure("reading " + what + " failed", e);
      }
      return out;
    }

    @Override
    public boolean atEnd() {
      if (!assigned.getAsBoolean()) {
        return false;
      }
      Set<TopicPartition> mine = consumer.assignment();
      Map<TopicPartition, Long> end = consumer.endOffsets(mine);
      for (TopicPartition tp : mine) {
        if (consumer.position(tp) < end.get(tp)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  private static QueueRecord record(ConsumerRecord<String, byte[]> r) {
    Map<String, String> headers = new HashMap<>();
    for (Header h : r.headers()) {
      headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
    }
    return new QueueRecord(r.topic(), r.partition(), r.offset(), r.key() == null ? "" : r.key(), r.value() == null ? new byte[0] : r.value(), headers);
  }

  private BdsException failure(String what, Throwable cause) {
    return new BdsException(ErrorCode.QUEUE_FAILURE, what + " at " + endpoint() + ": " + cause, cause);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.QUEUE_FAILURE, "interrupted", e);
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(10));
  }
}
