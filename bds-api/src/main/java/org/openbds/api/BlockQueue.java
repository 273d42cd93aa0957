package org.openbds.api;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A durable, ordered log of block messages between sources and splitters: in-process, or Apache Kafka when scaled
 * out. Records are keyed by chain, and one key's records keep their order (they share a partition). The queue moves
 * bytes; what they mean ({@link QueueMessage}) is the runtime's business, so that a consumer can set aside a record
 * it cannot read instead of failing inside the queue.
 *
 * <p>Thread-safe; a {@link Publisher} or {@link Subscription} belongs to the thread that opened it.
 */
public interface BlockQueue extends AutoCloseable {
  /** Where the queue is, without credentials, for messages. */
  String endpoint();

  /** Creates {@code topic} with {@code partitions} partitions unless it exists. */
  void ensureTopic(String topic, int partitions);

  /** A publisher appending to {@code topic}. */
  Publisher publisher(String topic);

  /**
   * The records of {@code key} in {@code topic}, newest first, read backwards lazily (a publisher finds what it
   * published last without reading the whole log).
   */
  Iterator<QueueRecord> newestFirst(String topic, String key);

  /**
   * Reads every partition of {@code topic} in order, each from the offset {@code next} gives for it, from its start when
   * absent.
   */
  Subscription subscribe(String topic, Map<Integer, Long> next);

  /**
   * Reads {@code topic} as a member of consumer group {@code group}: the queue shares the topic's partitions among the
   * group's members and moves them when members come and go. Each time partitions are assigned, on the polling
   * thread, {@code assignments} says where to read each of them (from its start when absent).
   */
  Subscription subscribeGroup(String topic, String group, Assignments assignments);

  /** The partition of {@code topic} that records keyed {@code key} go to. */
  int partitionOf(String topic, String key);

  @Override
  void close();

  /** Told, on the polling thread, when a group member is given partitions. */
  interface Assignments {
    /** Where to read each of the newly assigned {@code partitions}: the offset of the next record (absent: its start). */
    Map<Integer, Long> assigned(java.util.Set<Integer> partitions);
  }

  /** Appends records; {@link #flush} returns once every record sent before is durably stored, in order. */
  interface Publisher extends AutoCloseable {
    void send(String key, byte[] value, Map<String, String> headers);

    void flush();

    /** Flushes, then releases the publisher. */
    @Override
    void close();
  }

  /** Reads records in order. */
  interface Subscription extends AutoCloseable {
    /** The next records, at most {@code timeout} of waiting; empty when none came. */
    List<QueueRecord> poll(Duration timeout);

    /** Whether everything stored when this was called has been returned by {@link #poll}. */
    boolean atEnd();

    @Override
    void close();
  }
}
