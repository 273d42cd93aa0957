package org.openbds.ethereum.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openbds.api.Hash32;

/**
 * The recorded trace answers of ethereum-etl's trace jobs. The same five blocks were traced both ways:
 * {@code test_export_traces_job} holds {@code trace_block} (Parity) answers, {@code test_extract_geth_traces_job}
 * {@code debug_traceBlockByNumber} (Geth callTracer) answers. The block's transaction hashes, which a Geth answer of
 * that era does not carry, come from the Parity answer of the same block.
 */
final class TraceCases {
  static final String PARITY_JOB = "test_export_traces_job";
  static final String GETH_JOB = "test_extract_geth_traces_job";

  /** The cases with transactions, traced both ways. */
  static final List<String> BOTH_STYLES =
      List.of("block_with_create", "block_with_error", "block_with_subtraces", "block_with_suicide");

  private TraceCases() {}

  static JsonNode parityAnswer(String name) {
    return EtlData.result(EtlData.answer(EtlData.caseDir(PARITY_JOB, name), "trace_block"));
  }

  static JsonNode gethAnswer(String name) {
    return EtlData.result(EtlData.answer(EtlData.caseDir(GETH_JOB, name), "debug_traceBlockByNumber"));
  }

  /** The block number in the name of the recorded answer ({@code …_0xf44f2…json}). */
  static long blockNumber(Path answer) {
    String name = answer.getFileName().toString();
    int start = name.indexOf("_0x") + 3;
    int end = start;
    while (end < name.length() && Character.digit(name.charAt(end), 16) >= 0) {
      end++;
    }
    return Long.parseLong(name.substring(start, end), 16);
  }

  static long parityBlockNumber(String name) {
    return blockNumber(EtlData.answer(EtlData.caseDir(PARITY_JOB, name), "trace_block"));
  }

  static long gethBlockNumber(String name) {
    return blockNumber(EtlData.answer(EtlData.caseDir(GETH_JOB, name), "debug_traceBlockByNumber"));
  }

  /** The block hash every trace of a non-empty Parity answer carries. */
  static Hash32 blockHash(JsonNode parityAnswer) {
    return Hash32.parse(parityAnswer.get(0).get("blockHash").asText().substring(2));
  }

  static List<EthTrace> parityTraces(String name) {
    JsonNode answer = parityAnswer(name);
    return ParityTraceDecoder.decode(
        parityBlockNumber(name), blockHash(answer), EtlData.transactionHashesOf(answer), answer);
  }

  static List<EthTrace> gethTraces(String name, JsonNode gethAnswer) {
    return GethTraceDecoder.decode(
        gethBlockNumber(name), EtlData.transactionHashesOf(parityAnswer(name)), gethAnswer);
  }

  static List<Map<String, String>> expected(String job, String name) {
    return EtlCsv.read(EtlData.caseDir(job, name).resolve("expected_traces.csv"));
  }
}
