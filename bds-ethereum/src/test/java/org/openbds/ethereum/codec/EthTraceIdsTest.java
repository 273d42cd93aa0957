package org.openbds.ethereum.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openbds.api.Hash32;

/**
 * ethereum-etl's trace ids. The recorded blocks have one reward each, so the numbering of several traces of no
 * transaction is pinned here: per trace type, ordered by reward type, from, to and value.
 */
class EthTraceIdsTest {
  private static final Hash32 TX = Hash32.parse("2c3cfb8d7f3039fcad64bd231beb0229af55f9114d74aef12a6f228ad1dac100");

  @Test
  void transactionTracesByTypeHashAndAddress() {
    List<String> ids =
        EthTraceIds.of(1000690, List.of(call(List.of()), call(List.of(0)), call(List.of(1, 0, 2))));
    assertThat(ids)
        .containsExactly(
            "call_0x2c3cfb8d7f3039fcad64bd231beb0229af55f9114d74aef12a6f228ad1dac100_",
            "call_0x2c3cfb8d7f3039fcad64bd231beb0229af55f9114d74aef12a6f228ad1dac100_0",
            "call_0x2c3cfb8d7f3039fcad64bd231beb0229af55f9114d74aef12a6f228ad1dac100_1_0_2");
  }

  @Test
  void rewardsNumberedInTheExportersOrder() {
    String miner = "0x" + "bb".repeat(20);
    String uncleMiner1 = "0x" + "cc".repeat(20);
    String uncleMiner2 = "0x" + "aa".repeat(20);
    List<EthTrace> traces =
        List.of(
            call(List.of()),
            reward("uncle", uncleMiner1, 3_750_000_000_000_000_000L),
            reward("uncle", uncleMiner2, 4_375_000_000_000_000_000L),
            reward("block", miner, 5_156_250_000_000_000_000L));
    assertThat(EthTraceIds.of(5_000_000, traces))
        .containsExactly(
            "call_0x2c3cfb8d7f3039fcad64bd231beb0229af55f9114d74aef12a6f228ad1dac100_",
            "reward_5000000_2",
            "reward_5000000_1",
            "reward_5000000_0");
  }

  @Test
  void recordedTraceIds() {
    List<EthTrace> traces = TraceCases.parityTraces("block_with_subtraces");
    assertThat(EthTraceIds.of(1_000_000, traces))
        .containsExactly(
            "call_0xea1093d492a1dcb1bef708f771a99a96ff05dcab81ca76c31940300177fcf49f_",
            "call_0xea1093d492a1dcb1bef708f771a99a96ff05dcab81ca76c31940300177fcf49f_0",
            "call_0xe9e91f1ee4b56c0df2e9f06c2b8c27c6076195a88a7b8537ba8313d80e6f124e_",
            "reward_1000000_0");
  }

  private static EthTrace call(List<Integer> traceAddress) {
    return new EthTrace(
        Optional.of(TX),
        Optional.of(0),
        "call",
        Optional.of("call"),
        Optional.empty(),
        Optional.of("0x" + "11".repeat(20)),
        Optional.of("0x" + "22".repeat(20)),
        BigInteger.ONE,
        Optional.of("0x"),
        Optional.of("0x"),
        Optional.of(BigInteger.TEN),
        Optional.of(BigInteger.TEN),
        0,
        traceAddress,
        Optional.empty(),
        false);
  }

  private static EthTrace reward(String type, String author, long wei) {
    return new EthTrace(
        Optional.empty(),
        Optional.empty(),
        "reward",
        Optional.empty(),
        Optional.of(type),
        Optional.empty(),
        Optional.of(author),
        BigInteger.valueOf(wei),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0,
        List.of(),
        Optional.empty(),
        false);
  }
}
