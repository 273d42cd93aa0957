package org.openbds.xrp.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.xrp.binary.XrplAmountCodecTest.assertRejected;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class XrplBinaryCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final XrplBinaryCodec CODEC = XrplBinaryCodec.standard();

  @Test
  void fieldsAreWrittenByTypeCodeThenFieldCodeWhateverTheJsonOrder() {
    // Sequence (UInt32 4), Flags (UInt32 2), TransactionType (UInt16 2): written as 12, 22, 24.
    assertThat(transaction("{\"Sequence\":1,\"Flags\":0,\"TransactionType\":\"Payment\"}"))
        .isEqualTo("120000" + "2200000000" + "2400000001");
  }

  @Test
  void fieldIdsTakeOneTwoOrThreeBytes() {
    assertThat(id("Account")).isEqualTo("81"); // AccountID 8, field 1
    assertThat(id("TransactionResult")).isEqualTo("0310"); // UInt8 16, field 3
    assertThat(id("Version")).isEqualTo("1010"); // UInt16 1, field 16
    assertThat(id("TickSize")).isEqualTo("001010"); // UInt8 16, field 16
  }

  @Test
  void lengthPrefixesTakeOneTwoOrThreeBytes() {
    assertThat(HEX.formatHex(XrplBinaryCodec.lengthPrefix(0))).isEqualTo("00");
    assertThat(HEX.formatHex(XrplBinaryCodec.lengthPrefix(192))).isEqualTo("C0");
    assertThat(HEX.formatHex(XrplBinaryCodec.lengthPrefix(193))).isEqualTo("C100");
    assertThat(HEX.formatHex(XrplBinaryCodec.lengthPrefix(12_480))).isEqualTo("F0FF");
    assertThat(HEX.formatHex(XrplBinaryCodec.lengthPrefix(12_481))).isEqualTo("F10000");
    assertThat(HEX.formatHex(XrplBinaryCodec.lengthPrefix(918_744))).isEqualTo("FED417");
  }

  @Test
  void arraysAndInnerObjectsCarryEndMarkers() {
    // Memos (STArray 9) > Memo (STObject 10) > MemoData (Blob 13, length-prefixed), then E1 and F1.
    assertThat(transaction("{\"Memos\":[{\"Memo\":{\"MemoData\":\"AB\"}}]}")).isEqualTo("F9EA7D01ABE1F1");
  }

  @Test
  void metadataResultIsWrittenByCodeAndApiKeysAreLeftOut() {
    String meta =
        "{\"AffectedNodes\":[],\"TransactionResult\":\"tecPATH_PARTIAL\",\"TransactionIndex\":3,"
            + "\"delivered_amount\":\"5\"}";
    assertThat(HEX.formatHex(CODEC.serializeMetadata(json(meta)))).isEqualTo("201C00000003" + "F8F1" + "031065");
  }

  @Test
  void serverAnnotationsAreNotSerialized() {
    String tx =
        "{\"Flags\":0,\"hash\":\"00\",\"ledger_index\":5,\"date\":1,\"inLedger\":5,\"validated\":true,"
            + "\"ctid\":\"C000\",\"meta\":{},\"metaData\":{},\"owner_funds\":\"1\"}";
    assertThat(transaction(tx)).isEqualTo("2200000000");
  }

  @Test
  void deliverMaxStandsForAnAbsentAmount() {
    assertThat(transaction("{\"DeliverMax\":\"5\"}")).isEqualTo("614000000000000005");
    assertThat(transaction("{\"DeliverMax\":\"5\",\"Amount\":\"6\"}")).isEqualTo("614000000000000006");
  }

  @Test
  void uint64IsHexWithOrWithoutPadding() {
    assertThat(transaction("{\"OwnerNode\":\"1F\"}")).isEqualTo("34000000000000001F");
    assertThat(transaction("{\"OwnerNode\":\"000000000000001F\"}")).isEqualTo("34000000000000001F");
  }

  @Test
  void pathSetsWriteStepTypesAndBoundaries() {
    String paths =
        "{\"Paths\":[[{\"currency\":\"XRP\",\"type\":16}],"
            + "[{\"account\":\"rrrrrrrrrrrrrrrrrrrrrhoLvTp\",\"type\":1,\"type_hex\":\"01\"}]]}";
    assertThat(transaction(paths)).isEqualTo("0112" + "10" + "00".repeat(20) + "FF" + "01" + "00".repeat(20) + "00");
  }

  @Test
  void unknownFieldsAreNamed() {
    assertRejected(() -> CODEC.serializeTransaction(json("{\"Flags\":0,\"Bogus\":1}")), "Bogus");
    assertRejected(
        () -> CODEC.serializeMetadata(json("{\"AffectedNodes\":[{\"ModifiedNode\":{\"Nope\":1}}]}")),
        "meta.AffectedNodes[0].ModifiedNode.Nope");
  }

  @Test
  void unknownTransactionTypeAndWrongValuesAreNamed() {
    assertRejected(() -> CODEC.serializeTransaction(json("{\"TransactionType\":\"Teleport\"}")), "TransactionType");
    assertRejected(() -> CODEC.serializeTransaction(json("{\"Sequence\":-1}")), "Sequence");
    assertRejected(() -> CODEC.serializeTransaction(json("{\"Sequence\":4294967296}")), "Sequence");
    assertRejected(() -> CODEC.serializeTransaction(json("{\"SigningPubKey\":\"ABC\"}")), "SigningPubKey");
  }

  private static String transaction(String json) {
    return HEX.formatHex(CODEC.serializeTransaction(json(json)));
  }

  private static String id(String field) {
    return HEX.formatHex(XrplDefinitions.standard().field(field).orElseThrow().id());
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
