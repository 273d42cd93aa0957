package org.openbds.ethereum.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.openbds.api.Hash32;
import org.openbds.ethereum.codec.EthLog;

class TokenTransferExtractorTest {
  private static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
  private static final String MAX_WORD = "f".repeat(64);
  private static final String TOKEN = "0x" + "ab".repeat(20);
  private static final String ALICE = "0x" + "11".repeat(20);
  private static final String BOB = "0x" + "22".repeat(20);
  private static final String OPERATOR = "0x" + "33".repeat(20);
  private static final Hash32 TX = Hash32.parse("0c".repeat(32));

  private final TokenTransferExtractor extractor = new TokenTransferExtractor();

  @Test
  void erc20TransferCarriesTheValueUpToTheLargestUint256() {
    TransferExtraction result =
        extractor.extract(log("0x" + MAX_WORD, TokenEventTopics.TRANSFER, addressTopic(ALICE), addressTopic(BOB)));

    assertThat(result.skipped()).isEmpty();
    assertThat(result.transfers())
        .containsExactly(new TokenTransfer(TOKEN, TokenStandard.ERC20, Optional.empty(), ALICE, BOB, MAX,
            Optional.empty(), TX, 7, 0));
  }

  @Test
  void erc721TransferCarriesTheTokenIdFromTopicThreeAndValueOne() {
    TransferExtraction result =
        extractor.extract(
            log("0x", TokenEventTopics.TRANSFER, addressTopic(ALICE), addressTopic(BOB), Hash32.parse(MAX_WORD)));

    assertThat(result.transfers())
        .containsExactly(new TokenTransfer(TOKEN, TokenStandard.ERC721, Optional.empty(), ALICE, BOB, BigInteger.ONE,
            Optional.of(MAX), TX, 7, 0));
  }

  @Test
  void erc1155SingleCarriesOperatorIdAndValue() {
    TransferExtraction result =
        extractor.extract(
            log("0x" + MAX_WORD + word(5), TokenEventTopics.TRANSFER_SINGLE, addressTopic(OPERATOR),
                addressTopic(ALICE), addressTopic(BOB)));

    assertThat(result.transfers())
        .containsExactly(new TokenTransfer(TOKEN, TokenStandard.ERC1155, Optional.of(OPERATOR), ALICE, BOB,
            BigInteger.valueOf(5), Optional.of(MAX), TX, 7, 0));
  }

  @Test
  void erc1155BatchYieldsOneTransferPerIdInOrder() {
    String data = "0x" + word(0x40) + word(0xc0) // heads: ids at 64, values at 192
        + word(3) + word(1) + MAX_WORD + word(9) // ids
        + word(3) + MAX_WORD + word(20) + word(30); // values
    TransferExtraction result = extractor.extract(batchLog(data));

    assertThat(result.transfers())
        .extracting(TokenTransfer::batchIndex, TokenTransfer::tokenId, TokenTransfer::value)
        .containsExactly(
            Tuple.tuple(0, Optional.of(BigInteger.ONE), MAX),
            Tuple.tuple(1, Optional.of(MAX), BigInteger.valueOf(20)),
            Tuple.tuple(2, Optional.of(BigInteger.valueOf(9)), BigInteger.valueOf(30)));
    assertThat(result.transfers())
        .allSatisfy(t -> {
          assertThat(t.standard()).isEqualTo(TokenStandard.ERC1155);
          assertThat(t.operator()).contains(OPERATOR);
          assertThat(t.from()).isEqualTo(ALICE);
          assertThat(t.to()).isEqualTo(BOB);
          assertThat(t.logIndex()).isEqualTo(7);
        });
  }

  @Test
  void erc1155BatchFollowsTheOffsetsWhateverTheirOrder() {
    // values stored before ids: legal ABI, the offsets say where each array is
    String data = "0x" + word(0xa0) + word(0x40) + word(2) + word(100) + word(200) + word(2) + word(1) + word(2);
    TransferExtraction result = extractor.extract(batchLog(data));

    assertThat(result.transfers())
        .extracting(TokenTransfer::tokenId, TokenTransfer::value)
        .containsExactly(
            Tuple.tuple(Optional.of(BigInteger.ONE), BigInteger.valueOf(100)),
            Tuple.tuple(Optional.of(BigInteger.TWO), BigInteger.valueOf(200)));
  }

