package org.openbds.ethereum.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openbds.ethereum.codec.EthHostileInputTest.assertMalformed;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/** Geth callTracer answers in the current shape, hand-written for what the recorded mainnet answers lack. */
class GethTraceDecoderTest {
  private static final Hash32 TX0 = Hash32.parse("11".repeat(32));
  private static final Hash32 TX1 = Hash32.parse("22".repeat(32));
  private static final String A = "0x" + "aa".repeat(20);
  private static final String B = "0x" + "bb".repeat(20);
  private static final String C = "0x" + "cc".repeat(20);

  /** tx0: a call that fails after a delegatecall and a create2; tx1: a call with a staticcall and a self-destruct. */
  private static final String ANSWER =
      """
      [
        {"txHash": "0x%4$s", "result": {"type": "CALL", "from": "%1$s", "to": "%2$s", "value": "0x5", "gas": "0x100",
          "gasUsed": "0x100", "input": "0x01", "error": "execution reverted", "output": "0x08c379a0",
          "calls": [
            {"type": "DELEGATECALL", "from": "%2$s", "to": "%3$s", "value": "0x5", "gas": "0x80", "gasUsed": "0x10",
             "input": "0x02", "output": "0x"},
            {"type": "CREATE2", "from": "%2$s", "to": "%3$s", "value": "0x3", "gas": "0x40", "gasUsed": "0x20",
             "input": "0x6080", "output": "0x60", "calls": [
               {"type": "CALL", "from": "%3$s", "to": "%1$s", "value": "0x1", "gas": "0x8", "gasUsed": "0x8",
                "input": "0x"}]}
          ]}},
        {"txHash": "0x%5$s", "result": {"type": "CALL", "from": "%1$s", "to": "%3$s", "value": "0x0", "gas": "0x100",
          "gasUsed": "0x50", "input": "0x", "calls": [
            {"type": "STATICCALL", "from": "%3$s", "to": "%2$s", "gas": "0x20", "gasUsed": "0x2", "input": "0x",
             "output": "0x", "error": "invalid opcode: INVALID"},
            {"type": "SELFDESTRUCT", "from": "%3$s", "to": "%1$s", "value": "0x64", "gas": "0x0", "gasUsed": "0x0",
             "input": "0x"}
          ]}}
      ]
      """
          .formatted(A, B, C, "11".repeat(32), "22".repeat(32));

  @Test
  void flattensDepthFirstWithAddressesAndSubtraces() {
    List<EthTrace> traces = decode(ANSWER);
    assertThat(traces).extracting(EthTrace::traceAddress)
        .containsExactly(List.of(), List.of(0), List.of(1), List.of(1, 0), List.of(), List.of(0), List.of(1));
    assertThat(traces).extracting(EthTrace::subtraces).containsExactly(2, 0, 1, 0, 2, 0, 0);
    assertThat(traces).extracting(t -> t.transactionIndex().orElseThrow()).containsExactly(0, 0, 0, 0, 1, 1, 1);
    assertThat(traces.get(4).transactionHash()).contains(TX1);
  }

  @Test
  void typesAndValues() {
    List<EthTrace> traces = decode(ANSWER);
    assertThat(traces).extracting(EthTrace::traceType)
        .containsExactly("call", "call", "create", "call", "call", "call", "suicide");
    assertThat(traces.get(1).callType()).contains("delegatecall");
    // a delegatecall moves nothing, whatever value the node repeats from the caller
    assertThat(traces.get(1).value()).isZero();
    // the exporter would write trace type "create2"; one name for every creation
    assertThat(traces.get(2).traceType()).isEqualTo("create");
    assertThat(traces.get(2).callType()).isEmpty();
    assertThat(traces.get(2).toAddress()).contains(C);
    assertThat(traces.get(2).value()).isEqualTo(BigInteger.valueOf(3));
    assertThat(traces.get(5).callType()).contains("staticcall");
    assertThat(traces.get(5).value()).isZero();
    EthTrace selfDestruct = traces.get(6);
    assertThat(selfDestruct.fromAddress()).contains(C);
    assertThat(selfDestruct.toAddress()).contains(A);
    assertThat(selfDestruct.value()).isEqualTo(BigInteger.valueOf(100));
    // as in Parity's answers: no gas, input or output on a self-destruct
    assertThat(selfDestruct.gas()).isEmpty();
    assertThat(selfDestruct.input()).isEmpty();
  }

