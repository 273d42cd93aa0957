package org.openbds.ethereum.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openbds.api.Hash32;

/**
 * Receipts and logs decoded from ethereum-etl's recorded {@code eth_getTransactionReceipt} answers (block 483920)
 * against {@code expected_receipts.csv} and {@code expected_logs.csv}, every column. The receipts are checked against
 * the same block's recorded {@code eth_getBlockByNumber} answer (from the blocks job), as a source does.
 */
public class EthReceiptConformanceTest {
  /** Optimism-style L1 fee columns: empty for Ethereum mainnet, which is all these files hold. */
  private static final Set<String> L1_COLUMNS = Set.of("l1_fee", "l1_gas_used", "l1_gas_price", "l1_fee_scalar");

  @Test
  void receiptsAndLogsGiveTheExportersRows() {
    Path dir = EtlData.caseDir("test_export_receipts_job", "receipts_with_logs");
    EthBlock block = block483920();
    List<EthReceipt> receipts = EthReceiptDecoder.decode(block, receiptsInBlockOrder(dir, block));
    assertThat(receipts).hasSize(4);

    List<Map<String, String>> expectedReceipts = EtlCsv.read(dir.resolve("expected_receipts.csv"));
    assertThat(expectedReceipts).hasSize(receipts.size());
    Map<String, Map<String, String>> ours = new HashMap<>();
    for (EthReceipt r : receipts) {
      ours.put(EtlRows.hex(r.transactionHash()), EtlRows.receipt(block, r));
    }
    for (Map<String, String> expected : expectedReceipts) {
      for (String column : L1_COLUMNS) {
        assertThat(expected.get(column)).as(column).isEmpty();
      }
      Map<String, String> mine = ours.get(expected.get("transaction_hash"));
      assertThat(mine).as("receipt %s", expected.get("transaction_hash")).isNotNull();
      assertThat(EtlRows.differences(expected, mine, L1_COLUMNS)).as(expected.get("transaction_hash")).isEmpty();
    }

    List<Map<String, String>> expectedLogs = EtlCsv.read(dir.resolve("expected_logs.csv"));
    List<EthLog> logs = receipts.stream().flatMap(r -> r.logs().stream()).toList();
    assertThat(logs).hasSize(expectedLogs.size()).hasSize(2);
    for (int i = 0; i < logs.size(); i++) {
      assertThat(EtlRows.differences(expectedLogs.get(i), EtlRows.log(block, logs.get(i)), Set.of())).isEmpty();
    }
  }

  @Test
  void preByzantiumReceiptValues() {
    Path dir = EtlData.caseDir("test_export_receipts_job", "receipts_with_logs");
    EthBlock block = block483920();
    EthReceipt first = EthReceiptDecoder.decode(block, receiptsInBlockOrder(dir, block)).get(0);
    // before Byzantium a receipt carries the intermediate state root and no status
    assertThat(first.status()).isEmpty();
    assertThat(first.root())
        .contains(Hash32.parse("2ec017656e20275e92cbd1cdee9aeb43c1a090a5e217797da7c58dbf5be50e5b"));
    assertThat(first.gasUsed()).isEqualTo(50_853L);
    assertThat(first.effectiveGasPrice()).contains(BigInteger.valueOf(50_000_000_000L));
    assertThat(first.contractAddress()).isEmpty();
    EthLog log = first.logs().get(0);
    assertThat(log.address()).isEqualTo("0xf4eced2f682ce333f96f2d8966c613ded8fc95dd");
    assertThat(log.topics()).hasSize(3);
    assertThat(log.topics().get(0).toString())
        .isEqualTo("ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
  }

  static EthBlock block483920() {
    Path blockDir = EtlData.caseDir("test_export_blocks_job", "block_with_logs");
    return EthBlockDecoder.decode(EtlData.result(EtlData.answer(blockDir, "eth_getBlockByNumber")));
  }

  /** The recorded receipts (one file per transaction) as an array in the block's transaction order. */
  public static ArrayNode receiptsInBlockOrder(Path dir, EthBlock block) {
    Map<String, JsonNode> byHash = new HashMap<>();
    for (Path file : EtlData.answers(dir, "eth_getTransactionReceipt")) {
      JsonNode receipt = EtlData.result(file);
      byHash.put(receipt.get("transactionHash").asText(), receipt);
    }
    ArrayNode out = EtlData.JSON.createArrayNode();
    for (EthTransaction tx : block.transactions()) {
      out.add(byHash.get(EtlRows.hex(tx.hash())));
    }
    return out;
  }
}
