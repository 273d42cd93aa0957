package org.openbds.cli;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.openbds.api.BlockQueue;
import org.openbds.kafka.KafkaBlockQueue;
import org.openbds.kafka.LocalKafka;

/** The block queue flow over a real Kafka broker (KRaft, started by the test in its own directory). */
class KafkaQueueFlowIT extends BlockQueueFlowIT {
  private LocalKafka broker;

  @Override
  protected BlockQueue openQueue() {
    broker = LocalKafka.start(dir.resolve("kafka"), 0);
    return KafkaBlockQueue.open(broker.url());
  }

  @AfterEach
  void stopBroker() {
    if (broker != null) {
      broker.stop();
    }
  }

  @Override
  protected void appendRaw(BlockQueue queue, String topic, String key, byte[] value) {
    try (BlockQueue.Publisher p = queue.publisher(topic)) {
      p.send(key, value, Map.of());
    }
  }
}
