package org.openbds.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Settings of a queue consumer ({@code bds split}).
 *
 * @param topic the topic the chain's messages are read from
 * @param deadLetterTopic where records that cannot be applied go, with the reason
 * @param onPoison what to do after a record went to the dead-letter topic: stop (the default) or continue
 * @param exitAtTip stop once every record stored in the topic when the consumer found it idle has been applied
 * @param pollWait how long one wait for new records may last (bounds how late a stop request is noticed)
 * @param importConfig how blocks are decoded, batched and committed
 */
public record ConsumeConfig(String topic, String deadLetterTopic, OnPoison onPoison, boolean exitAtTip, Duration pollWait, ImportConfig importConfig) {
  /** What a consumer does once a record it cannot apply is in the dead-letter topic. */
  public enum OnPoison {
    STOP,
    CONTINUE
  }

  public ConsumeConfig {
    requireNonNull(topic, "topic is null");
    requireNonNull(deadLetterTopic, "deadLetterTopic is null");
    requireNonNull(onPoison, "onPoison is null");
    requireNonNull(pollWait, "pollWait is null");
    requireNonNull(importConfig, "importConfig is null");
    if (topic.equals(deadLetterTopic)) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "the dead-letter topic must differ from the topic read (" + topic + ")");
    }
    if (pollWait.toMillis() < 10 || pollWait.toSeconds() > 600) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "poll wait must be between 10 ms and 600 s, got " + pollWait);
    }
    if (importConfig.stopAfterHeight() >= 0) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "a consumer has no stop height; use exitAtTip");
    }
  }

  /** Reads {@code topic}, dead letters to {@code topic.dead}, stops on poison, follows the topic. */
  public static ConsumeConfig defaults(String topic) {
    return new ConsumeConfig(topic, topic + ".dead", OnPoison.STOP, false, Duration.ofMillis(500), ImportConfig.defaults());
  }

  public ConsumeConfig withOnPoison(OnPoison then) {
    return new ConsumeConfig(topic, deadLetterTopic, then, exitAtTip, pollWait, importConfig);
  }

  public ConsumeConfig withExitAtTip(boolean exit) {
    return new ConsumeConfig(topic, deadLetterTopic, onPoison, exit, pollWait, importConfig);
  }

  public ConsumeConfig withImportConfig(ImportConfig config) {
    return new ConsumeConfig(topic, deadLetterTopic, onPoison, exitAtTip, pollWait, config);
  }

  public ConsumeConfig withDeadLetterTopic(String dead) {
    return new ConsumeConfig(topic, dead, onPoison, exitAtTip, pollWait, importConfig);
  }
}
