package org.openbds.ethereum.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openbds.api.Hash32;

/**
 * Parity-style traces decoded from ethereum-etl's recorded {@code trace_block} answers against the exporter's
 * {@code expected_traces.csv}, every column including {@code status} and {@code trace_id}. The one deliberate
 * difference (a callcode's value) is asserted as ours and listed in docs/ethereum-conformance.md.
 */
class ParityTraceConformanceTest {
  @ParameterizedTest
  @ValueSource(strings = {"block_with_create", "block_with_error", "block_with_subtraces", "block_with_suicide"})
  void parityTracesGiveTheExportersRows(String name) {
    long number = TraceCases.parityBlockNumber(name);
    List<Map<String, String>> ours = EtlRows.traces(number, TraceCases.parityTraces(name));
    List<Map<String, String>> expected = TraceCases.expected(TraceCases.PARITY_JOB, name);
    assertThat(ours).hasSize(expected.size()).hasSizeGreaterThan(2);
    for (int i = 0; i < expected.size(); i++) {
      List<String> differences = EtlRows.differences(expected.get(i), ours.get(i), Set.of());
      if (name.equals("block_with_subtraces") && i == 1) {
        // a callcode runs another account's code in the caller's context: its value goes from the caller to itself
        assertThat(differences).containsExactly("value: exporter '100000000000000000000', ours '0'");
      } else {
        assertThat(differences).as("%s row %d", name, i).isEmpty();
      }
    }
  }

  @Test
  void emptyBlock() {
    JsonNode answer = TraceCases.parityAnswer("block_without_transactions");
    // block 0 (genesis): its hash from the recorded eth_getBlockByNumber answer of the blocks job
    Hash32 genesis =
        EthBlockDecoder.decode(
                EtlData.result(
                    EtlData.answer(
                        EtlData.caseDir("test_export_blocks_job", "block_without_transactions"),
                        "eth_getBlockByNumber")))
            .hash();
    assertThat(ParityTraceDecoder.decode(0, genesis, List.of(), answer)).isEmpty();
    assertThat(TraceCases.expected(TraceCases.PARITY_JOB, "block_without_transactions")).isEmpty();
  }

  @Test
  void traceValues() {
    List<EthTrace> create = TraceCases.parityTraces("block_with_create");
    EthTrace transfer = create.get(0);
    assertThat(transfer.value()).isEqualTo(new BigInteger("64655529900000002048"));
    assertThat(transfer.callType()).contains("call");
    EthTrace creation = create.get(1);
    assertThat(creation.traceType()).isEqualTo("create");
    assertThat(creation.toAddress()).contains("0xa7e3cf952ea8d9438a26ee346c295f1ada328ae1");
    assertThat(creation.gasUsed()).contains(BigInteger.valueOf(160_631));
    EthTrace reward = create.get(2);
    assertThat(reward.transactionHash()).isEmpty();
    assertThat(reward.rewardType()).contains("block");
    assertThat(reward.value()).isEqualTo(new BigInteger("5000000000000000000"));

    EthTrace failed = TraceCases.parityTraces("block_with_error").get(0);
    assertThat(failed.error()).contains("Out of gas");
    assertThat(failed.reverted()).isTrue();
    assertThat(failed.gasUsed()).isEmpty();

    EthTrace selfDestruct = TraceCases.parityTraces("block_with_suicide").get(1);
    assertThat(selfDestruct.traceType()).isEqualTo("suicide");
    assertThat(selfDestruct.fromAddress()).contains("0x474faa5018639791952fae334e2911700ac7fe9b");
    assertThat(selfDestruct.toAddress()).contains("0x83973747eec131bf9a08ac64fb1a518e891bdf4b");
    assertThat(selfDestruct.value()).isEqualTo(new BigInteger("50000000000000000"));
    assertThat(selfDestruct.traceAddress()).containsExactly(0);
  }
}