  @Test
  void aFrameWithoutOutputReturnedNothingUnlessItFailed() {
    List<EthTrace> traces = decode(ANSWER);
    // the native callTracer leaves empty output out: 0x, as Parity-style nodes write it
    assertThat(traces.get(3).output()).contains("0x");
    assertThat(traces.get(4).output()).contains("0x");
    assertThat(traces.get(1).output()).contains("0x");
    // a failed frame keeps what the node said: its revert data, or nothing
    assertThat(traces.get(0).output()).contains("0x08c379a0");
    String failedWithoutOutput = ANSWER.replace("\"output\": \"0x\", \"error\": \"invalid opcode: INVALID\"", "\"error\": \"invalid opcode: INVALID\"");
    assertThat(failedWithoutOutput).isNotEqualTo(ANSWER);
    assertThat(decode(failedWithoutOutput).get(5).output()).isEmpty();
    // self-destructs have no output in either style
    assertThat(traces.get(6).output()).isEmpty();
  }

  @Test
  void revertedCoversTheFailedFrameAndAllItsDescendants() {
    List<EthTrace> traces = decode(ANSWER);
    assertThat(traces).extracting(EthTrace::reverted).containsExactly(true, true, true, true, false, true, false);
    assertThat(traces).extracting(t -> t.error().orElse(""))
        .containsExactly("Reverted", "", "", "", "", "Bad instruction", "");
    // the revert data stays: Parity would give none for a failed frame
    assertThat(traces.get(0).output()).contains("0x08c379a0");
  }

  @ParameterizedTest
  @CsvSource({
    "out of gas, Out of gas",
    "contract creation code storage out of gas, Out of gas",
    "execution reverted, Reverted",
    "invalid jump destination, Bad jump destination",
    "invalid opcode: opcode 0xfe not defined, Bad instruction",
    "stack underflow (0 <=> 2), Stack underflow",
    "stack limit reached 1024 (1023), Out of stack",
    "write protection, Mutable Call In Static Context",
    "return data out of bounds, Out of bounds",
    "max call depth exceeded, max call depth exceeded",
    "insufficient balance for transfer, insufficient balance for transfer"
  })
  void gethErrorsInParityWords(String geth, String parity) {
    assertThat(GethTraceDecoder.parityError(geth)).isEqualTo(parity);
  }

  @Test
  void entriesAreMatchedByHashWhateverTheirOrder() {
    JsonNode answer = EtlData.parse(ANSWER);
    JsonNode swapped = EtlData.JSON.createArrayNode().add(answer.get(1)).add(answer.get(0));
    List<EthTrace> traces = GethTraceDecoder.decode(7, List.of(TX0, TX1), swapped);
    assertThat(traces.get(0).transactionIndex()).contains(1);
    assertThat(traces.get(0).transactionHash()).contains(TX1);
    assertThat(traces.get(3).transactionIndex()).contains(0);
  }

  @Test
  void answersThatDoNotMatchTheBlock() {
    assertMalformed(
        () -> GethTraceDecoder.decode(7, List.of(TX0), EtlData.parse(ANSWER)),
        "block 7",
        "2 transaction traces for 1 transactions");
    Hash32 other = Hash32.parse("33".repeat(32));
    assertMalformed(
        () -> GethTraceDecoder.decode(7, List.of(TX0, other), EtlData.parse(ANSWER)), "traces[1].txHash", "0x" + TX1);
    JsonNode twice = EtlData.parse(ANSWER.replace("22".repeat(32), "11".repeat(32)));
    assertMalformed(() -> GethTraceDecoder.decode(7, List.of(TX0, TX1), twice), "traces[1].txHash", "second trace");
    JsonNode unknownType = EtlData.parse(ANSWER.replace("\"CREATE2\"", "\"CREATE3\""));
    assertMalformed(
        () -> GethTraceDecoder.decode(7, List.of(TX0, TX1), unknownType), "traces[0].result.calls[1].type", "CREATE3");
    JsonNode noValue = EtlData.parse(ANSWER.replace("\"value\": \"0x5\", \"gas\": \"0x100\"", "\"gas\": \"0x100\""));
    assertMalformed(() -> GethTraceDecoder.decode(7, List.of(TX0, TX1), noValue), "traces[0].result.value", "missing");
  }

  @Test
  void aTransactionTheNodeCouldNotTraceIsANodeError() {
    JsonNode answer =
        EtlData.parse(
            "[{\"txHash\": \"0x%s\", \"error\": \"execution timeout\"}]".formatted("11".repeat(32)));
    assertThatThrownBy(() -> GethTraceDecoder.decode(7, List.of(TX0), answer))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_ERROR))
        .hasMessageContaining("block 7")
        .hasMessageContaining("execution timeout");
  }

  private static List<EthTrace> decode(String answer) {
    return GethTraceDecoder.decode(7, List.of(TX0, TX1), EtlData.parse(answer));
  }
}