  @Test
  void emptyBatchMovesNothingAndIsNotSkipped() {
    TransferExtraction result = extractor.extract(batchLog("0x" + word(0x40) + word(0x60) + word(0) + word(0)));

    assertThat(result.transfers()).isEmpty();
    assertThat(result.skipped()).isEmpty();
  }

  @Test
  void otherEventsAndLogsWithoutTopicsAreNotTokenEvents() {
    assertThat(extractor.extract(log("0x", Hash32.parse("de".repeat(32)), addressTopic(ALICE))))
        .isEqualTo(TransferExtraction.none());
    assertThat(extractor.extract(log("0x" + word(1)))).isEqualTo(TransferExtraction.none());
  }

  @Test
  void transferShapesThatAreNeitherErc20NorErc721AreSkipped() {
    // CryptoKitties-style: no indexed arguments, from, to and id all in the data
    assertSkipped(log("0x" + word(1) + word(2) + word(3), TokenEventTopics.TRANSFER),
        TransferSkipReason.UNEXPECTED_TOPIC_COUNT);
    assertSkipped(log("0x" + word(1) + word(2), TokenEventTopics.TRANSFER, addressTopic(ALICE)),
        TransferSkipReason.UNEXPECTED_TOPIC_COUNT);
    assertSkipped(log("0x" + word(1) + word(2), TokenEventTopics.TRANSFER, addressTopic(ALICE), addressTopic(BOB)),
        TransferSkipReason.UNEXPECTED_DATA_LENGTH);
    assertSkipped(log("0x", TokenEventTopics.TRANSFER, addressTopic(ALICE), addressTopic(BOB)),
        TransferSkipReason.UNEXPECTED_DATA_LENGTH);
    assertSkipped(log("0x" + word(1), TokenEventTopics.TRANSFER, addressTopic(ALICE), addressTopic(BOB), Hash32.ZERO),
        TransferSkipReason.UNEXPECTED_DATA_LENGTH);
    assertSkipped(log("0x" + "00".repeat(31), TokenEventTopics.TRANSFER, addressTopic(ALICE), addressTopic(BOB)),
        TransferSkipReason.UNEXPECTED_DATA_LENGTH);
  }

  @Test
  void addressTopicsWithBytesAboveTheAddressAreSkipped() {
    Hash32 dirty = Hash32.parse("01" + "00".repeat(11) + "11".repeat(20));
    assertSkipped(log("0x" + word(1), TokenEventTopics.TRANSFER, dirty, addressTopic(BOB)),
        TransferSkipReason.NOT_AN_ADDRESS);
    assertSkipped(
        log("0x" + word(1) + word(1), TokenEventTopics.TRANSFER_SINGLE, addressTopic(OPERATOR), addressTopic(ALICE),
            dirty),
        TransferSkipReason.NOT_AN_ADDRESS);
  }

  @Test
  void dataThatIsNotHexIsSkipped() {
    assertSkipped(log("0x0", TokenEventTopics.TRANSFER, addressTopic(ALICE), addressTopic(BOB)),
        TransferSkipReason.MALFORMED_DATA);
    assertSkipped(log("0x" + "zz".repeat(32), TokenEventTopics.TRANSFER, addressTopic(ALICE), addressTopic(BOB)),
        TransferSkipReason.MALFORMED_DATA);
    assertSkipped(log("", TokenEventTopics.TRANSFER, addressTopic(ALICE), addressTopic(BOB)),
        TransferSkipReason.MALFORMED_DATA);
  }

  @Test
  void malformedErc1155LogsAreSkippedWithTheirReason() {
    assertSkipped(
        log("0x" + word(1) + word(1), TokenEventTopics.TRANSFER_SINGLE, addressTopic(ALICE), addressTopic(BOB)),
        TransferSkipReason.UNEXPECTED_TOPIC_COUNT);
    assertSkipped(log("0x" + word(1) + "00".repeat(31), TokenEventTopics.TRANSFER_SINGLE, addressTopic(OPERATOR),
        addressTopic(ALICE), addressTopic(BOB)), TransferSkipReason.UNEXPECTED_DATA_LENGTH);
    assertSkipped(batchLog("0x" + word(0x40)), TransferSkipReason.UNEXPECTED_DATA_LENGTH);
    // offset past the end
    assertSkipped(batchLog("0x" + word(0x40) + word(0x1000) + word(0)), TransferSkipReason.ARRAY_OUT_OF_BOUNDS);
    // offset that does not fit an int
    assertSkipped(batchLog("0x" + MAX_WORD + word(0x40) + word(0)), TransferSkipReason.ARRAY_OUT_OF_BOUNDS);
    // a length of 2^255
    assertSkipped(batchLog("0x" + word(0x40) + word(0x40) + "8" + "0".repeat(63)),
        TransferSkipReason.ARRAY_OUT_OF_BOUNDS);
    // a length whose size in bytes (times 32) wraps an int to 0
    assertSkipped(batchLog("0x" + word(0x40) + word(0x40) + word(0x08000000)),
        TransferSkipReason.ARRAY_OUT_OF_BOUNDS);
    // one element announced, none present
    assertSkipped(batchLog("0x" + word(0x40) + word(0x40) + word(1)), TransferSkipReason.ARRAY_OUT_OF_BOUNDS);
    assertSkipped(batchLog("0x" + word(0x40) + word(0x80) + word(1) + word(5) + word(2) + word(6) + word(7)),
        TransferSkipReason.ARRAY_LENGTH_MISMATCH);
  }

