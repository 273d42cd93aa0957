package org.openbds.core.queue;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.QueueRecord;

/**
 * How far a consumer has read a topic: for each partition, the offset of the next record to read. Stored with a
 * chain's checkpoint as {@code topic@partition:next,partition:next}.
 */
public record QueuePosition(String topic, Map<Integer, Long> next) {
  public QueuePosition {
    requireNonNull(topic, "topic is null");
    next = Map.copyOf(new TreeMap<>(requireNonNull(next, "next is null")));
  }

  public static QueuePosition start(String topic) {
    return new QueuePosition(topic, Map.of());
  }

  /** The position right after {@code record}. */
  public QueuePosition after(QueueRecord record) {
    if (!record.topic().equals(topic)) {
      throw new IllegalArgumentException("record of topic " + record.topic() + " on a position in " + topic);
    }
    TreeMap<Integer, Long> n = new TreeMap<>(next);
    n.merge(record.partition(), record.offset() + 1, Math::max);
    return new QueuePosition(topic, n);
  }

  public String format() {
    StringBuilder s = new StringBuilder(topic).append('@');
    new TreeMap<>(next).forEach((p, o) -> s.append(s.charAt(s.length() - 1) == '@' ? "" : ",").append(p).append(':').append(o));
    return s.toString();
  }

  public static QueuePosition parse(String stored) {
    int at = stored.lastIndexOf('@');
    if (at <= 0) {
      throw bad(stored);
    }
    TreeMap<Integer, Long> next = new TreeMap<>();
    String list = stored.substring(at + 1);
    if (!list.isEmpty()) {
      for (String part : list.split(",")) {
        int colon = part.indexOf(':');
        try {
          next.put(Integer.parseInt(part.substring(0, colon)), Long.parseLong(part.substring(colon + 1)));
        } catch (RuntimeException e) {
          throw bad(stored);
        }
      }
    }
    return new QueuePosition(stored.substring(0, at), next);
  }

  private static BdsException bad(String stored) {
    return new BdsException(ErrorCode.WAREHOUSE_FAILURE, "the stored queue position '" + stored + "' is not topic@partition:offset,…");
  }
}
