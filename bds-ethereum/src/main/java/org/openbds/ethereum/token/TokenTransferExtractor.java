package org.openbds.ethereum.token;

import static org.openbds.ethereum.token.AbiWords.WORD;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.openbds.api.Hash32;
import org.openbds.ethereum.codec.EthLog;

/**
 * Turns event logs into token transfers. Recognised events, by topic 0 and layout:
 *
 * <ul>
 *   <li>{@code Transfer(address,address,uint256)} with 3 topics and 32 bytes of data: ERC-20, the value in the data;
 *   <li>the same with 4 topics and no data: ERC-721, the token id in topic 3, value 1;
 *   <li>ERC-1155 {@code TransferSingle} (4 topics, 64 bytes) and {@code TransferBatch} (4 topics, two ABI-encoded
 *       {@code uint256[]} of equal length): one transfer per id.
 * </ul>
 *
 * <p>A log with one of these topics but another shape is skipped with a {@link TransferSkipReason}; nothing a contract
 * writes into a log makes this class throw. Stateless and thread-safe.
 */
public final class TokenTransferExtractor {
  private static final int TOPICS_WITH_INDEXED_PARTIES = 3;
  private static final int TOPICS_WITH_INDEXED_ID = 4;
  private static final int ERC1155_TOPICS = 4;

  public TransferExtraction extract(EthLog log) {
    List<Hash32> topics = log.topics();
    if (topics.isEmpty()) {
      return TransferExtraction.none();
    }
    Hash32 event = topics.get(0);
    if (event.equals(TokenEventTopics.TRANSFER)) {
      return transfer(log);
    }
    if (event.equals(TokenEventTopics.TRANSFER_SINGLE)) {
      return transferSingle(log);
    }
    if (event.equals(TokenEventTopics.TRANSFER_BATCH)) {
      return transferBatch(log);
    }
    return TransferExtraction.none();
  }

  private static TransferExtraction transfer(EthLog log) {
    int topicCount = log.topics().size();
    if (topicCount != TOPICS_WITH_INDEXED_PARTIES && topicCount != TOPICS_WITH_INDEXED_ID) {
      return TransferExtraction.skipped(TransferSkipReason.UNEXPECTED_TOPIC_COUNT);
    }
    Optional<byte[]> data = AbiWords.parseHex(log.data());
    if (data.isEmpty()) {
      return TransferExtraction.skipped(TransferSkipReason.MALFORMED_DATA);
    }
    boolean erc20 = topicCount == TOPICS_WITH_INDEXED_PARTIES;
    if (data.get().length != (erc20 ? WORD : 0)) {
      return TransferExtraction.skipped(TransferSkipReason.UNEXPECTED_DATA_LENGTH);
    }
    Optional<String> from = topicAddress(log, 1);
    Optional<String> to = topicAddress(log, 2);
    if (from.isEmpty() || to.isEmpty()) {
      return TransferExtraction.skipped(TransferSkipReason.NOT_AN_ADDRESS);
    }
    TokenTransfer transfer =
        erc20
            ? new TokenTransfer(log.address(), TokenStandard.ERC20, Optional.empty(), from.get(), to.get(),
                AbiWords.uint256(data.get(), 0), Optional.empty(), log.transactionHash(), log.logIndex(), 0)
            : new TokenTransfer(log.address(), TokenStandard.ERC721, Optional.empty(), from.get(), to.get(),
                BigInteger.ONE, Optional.of(topicUint(log, 3)), log.transactionHash(), log.logIndex(), 0);
    return TransferExtraction.of(List.of(transfer));
  }

  private static TransferExtraction transferSingle(EthLog log) {
    if (log.topics().size() != ERC1155_TOPICS) {
      return TransferExtraction.skipped(TransferSkipReason.UNEXPECTED_TOPIC_COUNT);
    }
    Optional<byte[]> data = AbiWords.parseHex(log.data());
    if (data.isEmpty()) {
      return TransferExtraction.skipped(TransferSkipReason.MALFORMED_DATA);
    }
    if (data.get().length != 2 * WORD) {
      return TransferExtraction.skipped(TransferSkipReason.UNEXPECTED_DATA_LENGTH);
    }
    Optional<Parties> parties = erc1155Parties(log);
    if (parties.isEmpty()) {
      return TransferExtraction.skipped(TransferSkipReason.NOT_AN_ADDRESS);
    }
    BigInteger id = AbiWords.uint256(data.get(), 0);
    BigInteger value = AbiWords.uint256(data.get(), WORD);
    return TransferExtraction.of(List.of(parties.get().transfer(log, id, value, 0)));
  }

