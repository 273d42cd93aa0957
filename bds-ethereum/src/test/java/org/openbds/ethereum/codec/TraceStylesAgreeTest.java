package org.openbds.ethereum.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same mainnet blocks traced by a Parity-style node and by Geth normalize to the same {@link EthTrace} values,
 * every field compared, except where the recorded answers themselves say different things (listed here and in
 * docs/ethereum-conformance.md). Parity's block rewards have no Geth counterpart and are left out.
 */
class TraceStylesAgreeTest {
  @ParameterizedTest
  @ValueSource(strings = {"block_with_create", "block_with_error", "block_with_subtraces", "block_with_suicide"})
  void bothStylesGiveTheSameTraces(String name) {
    List<EthTrace> parity =
        TraceCases.parityTraces(name).stream().filter(t -> !t.traceType().equals("reward")).toList();
    JsonNode geth =
        name.equals("block_with_suicide")
            ? GethTraceConformanceTest.currentTracerSuicideAnswer()
            : TraceCases.gethAnswer(name);
    List<EthTrace> fromGeth = TraceCases.gethTraces(name, geth);
    assertThat(fromGeth).hasSize(parity.size()).isNotEmpty();

    List<String> differences = new ArrayList<>();
    for (int i = 0; i < parity.size(); i++) {
      differences.addAll(differences(i, parity.get(i), fromGeth.get(i)));
    }
    switch (name) {
      case "block_with_error" ->
          // Parity writes no result for a failed frame; Geth reports the gas it used (all of it: here 0)
          assertThat(differences).containsExactly("0.gasUsed: parity Optional.empty, geth Optional[0]");
      case "block_with_subtraces" ->
          // the callcode frame: this (2016) Parity answer names the caller as destination and returns nothing;
          // Geth names the account whose code ran and returns its 32-byte output
          assertThat(differences)
              .containsExactly(
                  "1.toAddress: parity Optional[0xc083e9947cf02b8ffc7d3090ae9aea72df98fd47],"
                      + " geth Optional[0x273930d21e01ee25e4c219b63259d214872220a2]",
                  "1.output: parity Optional[0x], geth"
                      + " Optional[0x0000000000000000000000000000000000000000000000000000000000000000]");
      default -> assertThat(differences).isEmpty();
    }
  }

  private static List<String> differences(int row, EthTrace parity, EthTrace geth) {
    List<String> out = new ArrayList<>();
    for (RecordComponent c : EthTrace.class.getRecordComponents()) {
      Object p = value(c, parity);
      Object g = value(c, geth);
      if (!Objects.equals(p, g)) {
        out.add(row + "." + c.getName() + ": parity " + p + ", geth " + g);
      }
    }
    return out;
  }

  private static Object value(RecordComponent c, EthTrace trace) {
    try {
      return c.getAccessor().invoke(trace);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(e);
    }
  }
}
