package org.openbds.core.queue;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Settings of a block publisher ({@code bds source}).
 *
 * @param topic the topic the chain's messages go to
 * @param partitions the partitions the topic is created with when missing
 * @param confirmations publish a block only once this many blocks sit on top of it
 * @param startHeight the first height to publish when the topic holds nothing of the chain yet
 * @param exitAtTip stop once everything the node has (less the confirmations) is published and stored
 * @param tipWait how long one wait for a new block may last before the node is asked again
 */
public record PublishConfig(String topic, int partitions, int confirmations, long startHeight, boolean exitAtTip, Duration tipWait) {
  private static final java.util.regex.Pattern TOPIC = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,200}");

  public PublishConfig {
    requireNonNull(topic, "topic is null");
    requireNonNull(tipWait, "tipWait is null");
    if (!TOPIC.matcher(topic).matches()) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "a topic name is 1 to 200 letters, digits, '.', '_' or '-', not '" + topic + "'");
    }
    if (partitions < 1 || partitions > 10_000) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "partitions must be 1..10000, got " + partitions);
    }
    if (confirmations < 0 || confirmations > 1_000_000) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "confirmations must be 0..1000000, got " + confirmations);
    }
    if (startHeight < 0) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "start height must not be negative, got " + startHeight);
    }
    if (tipWait.toMillis() < 10 || tipWait.toSeconds() > 600) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "tip wait must be between 10 ms and 600 s, got " + tipWait);
    }
  }

  /** The default topic of a chain: {@code bds.<chain>.blocks}. */
  public static String defaultTopic(org.openbds.api.ChainId chain) {
    return "bds." + chain.value() + ".blocks";
  }

  public static PublishConfig defaults(String topic) {
    return new PublishConfig(topic, 1, 0, 0, false, Duration.ofSeconds(1));
  }

  public PublishConfig withExitAtTip(boolean exit) {
    return new PublishConfig(topic, partitions, confirmations, startHeight, exit, tipWait);
  }

  public PublishConfig withConfirmations(int blocks) {
    return new PublishConfig(topic, partitions, blocks, startHeight, exitAtTip, tipWait);
  }

  public PublishConfig withStartHeight(long height) {
    return new PublishConfig(topic, partitions, confirmations, height, exitAtTip, tipWait);
  }

  public PublishConfig withPartitions(int count) {
    return new PublishConfig(topic, count, confirmations, startHeight, exitAtTip, tipWait);
  }

  public PublishConfig withTipWait(Duration wait) {
    return new PublishConfig(topic, partitions, confirmations, startHeight, exitAtTip, wait);
  }
}
