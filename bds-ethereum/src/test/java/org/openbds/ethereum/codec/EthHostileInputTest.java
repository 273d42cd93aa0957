package org.openbds.ethereum.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Damaged and inconsistent node answers, made from the recorded block 483920 and its receipts: each must fail with
 * {@link ErrorCode#MALFORMED_RESPONSE} and a message naming the block, the field and the bad value.
 */
class EthHostileInputTest {
  @Test
  void badHexDigit() {
    ObjectNode block = block();
    tx(block, 2).put("gasPrice", "0xba43b74zz");
    assertMalformed(
        () -> EthBlockDecoder.decode(block), "block 483920", "transactions[2].gasPrice", "'z'", "\"0xba43b74zz\"");
  }

  @Test
  void digitOfAnotherScript() {
    ObjectNode block = block();
    block.put("gasUsed", "0x2315\u0661"); // ARABIC-INDIC DIGIT ONE: Character.digit would read it as 1
    assertMalformed(() -> EthBlockDecoder.decode(block), "block 483920", "gasUsed", "bad hex digit");
  }

  @Test
  void quantityTooLargeForLongIsNotClamped() {
    ObjectNode block = block();
    block.put("gasLimit", "0x8000000000000000");
    assertMalformed(
        () -> EthBlockDecoder.decode(block), "block 483920", "gasLimit", "9223372036854775808", "does not fit");
    ObjectNode numeric = block();
    tx(numeric, 0).put("gas", new BigInteger("18446744073709551616"));
    assertMalformed(() -> EthBlockDecoder.decode(numeric), "transactions[0].gas", "18446744073709551616");
  }

  @Test
  void largestLongStillFits() {
    ObjectNode block = block();
    block.put("gasLimit", "0x7fffffffffffffff");
    assertThat(EthBlockDecoder.decode(block).gasLimit()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void badNumbersAndShapes() {
    ObjectNode negative = block();
    negative.put("timestamp", -1);
    assertMalformed(() -> EthBlockDecoder.decode(negative), "timestamp", "negative");
    ObjectNode fraction = block();
    fraction.put("size", 1.5);
    assertMalformed(() -> EthBlockDecoder.decode(fraction), "size", "1.5");
    ObjectNode empty = block();
    empty.put("size", "0x");
    assertMalformed(() -> EthBlockDecoder.decode(empty), "size", "empty quantity");
    ObjectNode noPrefix = block();
    noPrefix.put("size", "459");
    assertMalformed(() -> EthBlockDecoder.decode(noPrefix), "size", "\"459\"");
    ObjectNode wrongType = block();
    wrongType.put("gasUsed", true);
    assertMalformed(() -> EthBlockDecoder.decode(wrongType), "gasUsed", "expected a 0x hex quantity", "true");
    ObjectNode oddData = block();
    oddData.put("extraData", "0xd78");
    assertMalformed(() -> EthBlockDecoder.decode(oddData), "extraData", "odd number of hex digits");
    ObjectNode shortAddress = block();
    tx(shortAddress, 1).put("to", "0xf4eced2f682ce333f96f2d8966c613ded8fc95");
    assertMalformed(() -> EthBlockDecoder.decode(shortAddress), "transactions[1].to", "expected 20 bytes");
    ObjectNode shortHash = block();
    shortHash.put("parentHash", "0x2610dc");
    assertMalformed(() -> EthBlockDecoder.decode(shortHash), "parentHash", "expected 32 bytes", "0x2610dc");
  }

  @Test
  void missingOrNullRequiredField() {
    ObjectNode missing = block();
    missing.remove("stateRoot");
    assertMalformed(() -> EthBlockDecoder.decode(missing), "block 483920", "stateRoot", "missing");
    ObjectNode nullFrom = block();
    tx(nullFrom, 3).putNull("from");
    assertMalformed(() -> EthBlockDecoder.decode(nullFrom), "transactions[3].from", "null");
    ObjectNode noNumber = block();
    noNumber.remove("number");
    assertMalformed(() -> EthBlockDecoder.decode(noNumber), "block ?", "number", "missing");
  }

  @Test
  void transactionsAsHashesOnly() {
    ObjectNode block = block();
    ArrayNode hashes = EtlData.JSON.createArrayNode();
    block.get("transactions").forEach(t -> hashes.add(t.get("hash").asText()));
    block.set("transactions", hashes);
    assertMalformed(() -> EthBlockDecoder.decode(block), "transactions", "eth_getBlockByNumber(n, true)");
  }

  @Test
  void transactionOutOfPlace() {
    ObjectNode wrongIndex = block();
    tx(wrongIndex, 1).put("transactionIndex", "0x2");
    assertMalformed(() -> EthBlockDecoder.decode(wrongIndex), "transactions[1].transactionIndex", "is 2");
    ObjectNode foreign = block();
    tx(foreign, 0).put("blockNumber", "0x76251");
    assertMalformed(() -> EthBlockDecoder.decode(foreign), "transactions[0].blockNumber", "483921");
  }

  @Test
  void receiptCountMismatch() {
    EthBlock block = EthBlockDecoder.decode(block());
    ArrayNode receipts = receipts(block);
    receipts.remove(3);
    assertMalformed(() -> EthReceiptDecoder.decode(block, receipts), "block 483920", "3 receipts for 4 transactions");
  }

  @Test
  void receiptsOutOfOrder() {
    EthBlock block = EthBlockDecoder.decode(block());
    ArrayNode receipts = receipts(block);
    JsonNode first = receipts.remove(0);
    receipts.insert(1, first);
    assertMalformed(
        () -> EthReceiptDecoder.decode(block, receipts),
        "receipts[0].transactionHash",
        "0xcea6f89720cc1d2f46cc7a935463ae0b99dd5fad9c91bb7357de5421511cee49");
  }

  @Test
  void receiptOfAnotherBlock() {
    EthBlock block = EthBlockDecoder.decode(block());
    ArrayNode receipts = receipts(block);
    ((ObjectNode) receipts.get(2)).put("blockHash", "0x" + "00".repeat(32));
    assertMalformed(() -> EthReceiptDecoder.decode(block, receipts), "receipts[2].blockHash", "not the block's hash");
  }

  @Test
  void logOfAnotherTransaction() {
    EthBlock block = EthBlockDecoder.decode(block());
    ArrayNode receipts = receipts(block);
    ((ObjectNode) receipts.get(1).get("logs").get(0))
        .put("transactionHash", "0x04cbcb236043d8fb7839e07bbc7f5eed692fb2ca55d897f1101eac3e3ad4fab8");
    assertMalformed(
        () -> EthReceiptDecoder.decode(block, receipts),
        "receipts[1].logs[0].transactionHash",
        "0x04cbcb236043d8fb7839e07bbc7f5eed692fb2ca55d897f1101eac3e3ad4fab8");
  }

  @Test
  void removedLogOrRepeatedLogIndex() {
    EthBlock block = EthBlockDecoder.decode(block());
    ArrayNode removed = receipts(block);
    ((ObjectNode) removed.get(0).get("logs").get(0)).put("removed", true);
    assertMalformed(() -> EthReceiptDecoder.decode(block, removed), "receipts[0].logs[0].removed", "reorganized");
    ArrayNode repeated = receipts(block);
    ((ObjectNode) repeated.get(1).get("logs").get(0)).put("logIndex", "0x0");
    assertMalformed(() -> EthReceiptDecoder.decode(block, repeated), "receipts[1].logs[0].logIndex", "is 0");
  }

  @Test
  void moreThanFourTopics() {
    EthBlock block = EthBlockDecoder.decode(block());
    ArrayNode receipts = receipts(block);
    ArrayNode topics = (ArrayNode) receipts.get(0).get("logs").get(0).get("topics");
    topics.add(topics.get(0)).add(topics.get(1));
    assertMalformed(() -> EthReceiptDecoder.decode(block, receipts), "receipts[0].logs[0].topics", "5 topics");
  }

  @Test
  void statusOtherThanZeroOrOne() {
    EthBlock block = EthBlockDecoder.decode(block());
    ArrayNode receipts = receipts(block);
    ((ObjectNode) receipts.get(0)).put("status", "0x2");
    assertMalformed(() -> EthReceiptDecoder.decode(block, receipts), "receipts[0].status", "is 2");
  }

  static void assertMalformed(ThrowingCallable call, String... fragments) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_RESPONSE))
        .message()
        .contains(fragments);
  }

  private static ObjectNode block() {
    Path dir = EtlData.caseDir("test_export_blocks_job", "block_with_logs");
    return (ObjectNode) EtlData.result(EtlData.answer(dir, "eth_getBlockByNumber")).deepCopy();
  }

  private static ObjectNode tx(ObjectNode block, int index) {
    return (ObjectNode) block.get("transactions").get(index);
  }

  private static ArrayNode receipts(EthBlock block) {
    Path dir = EtlData.caseDir("test_export_receipts_job", "receipts_with_logs");
    return EthReceiptConformanceTest.receiptsInBlockOrder(dir, block).deepCopy();
  }
}
