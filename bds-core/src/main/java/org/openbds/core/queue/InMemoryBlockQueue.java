package org.openbds.core.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.openbds.api.BdsException;
import org.openbds.api.BlockQueue;
import org.openbds.api.ErrorCode;
import org.openbds.api.QueueRecord;

/**
 * The in-process block queue: topics held in memory, for a source and a splitter in one process (and as the reference
 * the Kafka queue is tested against). A key's records go to one partition (by the key's hash), so one chain keeps its
 * order. Nothing survives the process.
 */
public final class InMemoryBlockQueue implements BlockQueue {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition appended = lock.newCondition();
  private final Map<String, List<List<QueueRecord>>> topics = new HashMap<>();

  @Override
  public String endpoint() {
    return "memory";
  }

  @Override
  public void ensureTopic(String topic, int partitions) {
    if (partitions < 1) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a topic needs at least one partition, not " + partitions);
    }
    lock.lock();
    try {
      topics.computeIfAbsent(topic, t -> {
        List<List<QueueRecord>> p = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
          p.add(new ArrayList<>());
        }
        return p;
      });
    } finally {
      lock.unlock();
    }
  }

  private List<List<QueueRecord>> partitions(String topic) {
    List<List<QueueRecord>> p = topics.get(topic);
    if (p == null) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no topic " + topic + " in the in-process queue");
    }
    return p;
  }

  static int partitionOf(String key, int partitions) {
    return Math.floorMod(key.hashCode(), partitions);
  }

  @Override
  public Publisher publisher(String topic) {
    return new Publisher() {
      @Override
      public void send(String key, byte[] value, Map<String, String> headers) {
        lock.lock();
        try {
          List<List<QueueRecord>> p = partitions(topic);
          int partition = partitionOf(key, p.size());
          List<QueueRecord> log = p.get(partition);
          log.add(new QueueRecord(topic, partition, log.size(), key, value.clone(), headers));
          appended.signalAll();
        } finally {
          lock.unlock();
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  @Override
  public Iterator<QueueRecord> newestFirst(String topic, String key) {
    List<QueueRecord> matching = new ArrayList<>();
    lock.lock();
    try {
      List<List<QueueRecord>> p = partitions(topic);
      for (QueueRecord r : p.get(partitionOf(key, p.size()))) {
        if (r.key().equals(key)) {
          matching.add(r);
        }
      }
    } finally {
      lock.unlock();
    }
    java.util.Collections.reverse(matching);
    return matching.iterator();
  }

  @Override
  public Subscription subscribe(String topic, Map<Integer, Long> next) {
    Map<Integer, Long> at = new HashMap<>(next);
    return new Subscription() {
      @Override
      public List<QueueRecord> poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
          while (true) {
            List<QueueRecord> out = new ArrayList<>();
            List<List<QueueRecord>> p = partitions(topic);
            for (int i = 0; i < p.size(); i++) {
              List<QueueRecord> log = p.get(i);
              long from = at.getOrDefault(i, 0L);
              for (long o = from; o < log.size() && out.size() < 500; o++) {
                out.add(log.get((int) o));
                at.put(i, o + 1);
              }
            }
            long left = deadline - System.nanoTime();
            if (!out.isEmpty() || left <= 0) {
              return out;
            }
            appended.await(left, TimeUnit.NANOSECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new BdsException(ErrorCode.IO_FAILURE, "interrupted while waiting for queue records", e);
        } finally {
          lock.unlock();
        }
      }

      @Override
      public boolean atEnd() {
        lock.lock();
        try {
          List<List<QueueRecord>> p = partitions(topic);
          for (int i = 0; i < p.size(); i++) {
            if (at.getOrDefault(i, 0L) < p.get(i).size()) {
              return false;
            }
          }
          return true;
        } finally {
          lock.unlock();
        }
      }

      @Override
      public void close() {}
    };
  }

  /** The in-process queue has one member per group: it is given every partition. */
  @Override
  public Subscription subscribeGroup(String topic, String group, Assignments assignments) {
    java.util.Set<Integer> all = new java.util.TreeSet<>();
    lock.lock();
    try {
      for (int i = 0; i < partitions(topic).size(); i++) {
        all.add(i);
      }
    } finally {
      lock.unlock();
    }
    return subscribe(topic, assignments.assigned(all));
  }

  @Override
  public int partitionOf(String topic, String key) {
    lock.lock();
    try {
      return partitionOf(key, partitions(topic).size());
    } finally {
      lock.unlock();
    }
  }

  /** Appends raw bytes as if a foreign producer wrote them (for tests of what consumers do with bad records). */
  public void append(String topic, String key, byte[] value) {
    publisher(topic).send(key, value, Map.of());
  }

  @Override
  public void close() {}
}
