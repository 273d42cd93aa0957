package org.openbds.ethereum.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blocks and transactions decoded from ethereum-etl's recorded {@code eth_getBlockByNumber} answers against the
 * exporter's {@code expected_blocks.csv} and {@code expected_transactions.csv}, every column. The one deliberate
 * difference, the withdrawals column, is in docs/ethereum-conformance.md.
 */
public class EthBlockConformanceTest {
  private static final String JOB = "test_export_blocks_job";

  @ParameterizedTest
  @ValueSource(strings = {"block_with_logs", "block_without_transactions", "blocks_with_transactions"})
  void recordedBlocksGiveTheExportersRows(String name) {
    Path dir = EtlData.caseDir(JOB, name);
    List<EthBlock> blocks =
        EtlData.answers(dir, "eth_getBlockByNumber").stream()
            .map(EtlData::result)
            .map(EthBlockDecoder::decode)
            .toList();
    assertThat(blocks).isNotEmpty();
    assertAgree(dir, blocks);
    for (EthBlock block : blocks) {
      // these pre-Shanghai blocks have no withdrawals, and the exporter's column is empty
      assertThat(block.withdrawals()).isEmpty();
    }
  }

  @Test
  void genesisBlockValues() {
    EthBlock genesis =
        EthBlockDecoder.decode(
            EtlData.result(EtlData.answer(EtlData.caseDir(JOB, "block_without_transactions"), "eth_getBlockByNumber")));
    assertThat(genesis.number()).isZero();
    assertThat(genesis.hash().toString()).isEqualTo("d4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3");
    assertThat(genesis.difficulty()).isEqualTo(BigInteger.valueOf(17_179_869_184L));
    assertThat(genesis.totalDifficulty()).contains(BigInteger.valueOf(17_179_869_184L));
    assertThat(genesis.gasLimit()).isEqualTo(5000);
    assertThat(genesis.transactions()).isEmpty();
    assertThat(genesis.baseFeePerGas()).isEmpty();
    assertThat(genesis.mixHash()).hasValueSatisfying(h -> assertThat(h.isZero()).isTrue());
  }

  /**
   * The case {@code blocks_with_transactions_and_withdrawals} (blocks 17173049-17173050, after Shanghai) was recorded
   * without the node's answers: only the exporter's output exists. The answer is rebuilt in the node's shape from
   * {@code expected_blocks.json} and {@code expected_transactions.json} (numbers back to hex quantities) and decoded,
   * which checks the post-London and post-Shanghai fields (base fee, fee caps, type 2, withdrawals, a total
   * difficulty beyond 64 bits, a creation without {@code to}) against the CSV. Difference: the exporter writes the
   * withdrawals as JSON text; we keep typed records, compared value by value.
   */
  @Test
  void withdrawalsBlocksRebuiltFromTheExporterOutput() {
    Path dir = EtlData.caseDir(JOB, "blocks_with_transactions_and_withdrawals");
    List<JsonNode> blocksJson = EtlData.jsonLines(dir.resolve("expected_blocks.json"));
    List<JsonNode> txJson = EtlData.jsonLines(dir.resolve("expected_transactions.json"));
    List<EthBlock> blocks = new ArrayList<>();
    for (JsonNode b : blocksJson) {
      List<JsonNode> txs =
          txJson.stream().filter(t -> t.get("block_number").asLong() == b.get("number").asLong()).toList();
      blocks.add(EthBlockDecoder.decode(nodeAnswer(b, txs)));
    }
    assertAgree(dir, blocks);

    Map<String, Map<String, String>> expected = byKey(EtlCsv.read(dir.resolve("expected_blocks.csv")), "number");
    for (EthBlock block : blocks) {
      JsonNode theirs = EtlData.parse("[" + expected.get(String.valueOf(block.number())).get("withdrawals") + "]");
      List<EthWithdrawal> ours = block.withdrawals().orElseThrow();
      assertThat(ours).hasSize(theirs.size()).hasSize(16);
      for (int i = 0; i < ours.size(); i++) {
        EthWithdrawal w = ours.get(i);
        assertThat(w.index()).isEqualTo(theirs.get(i).get("index").asLong());
        assertThat(w.validatorIndex()).isEqualTo(theirs.get(i).get("validator_index").asLong());
        assertThat(w.address()).isEqualTo(theirs.get(i).get("address").asText());
        assertThat(w.amountGwei()).isEqualTo(theirs.get(i).get("amount").bigIntegerValue());
      }
    }
    EthBlock first = blocks.get(0);
    assertThat(first.withdrawals().orElseThrow().get(0).amountWei())
        .isEqualTo(new BigInteger("45762059000000000"));
    assertThat(first.totalDifficulty()).contains(new BigInteger("58750003716598352816469"));
  }