  @Test
  void randomLogsWithTokenTopicsNeverThrowAndAreEitherTransfersOrSkipped() {
    Random random = new Random(20240601L);
    Hash32[] events = {TokenEventTopics.TRANSFER, TokenEventTopics.TRANSFER_SINGLE, TokenEventTopics.TRANSFER_BATCH};
    int transfers = 0;
    int skipped = 0;
    for (int i = 0; i < 20_000; i++) {
      List<Hash32> topics = new ArrayList<>();
      topics.add(events[random.nextInt(events.length)]);
      int extra = random.nextInt(5);
      for (int t = 0; t < extra; t++) {
        topics.add(random.nextInt(8) == 0 ? randomHash(random) : addressTopic("0x" + hex(randomBytes(random, 20))));
      }
      EthLog log = new EthLog(i, TX, 0, TOKEN, randomData(random), topics);

      TransferExtraction result = extractor.extract(log);

      assertThat(result.isSkipped() || !result.transfers().isEmpty() || isEmptyBatch(log)).as(log.toString()).isTrue();
      for (int b = 0; b < result.transfers().size(); b++) {
        TokenTransfer transfer = result.transfers().get(b);
        assertThat(transfer.value()).isBetween(BigInteger.ZERO, MAX);
        assertThat(transfer.batchIndex()).isEqualTo(b);
        assertThat(transfer.from()).matches("0x[0-9a-f]{40}");
        assertThat(transfer.to()).matches("0x[0-9a-f]{40}");
      }
      transfers += result.transfers().isEmpty() ? 0 : 1;
      skipped += result.isSkipped() ? 1 : 0;
    }
    // the generator reaches both outcomes, so the loop checks something on each side
    assertThat(transfers).isGreaterThan(200);
    assertThat(skipped).isGreaterThan(1000);
  }

  /** Mostly word-aligned data with small offsets and lengths, so that the batch decoder gets past its first checks. */
  private static String randomData(Random random) {
    int words = random.nextInt(8);
    StringBuilder data = new StringBuilder("0x");
    for (int w = 0; w < words; w++) {
      boolean small = random.nextInt(3) != 0;
      data.append(small ? word(random.nextInt(6) * 32 + random.nextInt(3)) : hex(randomBytes(random, 32)));
    }
    if (random.nextInt(10) == 0) {
      data.append(hex(randomBytes(random, random.nextInt(31) + 1)));
    }
    return data.toString();
  }

  private static boolean isEmptyBatch(EthLog log) {
    return log.topics().get(0).equals(TokenEventTopics.TRANSFER_BATCH);
  }

  private void assertSkipped(EthLog log, TransferSkipReason reason) {
    TransferExtraction result = extractor.extract(log);
    assertThat(result.skipped()).as(log.toString()).contains(reason);
    assertThat(result.transfers()).isEmpty();
  }

  private static EthLog batchLog(String data) {
    return log(data, TokenEventTopics.TRANSFER_BATCH, addressTopic(OPERATOR), addressTopic(ALICE), addressTopic(BOB));
  }

  private static EthLog log(String data, Hash32... topics) {
    return new EthLog(7, TX, 3, TOKEN, data, List.of(topics));
  }

  private static Hash32 addressTopic(String address) {
    return Hash32.parse("00".repeat(12) + address.substring(2));
  }

  private static String word(long value) {
    return String.format("%064x", value);
  }

  private static Hash32 randomHash(Random random) {
    return Hash32.of(randomBytes(random, 32));
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
