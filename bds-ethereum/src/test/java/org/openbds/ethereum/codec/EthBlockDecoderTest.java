package org.openbds.ethereum.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openbds.api.Hash32;

/**
 * The fields later forks added, on a hand-written block in the shape current nodes answer (the recorded mainnet
 * blocks predate them): London's base fee and fee caps, Shanghai's withdrawals, Cancun's blob gas and beacon root,
 * Prague's requests hash, and transactions of every type 0 to 4.
 */
class EthBlockDecoderTest {
  static final String BLOCK_HASH = "0x" + "ab".repeat(32);

  /** A post-Prague block with one transaction of each type; {@code TestBlocks} builds variants of it. */
  static final String PRAGUE_BLOCK =
      """
      {
        "number": "0x1543f6b", "hash": "%1$s", "parentHash": "0x%2$s", "nonce": "0x0000000000000000",
        "sha3Uncles": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
        "logsBloom": "0x%3$s", "transactionsRoot": "0x%2$s", "stateRoot": "0x%2$s", "receiptsRoot": "0x%2$s",
        "miner": "0x95222290DD7278Aa3Ddd389Cc1E1d165CC4BAfe5", "difficulty": "0x0", "size": "0x5a3",
        "extraData": "0x6265617665726275696c642e6f7267", "gasLimit": "0x2255100", "gasUsed": "0x1c9c380",
        "timestamp": "0x682b3c8f", "mixHash": "0x%2$s", "baseFeePerGas": "0x1dcd6500",
        "withdrawalsRoot": "0x%2$s", "blobGasUsed": "0x60000", "excessBlobGas": "0x4b00000",
        "parentBeaconBlockRoot": "0x%2$s", "requestsHash": "0x%4$s", "uncles": [],
        "withdrawals": [
          {"index": "0x5f5e100", "validatorIndex": "0x10f447", "address": "0x%5$s", "amount": "0x12a05f200"}
        ],
        "transactions": [
          {"type": "0x0", "hash": "0x%6$s00", "nonce": "0x7", "blockHash": "%1$s", "blockNumber": "0x1543f6b",
           "transactionIndex": "0x0", "from": "0x%5$s", "to": null, "value": "0x0", "gas": "0x30d40",
           "gasPrice": "0x3b9aca00", "input": "0x6080", "chainId": "0x1"},
          {"type": "0x1", "hash": "0x%6$s01", "nonce": "0x8", "blockHash": "%1$s", "blockNumber": "0x1543f6b",
           "transactionIndex": "0x1", "from": "0x%5$s", "to": "0x%5$s", "value": "0xde0b6b3a7640000",
           "gas": "0x5208", "gasPrice": "0x3b9aca00", "input": "0x", "chainId": "0x1",
           "accessList": [{"address": "0x%5$s", "storageKeys": []}, {"address": "0x%5$s", "storageKeys": []}]},
          {"type": "0x2", "hash": "0x%6$s02", "nonce": "0x9", "blockHash": "%1$s", "blockNumber": "0x1543f6b",
           "transactionIndex": "0x2", "from": "0x%5$s", "to": "0x%5$s", "value": "0x1", "gas": "0x5208",
           "gasPrice": "0x1dcd6501", "maxFeePerGas": "0x77359400", "maxPriorityFeePerGas": "0x1",
           "input": "0x", "chainId": "0x1", "accessList": []},
          {"type": "0x3", "hash": "0x%6$s03", "nonce": "0xa", "blockHash": "%1$s", "blockNumber": "0x1543f6b",
           "transactionIndex": "0x3", "from": "0x%5$s", "to": "0x%5$s", "value": "0x0", "gas": "0x5208",
           "gasPrice": "0x1dcd6502", "maxFeePerGas": "0x77359400", "maxPriorityFeePerGas": "0x2",
           "maxFeePerBlobGas": "0x3b9aca00", "input": "0x", "chainId": "0x1", "accessList": [],
           "blobVersionedHashes": ["0x01%7$s", "0x01%8$s"]},
          {"type": "0x4", "hash": "0x%6$s04", "nonce": "0xb", "blockHash": "%1$s", "blockNumber": "0x1543f6b",
           "transactionIndex": "0x4", "from": "0x%5$s", "to": "0x%5$s", "value": "0x0", "gas": "0x186a0",
           "gasPrice": "0x1dcd6503", "maxFeePerGas": "0x77359400", "maxPriorityFeePerGas": "0x3",
           "input": "0x", "chainId": "0x1", "accessList": [],
           "authorizationList": [{"chainId": "0x1", "address": "0x%5$s", "nonce": "0x0", "yParity": "0x0",
                                  "r": "0x1", "s": "0x2"}]}
        ]
      }
      """
          .formatted(
              BLOCK_HASH,
              "cd".repeat(32),
              "00".repeat(256),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
              "4675c7e5baafbffbca748158becba61ef3b0a263",
              "ef".repeat(31),
              "aa".repeat(31),
              "bb".repeat(31));