  private static TransferExtraction transferBatch(EthLog log) {
    if (log.topics().size() != ERC1155_TOPICS) {
      return TransferExtraction.skipped(TransferSkipReason.UNEXPECTED_TOPIC_COUNT);
    }
    Optional<byte[]> parsed = AbiWords.parseHex(log.data());
    if (parsed.isEmpty()) {
      return TransferExtraction.skipped(TransferSkipReason.MALFORMED_DATA);
    }
    byte[] data = parsed.get();
    if (data.length < 2 * WORD) {
      return TransferExtraction.skipped(TransferSkipReason.UNEXPECTED_DATA_LENGTH);
    }
    Optional<UintArray> ids = UintArray.at(data, 0);
    Optional<UintArray> values = UintArray.at(data, WORD);
    if (ids.isEmpty() || values.isEmpty()) {
      return TransferExtraction.skipped(TransferSkipReason.ARRAY_OUT_OF_BOUNDS);
    }
    if (ids.get().length() != values.get().length()) {
      return TransferExtraction.skipped(TransferSkipReason.ARRAY_LENGTH_MISMATCH);
    }
    Optional<Parties> parties = erc1155Parties(log);
    if (parties.isEmpty()) {
      return TransferExtraction.skipped(TransferSkipReason.NOT_AN_ADDRESS);
    }
    List<TokenTransfer> transfers = new ArrayList<>(ids.get().length());
    for (int i = 0; i < ids.get().length(); i++) {
      BigInteger id = ids.get().element(data, i);
      BigInteger value = values.get().element(data, i);
      transfers.add(parties.get().transfer(log, id, value, i));
    }
    return TransferExtraction.of(transfers);
  }

  private static Optional<Parties> erc1155Parties(EthLog log) {
    Optional<String> operator = topicAddress(log, 1);
    Optional<String> from = topicAddress(log, 2);
    Optional<String> to = topicAddress(log, 3);
    if (operator.isEmpty() || from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Parties(operator.get(), from.get(), to.get()));
  }

  private static Optional<String> topicAddress(EthLog log, int index) {
    return AbiWords.address(log.topics().get(index).toBytes(), 0);
  }

  private static BigInteger topicUint(EthLog log, int index) {
    return new BigInteger(1, log.topics().get(index).toBytes());
  }

  /** A dynamic {@code uint256[]} inside ABI-encoded data: where its elements start and how many there are. */
  private record UintArray(int elementsAt, int length) {
    /**
     * The array whose head word (its offset) sits at {@code headAt}; present only when its length word and every
     * element lie inside the data. Summed in longs: a hostile length times 32 must not wrap around to a small number.
     */
    static Optional<UintArray> at(byte[] data, int headAt) {
      OptionalInt offset = AbiWords.smallUint(data, headAt);
      if (offset.isEmpty() || !AbiWords.hasWord(data, offset.getAsInt())) {
        return Optional.empty();
      }
      OptionalInt length = AbiWords.smallUint(data, offset.getAsInt());
      if (length.isEmpty()) {
        return Optional.empty();
      }
      long end = (long) offset.getAsInt() + WORD + (long) length.getAsInt() * WORD;
      if (end > data.length) {
        return Optional.empty();
      }
      return Optional.of(new UintArray(offset.getAsInt() + WORD, length.getAsInt()));
    }

    BigInteger element(byte[] data, int index) {
      return AbiWords.uint256(data, elementsAt + index * WORD);
    }
  }

  /** The indexed addresses of an ERC-1155 event, shared by every transfer of a batch. */
  private record Parties(String operator, String from, String to) {
    TokenTransfer transfer(EthLog log, BigInteger id, BigInteger value, int batchIndex) {
      return new TokenTransfer(log.address(), TokenStandard.ERC1155, Optional.of(operator), from, to, value,
          Optional.of(id), log.transactionHash(), log.logIndex(), batchIndex);
    }
  }
}