  /** Every block and transaction row of the case's CSV files equals ours, column by column. */
  private static void assertAgree(Path dir, List<EthBlock> blocks) {
    List<Map<String, String>> expectedBlocks = EtlCsv.read(dir.resolve("expected_blocks.csv"));
    assertThat(expectedBlocks).hasSize(blocks.size());
    Map<String, EthBlock> byNumber =
        blocks.stream().collect(Collectors.toMap(b -> String.valueOf(b.number()), Function.identity()));
    for (Map<String, String> expected : expectedBlocks) {
      EthBlock block = byNumber.get(expected.get("number"));
      assertThat(block).as("block %s", expected.get("number")).isNotNull();
      assertThat(EtlRows.differences(expected, EtlRows.block(block), Set.of("withdrawals")))
          .as("block %s", block.number())
          .isEmpty();
    }

    List<Map<String, String>> expectedTxs = EtlCsv.read(dir.resolve("expected_transactions.csv"));
    int ours = blocks.stream().mapToInt(b -> b.transactions().size()).sum();
    assertThat(expectedTxs).hasSize(ours);
    Map<String, Map<String, String>> oursByHash = new HashMap<>();
    for (EthBlock block : blocks) {
      for (EthTransaction tx : block.transactions()) {
        oursByHash.put(EtlRows.hex(tx.hash()), EtlRows.transaction(block, tx));
      }
    }
    for (Map<String, String> expected : expectedTxs) {
      Map<String, String> mine = oursByHash.get(expected.get("hash"));
      assertThat(mine).as("transaction %s", expected.get("hash")).isNotNull();
      assertThat(EtlRows.differences(expected, mine, Set.of())).as("transaction %s", expected.get("hash")).isEmpty();
    }
  }

  /** An {@code eth_getBlockByNumber(n, true)} result with the values of the exporter's JSON output. */
  public static JsonNode nodeAnswer(JsonNode b, List<JsonNode> txs) {
    ObjectNode out = EtlData.JSON.createObjectNode();
    out.put("number", hex(b.get("number")));
    out.put("hash", b.get("hash").asText());
    out.put("parentHash", b.get("parent_hash").asText());
    out.put("nonce", b.get("nonce").asText());
    out.put("sha3Uncles", b.get("sha3_uncles").asText());
    out.put("logsBloom", b.get("logs_bloom").asText());
    out.put("transactionsRoot", b.get("transactions_root").asText());
    out.put("stateRoot", b.get("state_root").asText());
    out.put("receiptsRoot", b.get("receipts_root").asText());
    out.put("miner", b.get("miner").asText());
    out.put("difficulty", hex(b.get("difficulty")));
    out.put("totalDifficulty", hex(b.get("total_difficulty")));
    out.put("size", hex(b.get("size")));
    out.put("extraData", b.get("extra_data").asText());
    out.put("gasLimit", hex(b.get("gas_limit")));
    out.put("gasUsed", hex(b.get("gas_used")));
    out.put("timestamp", hex(b.get("timestamp")));
    out.put("baseFeePerGas", hex(b.get("base_fee_per_gas")));
    out.put("withdrawalsRoot", b.get("withdrawals_root").asText());
    out.putArray("uncles");
    ArrayNode transactions = out.putArray("transactions");
    for (JsonNode t : txs) {
      ObjectNode tx = transactions.addObject();
      tx.put("hash", t.get("hash").asText());
      tx.put("nonce", hex(t.get("nonce")));
      tx.put("blockHash", t.get("block_hash").asText());
      tx.put("blockNumber", hex(t.get("block_number")));
      tx.put("transactionIndex", hex(t.get("transaction_index")));
      tx.put("from", t.get("from_address").asText());
      if (t.get("to_address").isNull()) {
        tx.putNull("to");
      } else {
        tx.put("to", t.get("to_address").asText());
      }
      tx.put("value", hex(t.get("value")));
      tx.put("gas", hex(t.get("gas")));
      tx.put("gasPrice", hex(t.get("gas_price")));
      tx.put("input", t.get("input").asText());
      tx.put("type", hex(t.get("transaction_type")));
      if (!t.get("max_fee_per_gas").isNull()) {
        tx.put("maxFeePerGas", hex(t.get("max_fee_per_gas")));
        tx.put("maxPriorityFeePerGas", hex(t.get("max_priority_fee_per_gas")));
      }
    }
    ArrayNode withdrawals = out.putArray("withdrawals");
    for (JsonNode w : b.get("withdrawals")) {
      ObjectNode o = withdrawals.addObject();
      o.put("index", hex(w.get("index")));
      o.put("validatorIndex", hex(w.get("validator_index")));
      o.put("address", w.get("address").asText());
      o.put("amount", hex(w.get("amount")));
    }
    return out;
  }

  private static String hex(JsonNode integer) {
    return "0x" + integer.bigIntegerValue().toString(16);
  }

  private static Map<String, Map<String, String>> byKey(List<Map<String, String>> rows, String column) {
    return rows.stream().collect(Collectors.toMap(r -> r.get(column), Function.identity()));
  }
}
