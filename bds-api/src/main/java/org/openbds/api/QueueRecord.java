package org.openbds.api;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A record as a block queue delivers it: where it lies (topic, partition, offset), its key (the chain it belongs to),
 * its bytes, still undecoded, and its headers.
 */
public record QueueRecord(String topic, int partition, long offset, String key, byte[] value, Map<String, String> headers) {
  public QueueRecord {
    requireNonNull(topic, "topic is null");
    requireNonNull(key, "key is null");
    requireNonNull(value, "value is null");
    headers = Map.copyOf(requireNonNull(headers, "headers is null"));
    if (partition < 0 || offset < 0) {
      throw new IllegalArgumentException("negative partition or offset: " + partition + "/" + offset);
    }
  }

  /** {@code topic/partition/offset}, for messages. */
  public String where() {
    return topic + "/" + partition + "/" + offset;
  }
}
