package org.openbds.ethereum.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The payload a source stores per block: written from the node's raw answers (block 483920 and its receipts as
 * recorded; traces in both styles built from that block's transactions), read back into the same bundle as decoding
 * the parts directly, and refused with {@link ErrorCode#MALFORMED_BLOCK} naming its origin when damaged.
 */
class EthPayloadTest {
  private static final String ORIGIN = "eth block 483920";

  @Test
  void withoutTraces() throws Exception {
    byte[] payload = EthPayload.encode(block(), receipts(), TraceStyle.NONE, null);
    JsonNode written = EtlData.JSON.readTree(payload);
    assertThat(written.get("traceStyle").asText()).isEqualTo("none");
    assertThat(written.get("traces").isNull()).isTrue();
    assertThat(written.get("block")).isEqualTo(block());

    EthBlockBundle bundle = EthPayload.decode(payload, ORIGIN);
    EthBlock block = EthBlockDecoder.decode(block());
    assertThat(bundle.block()).isEqualTo(block);
    assertThat(bundle.receipts()).isEqualTo(EthReceiptDecoder.decode(block, receipts())).hasSize(4);
    assertThat(bundle.traces()).isEmpty();
  }

  @Test
  void withParityTraces() {
    EthBlockBundle bundle =
        EthPayload.decode(EthPayload.encode(block(), receipts(), TraceStyle.PARITY, parityTraces()), ORIGIN);
    List<EthTrace> traces = bundle.traces().orElseThrow();
    assertThat(traces).hasSize(5);
    assertThat(traces.get(4).traceType()).isEqualTo("reward");
    assertThat(traces.get(3).transactionHash()).contains(bundle.block().transactions().get(3).hash());
  }

  @Test
  void withGethTracesTheSameCalls() {
    EthBlockBundle parity =
        EthPayload.decode(EthPayload.encode(block(), receipts(), TraceStyle.PARITY, parityTraces()), ORIGIN);
    EthBlockBundle geth =
        EthPayload.decode(EthPayload.encode(block(), receipts(), TraceStyle.GETH, gethTraces()), ORIGIN);
    assertThat(geth.traces().orElseThrow()).isEqualTo(parity.traces().orElseThrow().subList(0, 4));
  }

  @Test
  void decodingOnSeveralThreadsGivesOneResult() throws Exception {
    byte[] payload = EthPayload.encode(block(), receipts(), TraceStyle.PARITY, parityTraces());
    EthBlockBundle expected = EthPayload.decode(payload, ORIGIN);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<EthBlockBundle>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(pool.submit(() -> EthPayload.decode(payload, ORIGIN)));
      }
      for (Future<EthBlockBundle> result : results) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void garbageOrTruncatedPayload() {
    assertMalformedBlock(() -> EthPayload.decode("garbage \u0000\u0001".getBytes(UTF_8), ORIGIN), "not a JSON payload");
    byte[] payload = EthPayload.encode(block(), receipts(), TraceStyle.NONE, null);
    byte[] truncated = Arrays.copyOf(payload, payload.length / 2);
    assertMalformedBlock(() -> EthPayload.decode(truncated, ORIGIN), "not a JSON payload");
    assertMalformedBlock(() -> EthPayload.decode(new byte[0], ORIGIN), "not a JSON object");
    assertMalformedBlock(() -> EthPayload.decode("[1, 2]".getBytes(UTF_8), ORIGIN), "not a JSON object");
    byte[] trailing = (new String(payload, UTF_8) + " {}").getBytes(UTF_8);
    assertMalformedBlock(() -> EthPayload.decode(trailing, ORIGIN), "not a JSON payload");
  }

  @Test
  void payloadWithoutItsParts() {
    assertMalformedBlock(
        () -> EthPayload.decode("{\"traceStyle\": \"none\", \"traces\": null}".getBytes(UTF_8), ORIGIN),
        "no \"block\"");
    assertMalformedBlock(() -> EthPayload.decode(withStyle("erigon", null), ORIGIN), "traceStyle", "erigon");
    assertMalformedBlock(() -> EthPayload.decode(withStyle("parity", null), ORIGIN), "parity without traces");
    assertMalformedBlock(() -> EthPayload.decode(withStyle("none", parityTraces()), ORIGIN), "none with traces");
    String duplicated = "{\"block\": {}, \"block\": {}, \"receipts\": [], \"traceStyle\": \"none\", \"traces\": null}";
    assertMalformedBlock(() -> EthPayload.decode(duplicated.getBytes(UTF_8), ORIGIN), "Duplicate field 'block'");
  }

  @Test
  void damagedAnswerInsideThePayload() {
    ObjectNode block = block();
    block.put("gasUsed", "0x23x5a");
    byte[] payload = EthPayload.encode(block, receipts(), TraceStyle.NONE, null);
    assertMalformedBlock(() -> EthPayload.decode(payload, ORIGIN), "block 483920", "block.gasUsed", "0x23x5a");
    ArrayNode threeReceipts = receipts();
    threeReceipts.remove(0);
    byte[] short1 = EthPayload.encode(block(), threeReceipts, TraceStyle.NONE, null);
    assertMalformedBlock(() -> EthPayload.decode(short1, ORIGIN), "3 receipts for 4 transactions");
  }

  @Test
  void answersKnownAsBytesAreCopiedAsTheNodeSentThem() throws Exception {
    // each answer pretty-printed inside a larger array, as a slice of a batch answer would be
    byte[] fromTrees = EthPayload.encode(block(), receipts(), TraceStyle.PARITY, parityTraces());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EthPayload.writeOpen(out, sliced(block()), sliced(receipts()), TraceStyle.PARITY, sliced(parityTraces()));
    out.write('}');
    byte[] fromBytes = out.toByteArray();
    assertThat(new String(fromBytes, UTF_8)).contains("\n");
    assertThat(EtlData.JSON.readTree(fromBytes)).isEqualTo(EtlData.JSON.readTree(fromTrees));
    assertThat(EthPayload.decode(fromBytes, ORIGIN)).isEqualTo(EthPayload.decode(fromTrees, ORIGIN));

    ByteArrayOutputStream none = new ByteArrayOutputStream();
    EthPayload.writeOpen(none, sliced(block()), EthPayload.Part.of(receipts()), TraceStyle.NONE, EthPayload.Part.of(null));
    none.write('}');
    assertThat(EtlData.JSON.readTree(none.toByteArray())).isEqualTo(EtlData.JSON.readTree(EthPayload.encode(block(), receipts(), TraceStyle.NONE, null)));
    assertInvalid(() -> EthPayload.writeOpen(new ByteArrayOutputStream(), sliced(receipts()), sliced(receipts()), TraceStyle.NONE, EthPayload.Part.of(null)));
  }

  private static EthPayload.Part sliced(JsonNode tree) throws Exception {
    byte[] value = EtlData.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
    byte[] around = new byte[value.length + 20];
    Arrays.fill(around, (byte) '#');
    System.arraycopy(value, 0, around, 7, value.length);
    return new EthPayload.Part(tree, Optional.of(JsonBytes.of(around, 7, value.length)));
  }

  @Test
  void encodingRefusesPartsOfTheWrongShape() {
    assertInvalid(() -> EthPayload.encode(receipts(), receipts(), TraceStyle.NONE, null));
    assertInvalid(() -> EthPayload.encode(block(), block(), TraceStyle.NONE, null));
    assertInvalid(() -> EthPayload.encode(block(), receipts(), TraceStyle.GETH, null));
    assertInvalid(() -> EthPayload.encode(block(), receipts(), TraceStyle.NONE, parityTraces()));
  }

  private static byte[] withStyle(String style, JsonNode traces) {
    ObjectNode root = EtlData.JSON.createObjectNode();
    root.set("block", block());
    root.set("receipts", receipts());
    root.put("traceStyle", style);
    root.set("traces", traces);
    return root.toString().getBytes(UTF_8);
  }

  private static void assertMalformedBlock(ThrowingCallable call, String... fragments) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BLOCK))
        .message()
        .startsWith(ORIGIN + ": ")
        .contains(fragments);
  }

  private static void assertInvalid(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  private static ObjectNode block() {
    Path dir = EtlData.caseDir("test_export_blocks_job", "block_with_logs");
    return (ObjectNode) EtlData.result(EtlData.answer(dir, "eth_getBlockByNumber")).deepCopy();
  }

  private static ArrayNode receipts() {
    Path dir = EtlData.caseDir("test_export_receipts_job", "receipts_with_logs");
    return EthReceiptConformanceTest.receiptsInBlockOrder(dir, EthBlockDecoder.decode(block()));
  }

  /** A trace_block answer for block 483920: each transaction one call (gas used from its receipt), and the reward. */
  private static ArrayNode parityTraces() {
    ArrayNode out = EtlData.JSON.createArrayNode();
    JsonNode block = block();
    for (int i = 0; i < block.get("transactions").size(); i++) {
      JsonNode tx = block.get("transactions").get(i);
      ObjectNode trace = out.addObject();
      ObjectNode action = trace.putObject("action");
      action.put("callType", "call");
      for (String field : List.of("from", "to", "gas", "input", "value")) {
        action.set(field, tx.get(field));
      }
      trace.putObject("result").put("gasUsed", receipts().get(i).get("gasUsed").asText()).put("output", "0x");
      trace.put("subtraces", 0).putArray("traceAddress");
      trace.set("transactionHash", tx.get("hash"));
      trace.put("transactionPosition", i).put("type", "call").put("blockNumber", 483920);
      trace.set("blockHash", block.get("hash"));
    }
    ObjectNode reward = out.addObject();
    reward.putObject("action").put("author", block.get("miner").asText()).put("rewardType", "block")
        .put("value", "0x4563918244f40000");
    reward.put("subtraces", 0).put("type", "reward").putArray("traceAddress");
    reward.putNull("transactionHash");
    reward.putNull("transactionPosition");
    return out;
  }

  /** The same calls as Geth's callTracer answers them. */
  private static ArrayNode gethTraces() {
    ArrayNode out = EtlData.JSON.createArrayNode();
    JsonNode block = block();
    for (int i = 0; i < block.get("transactions").size(); i++) {
      JsonNode tx = block.get("transactions").get(i);
      ObjectNode entry = out.addObject();
      entry.set("txHash", tx.get("hash"));
      ObjectNode result = entry.putObject("result");
      result.put("type", "CALL");
      for (String field : List.of("from", "to", "gas", "input", "value")) {
        result.set(field, tx.get(field));
      }
      result.put("gasUsed", receipts().get(i).get("gasUsed").asText()).put("output", "0x");
    }
    return out;
  }
}
