package org.openbds.cli;

import org.openbds.api.BlockQueue;
import org.openbds.core.queue.InMemoryBlockQueue;

/** The block queue flow over the in-process queue. */
class InProcessQueueFlowIT extends BlockQueueFlowIT {
  @Override
  protected BlockQueue openQueue() {
    return new InMemoryBlockQueue();
  }

  @Override
  protected void appendRaw(BlockQueue queue, String topic, String key, byte[] value) {
    ((InMemoryBlockQueue) queue).append(topic, key, value);
  }
}
