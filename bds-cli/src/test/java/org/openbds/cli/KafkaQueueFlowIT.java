package org.openbds.cli;

import java.util.Iterator;
import java.util.Map;
import org.openbds.api.BlockQueue;
import org.openbds.kafka.KafkaBlockQueue;
import org.openbds.kafka.LocalKafka;

/** The block queue flow over a real Kafka broker (KRaft, started by the test in its own directory). */
class KafkaQueueFlowIT extends BlockQueueFlowIT {
  @Override
  protected BlockQueue openQueue() {
    LocalKafka broker = LocalKafka.start(dir.resolve("kafka"), 0);
    KafkaBlockQueue queue = KafkaBlockQueue.open(broker.url());
    return new BlockQueue() {
      @Override
      public String endpoint() {
        return queue.endpoint();
      }

      @Override
      public void ensureTopic(String topic, int partitions) {
        queue.ensureTopic(topic, partitions);
      }

      @Override
      public Publisher publisher(String topic) {
        return queue.publisher(topic);
      }

      @Override
      public Iterator<org.openbds.api.QueueRecord> newestFirst(String topic, String key) {
        return queue.newestFirst(topic, key);
      }

      @Override
      public Subscription subscribe(String topic, Map<Integer, Long> next) {
        return queue.subscribe(topic, next);
      }

      @Override
      public void close() {
        try {
          queue.close();
        } finally {
          broker.stop();
        }
      }
    };
  }

  @Override
  protected void appendRaw(BlockQueue queue, String topic, String key, byte[] value) {
    try (BlockQueue.Publisher p = queue.publisher(topic)) {
      p.send(key, value, Map.of());
    }
  }
}
