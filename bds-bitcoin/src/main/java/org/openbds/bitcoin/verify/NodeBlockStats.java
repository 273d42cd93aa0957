package org.openbds.bitcoin.verify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.openbds.api.Hash32;

/** The node's {@code getblockstats} answer for one block: its hash and every field we compare, as exact integers. */
record NodeBlockStats(long height, Hash32 blockHash, Map<BlockStatField, Long> values) {
  NodeBlockStats {
    requireNonNull(blockHash, "blockHash is null");
    EnumMap<BlockStatField, Long> copy = new EnumMap<>(BlockStatField.class);
    copy.putAll(values);
    if (copy.size() != BlockStatField.values().length) {
      throw new IllegalArgumentException("every field needs a value, got " + copy.keySet());
    }
    values = Collections.unmodifiableMap(copy);
  }

  /** Decodes the answer to {@code getblockstats <height>}; an answer for another height is malformed. */
  static NodeBlockStats decode(long height, JsonNode answer) {
    String what = "getblockstats " + height;
    if (answer == null || !answer.isObject()) {
      throw NodeAnswers.malformed(what, "expected an object");
    }
    long answered = NodeAnswers.integer(answer, "height", what);
    if (answered != height) {
      throw NodeAnswers.malformed(what, "the answer is for height " + answered);
    }
    Map<BlockStatField, Long> values = new EnumMap<>(BlockStatField.class);
    for (BlockStatField f : BlockStatField.values()) {
      values.put(f, NodeAnswers.integer(answer, f.key(), what));
    }
    return new NodeBlockStats(height, NodeAnswers.hash(answer, "blockhash", what), values);
  }

  long value(BlockStatField field) {
    return values.get(field);
  }
}
