package org.openbds.ethereum.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/**
 * Decodes the result of {@code eth_getBlockByNumber(n, true)} (a block with full transaction objects) into an
 * {@link EthBlock}. Stateless and thread-safe.
 *
 * <p>Strict: a missing required field, a wrong JSON type, a bad hex digit, a quantity too large for its Java type, a
 * transaction whose index, block hash or block number disagrees with its place in the block is an
 * {@link ErrorCode#MALFORMED_RESPONSE} naming the block number, the field and the value. A null result ("no such
 * block") is the caller's concern and not accepted here.
 */
public final class EthBlockDecoder {
  private EthBlockDecoder() {}

  public static EthBlock decode(JsonNode result) {
    JsonFieldReader unnamed = JsonFieldReader.of(result, "block ?", "block");
    long number = unnamed.longQuantity("number");
    JsonFieldReader b = unnamed.inBlock(JsonFieldReader.blockLabel(number));
    Hash32 hash = b.hash("hash");
    List<EthTransaction> transactions = transactions(b, number, hash);
    Optional<List<EthWithdrawal>> withdrawals =
        b.optionalObjects("withdrawals").map(EthBlockDecoder::withdrawals);
    return new EthBlock(
        number,
        hash,
        b.hash("parentHash"),
        b.data("nonce"),
        b.hash("sha3Uncles"),
        b.data("logsBloom"),
        b.hash("transactionsRoot"),
        b.hash("stateRoot"),
        b.hash("receiptsRoot"),
        b.address("miner"),
        b.quantity("difficulty"),
        b.optionalQuantity("totalDifficulty"),
        b.longQuantity("size"),
        b.data("extraData"),
        b.longQuantity("gasLimit"),
        b.longQuantity("gasUsed"),
        b.longQuantity("timestamp"),
        b.optionalHash("mixHash"),
        b.optionalQuantity("baseFeePerGas"),
        b.optionalHash("withdrawalsRoot"),
        b.optionalLongQuantity("blobGasUsed"),
        b.optionalLongQuantity("excessBlobGas"),
        b.optionalHash("parentBeaconBlockRoot"),
        b.optionalHash("requestsHash"),
        b.hashes("uncles"),
        transactions,
        withdrawals);
  }

  private static List<EthTransaction> transactions(JsonFieldReader b, long number, Hash32 blockHash) {
    JsonNode raw = b.raw("transactions");
    if (raw.isArray() && !raw.isEmpty() && raw.get(0).isTextual()) {
      // eth_getBlockByNumber(n, false) lists hashes only; the receipts and traces need the full objects
      throw b.malformed(
          "transactions", "holds hashes, not transaction objects: ask eth_getBlockByNumber(n, true), got " + raw.get(0));
    }
    List<JsonFieldReader> objects = b.objects("transactions");
    List<EthTransaction> out = new ArrayList<>(objects.size());
    for (int i = 0; i < objects.size(); i++) {
      out.add(transaction(objects.get(i), i, number, blockHash));
    }
    return out;
  }

  private static EthTransaction transaction(JsonFieldReader t, int position, long number, Hash32 blockHash) {
    int index = t.intQuantity("transactionIndex");
    if (index != position) {
      throw t.malformed("transactionIndex", "is " + index + " for the transaction at position " + position);
    }
    Optional<Hash32> inBlock = t.optionalHash("blockHash");
    if (inBlock.isPresent() && !inBlock.get().equals(blockHash)) {
      throw t.malformed("blockHash", "0x" + inBlock.get() + " is not the block's hash 0x" + blockHash);
    }
    Optional<Long> inNumber = t.optionalLongQuantity("blockNumber");
    if (inNumber.isPresent() && inNumber.get() != number) {
      throw t.malformed("blockNumber", inNumber.get() + " is not the block's number " + number);
    }
    return new EthTransaction(
        t.hash("hash"),
        t.longQuantity("nonce"),
        index,
        t.address("from"),
        t.optionalAddress("to"),
        t.quantity("value"),
        t.longQuantity("gas"),
        t.optionalQuantity("gasPrice"),
        t.data("input"),
        // nodes from before typed transactions (Berlin) send no type: every transaction then was legacy, type 0
        t.optionalIntQuantity("type").orElse(0),
        t.optionalQuantity("maxFeePerGas"),
        t.optionalQuantity("maxPriorityFeePerGas"),
        t.optionalQuantity("maxFeePerBlobGas"),
        t.optionalHashes("blobVersionedHashes"),
        t.optionalLongQuantity("chainId"),
        t.arraySize("accessList"),
        t.arraySize("authorizationList"));
  }

  private static List<EthWithdrawal> withdrawals(List<JsonFieldReader> objects) {
    List<EthWithdrawal> out = new ArrayList<>(objects.size());
    for (JsonFieldReader w : objects) {
      out.add(
          new EthWithdrawal(
              w.longQuantity("index"), w.longQuantity("validatorIndex"), w.address("address"), w.quantity("amount")));
    }
    return out;
  }
}
