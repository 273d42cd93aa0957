package org.openbds.ethereum.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.ethereum.codec.EthHostileInputTest.assertMalformed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openbds.api.Hash32;

/**
 * trace_block answers that the recorded ones do not cover (a self-destruct under a failed call, delegatecalls) and
 * damaged ones, made from the recorded answer for block 1011973.
 */
class ParityTraceDecoderTest {
  private static final String A = "0x" + "aa".repeat(20);
  private static final String B = "0x" + "bb".repeat(20);
  private static final String C = "0x" + "cc".repeat(20);
  private static final Hash32 TX = Hash32.parse("11".repeat(32));
  private static final Hash32 BLOCK = Hash32.parse("99".repeat(32));

  /** A failed call whose delegatecall child self-destructs (the self-destruct is undone with its parent). */
  private static final String FAILED_TREE =
      """
      [
        {"type": "call", "action": {"callType": "call", "from": "%1$s", "to": "%2$s", "gas": "0x100", "input": "0x",
          "value": "0x7"}, "error": "Reverted", "subtraces": 1, "traceAddress": [],
          "transactionHash": "0x%4$s", "transactionPosition": 0, "blockNumber": 9, "blockHash": "0x%5$s"},
        {"type": "call", "action": {"callType": "delegatecall", "from": "%2$s", "to": "%3$s", "gas": "0x80",
          "input": "0x", "value": "0x7"}, "result": {"gasUsed": "0x10", "output": "0x"}, "subtraces": 1,
          "traceAddress": [0], "transactionHash": "0x%4$s", "transactionPosition": 0, "blockNumber": 9},
        {"type": "suicide", "action": {"address": "%2$s", "refundAddress": "%1$s", "balance": "0x64"},
          "result": null, "subtraces": 0, "traceAddress": [0, 0], "transactionHash": "0x%4$s",
          "transactionPosition": 0, "blockNumber": 9}
      ]
      """
          .formatted(A, B, C, "11".repeat(32), "99".repeat(32));

  /**
   * The exporter propagates a failure only to call and create traces, so it writes status 1 for this self-destruct;
   * ours is reverted, since nothing under a failed call happens.
   */
  @Test
  void selfDestructUnderAFailedCallIsReverted() {
    List<EthTrace> traces = ParityTraceDecoder.decode(9, BLOCK, List.of(TX), EtlData.parse(FAILED_TREE));
    assertThat(traces).extracting(EthTrace::reverted).containsExactly(true, true, true);
    assertThat(traces).extracting(t -> t.error().orElse("")).containsExactly("Reverted", "", "");
    assertThat(traces.get(2).traceType()).isEqualTo("suicide");
  }

  @Test
  void delegatecallMovesNoValue() {
    EthTrace delegate = ParityTraceDecoder.decode(9, BLOCK, List.of(TX), EtlData.parse(FAILED_TREE)).get(1);
    assertThat(delegate.callType()).contains("delegatecall");
    assertThat(delegate.value()).isZero();
    assertThat(delegate.toAddress()).contains(C);
  }

  @Test
  void answersThatDoNotMatchTheBlock() {
    JsonNode answer = TraceCases.parityAnswer("block_with_suicide");
    long number = 1011973;
    Hash32 hash = TraceCases.blockHash(answer);
    List<Hash32> txs = EtlData.transactionHashesOf(answer);

    assertMalformed(
        () -> ParityTraceDecoder.decode(number, Hash32.parse("99".repeat(32)), txs, answer),
        "block 1011973",
        "traces[0].blockHash");
    assertMalformed(() -> ParityTraceDecoder.decode(number + 1, hash, txs, answer), "traces[0].blockNumber", "1011973");
    assertMalformed(
        () -> ParityTraceDecoder.decode(number, hash, List.of(TX), answer),
        "traces[0].transactionHash",
        "0x91acb43c5f141c393a189e091c190c9ffb20e4e8a502e4cc3087be9587bdbc89");
    assertMalformed(
        () -> ParityTraceDecoder.decode(number, hash, List.of(txs.get(0), TX), answer),
        "no top-level trace for transaction 1");

    ArrayNode orphan = answer.deepCopy();
    orphan.remove(0);
    assertMalformed(() -> ParityTraceDecoder.decode(number, hash, txs, orphan), "traces[0].traceAddress", "[0]");

    ArrayNode lostChild = answer.deepCopy();
    lostChild.remove(1);
    assertMalformed(() -> ParityTraceDecoder.decode(number, hash, txs, lostChild), "says subtraces 1 but 0 follow");

    ArrayNode unknownType = answer.deepCopy();
    ((ObjectNode) unknownType.get(1)).put("type", "selfdestruct");
    assertMalformed(() -> ParityTraceDecoder.decode(number, hash, txs, unknownType), "traces[1].type", "selfdestruct");

    ArrayNode badCallType = answer.deepCopy();
    ((ObjectNode) badCallType.get(0).get("action")).put("callType", "jump");
    assertMalformed(() -> ParityTraceDecoder.decode(number, hash, txs, badCallType), "traces[0].action.callType", "jump");

    ArrayNode rewardOfATransaction = answer.deepCopy();
    ((ObjectNode) rewardOfATransaction.get(2)).put("transactionHash", "0x" + TX);
    assertMalformed(
        () -> ParityTraceDecoder.decode(number, hash, txs, rewardOfATransaction), "traces[2].transactionHash");
  }
}