  static JsonNode pragueBlock() {
    return EtlData.parse(PRAGUE_BLOCK);
  }

  @Test
  void headerFieldsOfLaterForks() {
    EthBlock block = EthBlockDecoder.decode(pragueBlock());
    assertThat(block.number()).isEqualTo(22_298_475L);
    assertThat(block.hash().toString()).isEqualTo("ab".repeat(32));
    assertThat(block.miner()).isEqualTo("0x95222290dd7278aa3ddd389cc1e1d165cc4bafe5");
    assertThat(block.difficulty()).isEqualTo(BigInteger.ZERO);
    assertThat(block.totalDifficulty()).isEmpty();
    assertThat(block.baseFeePerGas()).contains(BigInteger.valueOf(500_000_000L));
    assertThat(block.withdrawalsRoot()).contains(Hash32.parse("cd".repeat(32)));
    assertThat(block.blobGasUsed()).contains(393_216L);
    assertThat(block.excessBlobGas()).contains(78_643_200L);
    assertThat(block.parentBeaconBlockRoot()).contains(Hash32.parse("cd".repeat(32)));
    assertThat(block.requestsHash())
        .contains(Hash32.parse("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    assertThat(block.withdrawals().orElseThrow())
        .containsExactly(
            new EthWithdrawal(
                100_000_000L, 1_111_111L, "0x4675c7e5baafbffbca748158becba61ef3b0a263", BigInteger.valueOf(5_000_000_000L)));
    assertThat(block.withdrawals().orElseThrow().get(0).amountWei()).isEqualTo(new BigInteger("5000000000000000000"));
  }

  @Test
  void transactionsOfEveryType() {
    List<EthTransaction> txs = EthBlockDecoder.decode(pragueBlock()).transactions();
    assertThat(txs).extracting(EthTransaction::type).containsExactly(0, 1, 2, 3, 4);
    assertThat(txs).extracting(EthTransaction::transactionIndex).containsExactly(0, 1, 2, 3, 4);

    EthTransaction creation = txs.get(0);
    assertThat(creation.to()).isEmpty();
    assertThat(creation.gasPrice()).contains(BigInteger.valueOf(1_000_000_000L));
    assertThat(creation.maxFeePerGas()).isEmpty();
    assertThat(creation.chainId()).contains(1L);
    assertThat(creation.input()).isEqualTo("0x6080");

    assertThat(txs.get(1).accessListEntries()).isEqualTo(2);
    assertThat(txs.get(1).value()).isEqualTo(new BigInteger("1000000000000000000"));

    EthTransaction dynamicFee = txs.get(2);
    assertThat(dynamicFee.maxFeePerGas()).contains(BigInteger.valueOf(2_000_000_000L));
    assertThat(dynamicFee.maxPriorityFeePerGas()).contains(BigInteger.ONE);
    assertThat(dynamicFee.gasPrice()).contains(BigInteger.valueOf(500_000_001L));
    assertThat(dynamicFee.accessListEntries()).isZero();

    EthTransaction blob = txs.get(3);
    assertThat(blob.maxFeePerBlobGas()).contains(BigInteger.valueOf(1_000_000_000L));
    assertThat(blob.blobVersionedHashes())
        .containsExactly(Hash32.parse("01" + "aa".repeat(31)), Hash32.parse("01" + "bb".repeat(31)));

    EthTransaction setCode = txs.get(4);
    assertThat(setCode.authorizations()).isEqualTo(1);
    assertThat(setCode.blobVersionedHashes()).isEmpty();
    assertThat(setCode.nonce()).isEqualTo(11);
  }
}
