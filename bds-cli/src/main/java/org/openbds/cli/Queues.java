package org.openbds.cli;

import org.openbds.api.BdsException;
import org.openbds.api.BlockQueue;
import org.openbds.api.ErrorCode;
import org.openbds.kafka.KafkaBlockQueue;

/** Opens the block queue a {@code --to} or {@code --from} URL names. */
final class Queues {
  private Queues() {}

  static BlockQueue open(String url) {
    if (url.startsWith("kafka://")) {
      return KafkaBlockQueue.open(url);
    }
    throw new BdsException(
        ErrorCode.INVALID_ARGUMENT,
        "unknown queue URL " + url + ": a queue between processes is Kafka, kafka://host:port (bds kafka start runs a local one);"
            + " bds sync applies a node's blocks in one process without one");
  }
}
