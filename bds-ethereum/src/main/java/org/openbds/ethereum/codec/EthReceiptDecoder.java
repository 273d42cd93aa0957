package org.openbds.ethereum.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/**
 * Decodes a block's receipts — the array {@code eth_getBlockReceipts} returns, or the {@code eth_getTransactionReceipt}
 * results of the block's transactions collected into an array in block order — and checks them against the block.
 * Stateless and thread-safe.
 *
 * <p>Receipts must match the block's transactions one to one: same count, same order, same hashes, and the block hash
 * and number they carry must be the block's. Each log must belong to its receipt's transaction, and log indexes must
 * increase through the block (they are the logs' keys). Any disagreement is an {@link ErrorCode#MALFORMED_RESPONSE}:
 * a receipt from another block or a reorganized chain must never be stored against this one.
 */
public final class EthReceiptDecoder {
  private EthReceiptDecoder() {}

  public static List<EthReceipt> decode(EthBlock block, JsonNode receipts) {
    String label = JsonFieldReader.blockLabel(block.number());
    List<JsonFieldReader> objects = JsonFieldReader.elements(receipts, label, "receipts");
    List<EthTransaction> transactions = block.transactions();
    if (objects.size() != transactions.size()) {
      throw new BdsException(
          ErrorCode.MALFORMED_RESPONSE,
          label + ": receipts: " + objects.size() + " receipts for " + transactions.size() + " transactions");
    }
    List<EthReceipt> out = new ArrayList<>(objects.size());
    int nextLogIndex = 0;
    for (int i = 0; i < objects.size(); i++) {
      EthReceipt receipt = receipt(objects.get(i), block, transactions.get(i), nextLogIndex);
      if (!receipt.logs().isEmpty()) {
        nextLogIndex = receipt.logs().get(receipt.logs().size() - 1).logIndex() + 1;
      }
      out.add(receipt);
    }
    return out;
  }

  private static EthReceipt receipt(JsonFieldReader r, EthBlock block, EthTransaction tx, int firstLogIndex) {
    Hash32 hash = r.hash("transactionHash");
    if (!hash.equals(tx.hash())) {
      throw r.malformed(
          "transactionHash",
          "0x" + hash + " where the block has transaction 0x" + tx.hash() + " at index " + tx.transactionIndex());
    }
    int index = r.intQuantity("transactionIndex");
    if (index != tx.transactionIndex()) {
      throw r.malformed("transactionIndex", "is " + index + " for transaction " + tx.transactionIndex());
    }
    checkBlock(r, block);
    Optional<Integer> status = r.optionalIntQuantity("status");
    if (status.isPresent() && status.get() > 1) {
      throw r.malformed("status", "is " + status.get() + ", not 0 or 1");
    }
    List<JsonFieldReader> logObjects = r.objects("logs");
    List<EthLog> logs = new ArrayList<>(logObjects.size());
    int next = firstLogIndex;
    for (JsonFieldReader l : logObjects) {
      EthLog log = log(l, block, tx);
      if (log.logIndex() < next) {
        throw l.malformed(
            "logIndex", "is " + log.logIndex() + ", not above the block's previous log index " + (next - 1));
      }
      next = log.logIndex() + 1;
      logs.add(log);
    }
    return new EthReceipt(
        hash,
        index,
        r.longQuantity("cumulativeGasUsed"),
        r.longQuantity("gasUsed"),
        r.optionalAddress("contractAddress"),
        status,
        r.optionalHash("root"),
        r.optionalQuantity("effectiveGasPrice"),
        r.optionalLongQuantity("blobGasUsed"),
        r.optionalQuantity("blobGasPrice"),
        r.data("logsBloom"),
        logs);
  }

  private static EthLog log(JsonFieldReader l, EthBlock block, EthTransaction tx) {
    Hash32 hash = l.hash("transactionHash");
    if (!hash.equals(tx.hash())) {
      throw l.malformed("transactionHash", "0x" + hash + " in the receipt of transaction 0x" + tx.hash());
    }
    Optional<Integer> index = l.optionalIntQuantity("transactionIndex");
    if (index.isPresent() && index.get() != tx.transactionIndex()) {
      throw l.malformed(
          "transactionIndex", "is " + index.get() + " in the receipt of transaction " + tx.transactionIndex());
    }
    checkBlock(l, block);
    if (l.has("removed")) {
      JsonNode removed = l.raw("removed");
      if (!removed.isBoolean()) {
        throw l.malformed("removed", "expected true or false, got " + JsonFieldReader.describe(removed));
      }
      if (removed.booleanValue()) {
        // a removed log belongs to a block that was reorganized away; a receipt of a canonical block has none
        throw l.malformed("removed", "is true: the log was reorganized away");
      }
    }
    List<Hash32> topics = l.hashes("topics");
    if (topics.size() > 4) {
      throw l.malformed("topics", topics.size() + " topics: a log has at most four");
    }
    return new EthLog(
        l.intQuantity("logIndex"), hash, tx.transactionIndex(), l.address("address"), l.data("data"), topics);
  }

  /** The block hash and number a receipt or log carries (optional in the answer) must be the block's. */
  private static void checkBlock(JsonFieldReader r, EthBlock block) {
    Optional<Hash32> hash = r.optionalHash("blockHash");
    if (hash.isPresent() && !hash.get().equals(block.hash())) {
      throw r.malformed("blockHash", "0x" + hash.get() + " is not the block's hash 0x" + block.hash());
    }
    Optional<Long> number = r.optionalLongQuantity("blockNumber");
    if (number.isPresent() && number.get() != block.number()) {
      throw r.malformed("blockNumber", number.get() + " is not the block's number " + block.number());
    }
  }
}
