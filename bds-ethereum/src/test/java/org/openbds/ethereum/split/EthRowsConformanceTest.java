package org.openbds.ethereum.split;

import org.openbds.api.CapturedRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.ethereum.split.SplitterRun.differences;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openbds.ethereum.codec.EthBlockConformanceTest;
import org.openbds.ethereum.codec.EthBlockDecoder;
import org.openbds.ethereum.codec.EthReceiptConformanceTest;
import org.openbds.ethereum.codec.EtlCsv;
import org.openbds.ethereum.codec.EtlData;
import org.openbds.ethereum.codec.TraceStyle;
import org.openbds.ethereum.profile.EthChainProfile;
import org.openbds.ethereum.profile.RewardSchedule;

/**
 * The rows the splitter writes to the warehouse — payload bytes through {@link EthSplitter#decode} and
 * {@link EthSplitter#resolve}, then the block's rows written into a {@link CapturedRows} — against ethereum-etl's
 * expected output, column by column wherever the exporter has the column: blocks and transactions (blocks job),
 * receipts and logs (receipts job) and token transfers (token transfers job) of block 483920. Where the warehouse's
 * shape differs (no {@code block_hash} beside {@code block_number}, receipts in the transactions table, four topic
 * columns, withdrawals as rows) the test asserts the documented form (docs/ethereum-conformance.md). Trace and
 * contract rows are in {@link EthTraceRowsConformanceTest}.
 */
class EthRowsConformanceTest {
  private static final RewardSchedule MAINNET = EthChainProfile.load("eth").network("mainnet").rewards();
  private static final String JOB = "test_export_blocks_job";
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final String TOKEN = "0xf4eced2f682ce333f96f2d8966c613ded8fc95dd";

  /** Block 483920 with its recorded receipts: every column the exporter writes for blocks, transactions, receipts, logs and token transfers. */
  @Test
  void blockWithLogsGivesTheExportersRows() {
    Path dir = EtlData.caseDir(JOB, "block_with_logs");
    Path receiptsDir = EtlData.caseDir("test_export_receipts_job", "receipts_with_logs");
    JsonNode block = EtlData.result(EtlData.answer(dir, "eth_getBlockByNumber"));
    JsonNode receipts = EthReceiptConformanceTest.receiptsInBlockOrder(receiptsDir, EthBlockDecoder.decode(block));
    SplitterRun.Split split = SplitterRun.split(MAINNET, block, receipts, TraceStyle.NONE, null, List.of(), Map.of(TOKEN, SplitterRun.UNANSWERED));
    CapturedRows rows = split.rows();
    assertBlocksAndTransactions(dir, List.of(split));
    assertFees(split);

    // receipts: their columns are in our transactions rows; the Optimism-style l1_* columns are empty on mainnet
    List<Map<String, String>> expectedReceipts = EtlCsv.read(receiptsDir.resolve("expected_receipts.csv"));
    Map<String, Map<String, Object>> txByHash = byKey(rows.rows(EthTables.TRANSACTIONS), "hash");
    assertThat(expectedReceipts).hasSize(4).hasSameSizeAs(txByHash.entrySet());
    Set<String> l1 = Set.of("l1_fee", "l1_gas_used", "l1_gas_price", "l1_fee_scalar");
    for (Map<String, String> expected : expectedReceipts) {
      Map<String, Object> tx = txByHash.get(expected.get("transaction_hash"));
      assertThat(tx).as("transaction %s", expected.get("transaction_hash")).isNotNull();
      Map<String, Object> asReceipt = new HashMap<>(tx);
      asReceipt.put("transaction_hash", tx.get("hash"));
      assertThat(differences(expected, asReceipt, union(l1, Set.of("block_hash")))).as(expected.get("transaction_hash")).isEmpty();
      assertThat(expected.get("block_hash")).isEqualTo(rows.row(EthTables.BLOCKS).get("hash"));
      l1.forEach(column -> assertThat(expected.get(column)).as(column).isEmpty());
      // before Byzantium: no status, the intermediate state root instead
      assertThat(tx.get("status")).isNull();
      assertThat(tx.get("root")).isNotNull();
    }

    // logs: the exporter's comma-joined topics are our topic0..topic3 columns
    List<Map<String, String>> expectedLogs = EtlCsv.read(receiptsDir.resolve("expected_logs.csv"));
    List<Map<String, Object>> logs = rows.rows(EthTables.LOGS);
    assertThat(logs).hasSize(2).hasSameSizeAs(expectedLogs);
    for (int i = 0; i < logs.size(); i++) {
      Map<String, String> expected = expectedLogs.get(i);
      Map<String, Object> log = logs.get(i);
      assertThat(differences(expected, log, Set.of("block_hash", "topics"))).as("log %d", i).isEmpty();
      assertThat(expected.get("block_hash")).isEqualTo(rows.row(EthTables.BLOCKS).get("hash"));
      String topics = Stream.of("topic0", "topic1", "topic2", "topic3").map(log::get).filter(t -> t != null).map(String::valueOf)
          .collect(Collectors.joining(","));
      assertThat(topics).isEqualTo(expected.get("topics"));
      assertThat(log.get("topic3")).as("a three-topic ERC-20 Transfer").isNull();
    }

    // token transfers: every column of the exporter's; ours add the standard, operator, token id and batch entry
    Path transfersDir = EtlData.caseDir("test_export_token_transfers_job", "block_with_transfers");
    List<Map<String, String>> expectedTransfers = EtlCsv.read(transfersDir.resolve("expected_token_transfers.csv"));
    List<Map<String, Object>> transfers = rows.rows(EthTables.TOKEN_TRANSFERS);
    assertThat(transfers).hasSize(2).hasSameSizeAs(expectedTransfers);
    for (int i = 0; i < transfers.size(); i++) {
      Map<String, Object> t = transfers.get(i);
      assertThat(differences(expectedTransfers.get(i), t, Set.of())).as("transfer %d", i).isEmpty();
      assertThat(t).containsEntry("token_standard", "erc20").containsEntry("operator_address", null)
          .containsEntry("token_id", null).containsEntry("batch_index", 0);
    }

    // the token is new to the warehouse: one tokens row, with what its metadata calls answered (nothing here)
    assertThat(rows.row(EthTables.TOKENS)).containsEntry("address", TOKEN).containsEntry("block_number", 483920L)
        .containsEntry("token_standard", "erc20").containsEntry("name", null).containsEntry("symbol", null)
        .containsEntry("decimals", null).containsEntry("total_supply", null);

    // balance changes: the opening balances of the addresses first seen here come first, as the facts said them;
    // after them only the 5 ETH block reward is new money (fees move from senders to the miner)
    List<Map<String, Object>> changes = rows.rows(EthTables.BALANCE_CHANGES);
    List<Map<String, Object>> openings = changes.subList(0, split.facts().openings().size());
    assertThat(openings).allSatisfy(c -> assertThat(c.get("kind")).isEqualTo("opening"));
    assertThat(openings.stream().collect(Collectors.toMap(c -> (String) c.get("address"), c -> (BigInteger) c.get("delta"))))
        .isEqualTo(split.facts().openings());
    List<Map<String, Object>> own = changes.subList(openings.size(), changes.size());
    assertThat(own).noneSatisfy(c -> assertThat(c.get("kind")).isEqualTo("opening"));
    assertThat(own.stream().map(c -> (BigInteger) c.get("delta")).reduce(BigInteger.ZERO, BigInteger::add)).isEqualTo(ETHER.multiply(BigInteger.valueOf(5)));
    assertThat(own).filteredOn(c -> c.get("kind").equals("block_reward")).singleElement()
        .satisfies(c -> assertThat(c).containsEntry("address", split.block().miner()).containsEntry("delta", ETHER.multiply(BigInteger.valueOf(5))));
  }

  /** Genesis and blocks 47218-47219: the exporter's block and transaction columns (the cases hold no receipts). */
  @ParameterizedTest
  @ValueSource(strings = {"block_without_transactions", "blocks_with_transactions"})
  void recordedBlocksGiveTheExportersRows(String name) {
    Path dir = EtlData.caseDir(JOB, name);
    List<SplitterRun.Split> splits = new ArrayList<>();
    for (Path answer : EtlData.answers(dir, "eth_getBlockByNumber")) {
      JsonNode block = EtlData.result(answer);
      splits.add(SplitterRun.split(MAINNET, block, SplitterRun.standInReceipts(block), TraceStyle.NONE, null));
    }
    assertThat(splits).isNotEmpty();
    assertBlocksAndTransactions(dir, splits);
    for (SplitterRun.Split split : splits) {
      assertFees(split);
      // before London and Shanghai: no base fee, nothing burnt, no withdrawals
      assertThat(split.rows().row(EthTables.BLOCKS)).containsEntry("base_fee_per_gas", null).containsEntry("burnt_fees", null)
          .containsEntry("withdrawal_count", null).containsEntry("withdrawals_root", null);
      assertThat(split.rows().rows(EthTables.WITHDRAWALS)).isEmpty();
    }
  }

  /**
   * Genesis is not mined: the node's {@code trace_block} answer for block 0 holds no reward (and the exporter's trace
   * file is empty), so block 0 changes no balance.
   */
  @Test
  void genesisChangesNoBalance() {
    JsonNode block = EtlData.result(EtlData.answer(EtlData.caseDir(JOB, "block_without_transactions"), "eth_getBlockByNumber"));
    Path tracesDir = EtlData.caseDir("test_export_traces_job", "block_without_transactions");
    JsonNode traces = EtlData.result(EtlData.answer(tracesDir, "trace_block"));
    assertThat(traces).isEmpty();
    assertThat(EtlCsv.read(tracesDir.resolve("expected_traces.csv"))).isEmpty();
    SplitterRun.Split split = SplitterRun.split(MAINNET, block, EtlData.JSON.createArrayNode(), TraceStyle.PARITY, traces);
    assertThat(split.rows().row(EthTables.BLOCKS)).containsEntry("number", 0L).containsEntry("transaction_count", 0);
    assertThat(split.rows().rows(EthTables.TRACES)).isEmpty();
    assertThat(split.rows().rows(EthTables.BALANCE_CHANGES)).isEmpty();
  }

  /**
   * Blocks 17173049-17173050 (after London and Shanghai), rebuilt in the node's shape from the exporter's JSON output
   * as {@link EthBlockConformanceTest} does: base fee, withdrawals root, burnt fees; type-2 transactions, whose
   * price paid we work out from the fee caps where no receipt says it.
   */
  @Test
  void withdrawalsBlocksGiveTheExportersRows() {
    Path dir = EtlData.caseDir(JOB, "blocks_with_transactions_and_withdrawals");
    List<SplitterRun.Split> splits = withdrawalsBlocks(dir);
    assertThat(splits).hasSize(2);
    assertBlocksAndTransactions(dir, splits);
    Map<String, Map<String, String>> expectedTxs = byText(EtlCsv.read(dir.resolve("expected_transactions.csv")), "hash");
    for (SplitterRun.Split split : splits) {
      assertFees(split);
      Map<String, Object> block = split.rows().row(EthTables.BLOCKS);
      BigInteger baseFee = (BigInteger) block.get("base_fee_per_gas");
      assertThat(baseFee).isPositive();
      assertThat(block.get("burnt_fees")).isEqualTo(baseFee.multiply(BigInteger.valueOf((Long) block.get("gas_used"))));
      // before Cancun and Prague: the exporter has no blob or beacon root columns, and the header no such fields
      assertThat(block).containsEntry("blob_gas_used", null).containsEntry("excess_blob_gas", null)
          .containsEntry("parent_beacon_block_root", null).containsEntry("requests_hash", null);
      List<Map<String, Object>> txs = split.rows().rows(EthTables.TRANSACTIONS);
      assertThat(txs).extracting(t -> t.get("transaction_type")).contains(0, 2);
      for (Map<String, Object> tx : txs) {
        // the node's gasPrice of a type-2 transaction (the exporter's gas_price) is the price paid: ours, from
        // min(max fee, base fee + priority fee) for want of a receipt's, is the same
        assertThat(CapturedRows.text(tx.get("effective_gas_price"))).as("transaction %s", tx.get("hash"))
            .isEqualTo(expectedTxs.get((String) tx.get("hash")).get("gas_price"));
      }
    }
  }

  /**
   * The withdrawals of blocks 17173049-17173050: the exporter writes them as JSON text in the blocks row (the
   * documented difference); ours are rows of {@code withdrawals}, and each credits its address with a
   * {@code withdrawal} balance change of the amount in wei (gwei × 10^9).
   */
  @Test
  void withdrawalRowsAreTheExportersWithdrawals() {
    Path dir = EtlData.caseDir(JOB, "blocks_with_transactions_and_withdrawals");
    Map<String, Map<String, String>> expectedBlocks = byText(EtlCsv.read(dir.resolve("expected_blocks.csv")), "number");
    BigInteger gwei = BigInteger.TEN.pow(9);
    List<SplitterRun.Split> splits = withdrawalsBlocks(dir);
    for (SplitterRun.Split split : splits) {
      long number = split.block().number();
      JsonNode theirs = EtlData.parse("[" + expectedBlocks.get(String.valueOf(number)).get("withdrawals") + "]");
      List<Map<String, Object>> ours = split.rows().rows(EthTables.WITHDRAWALS);
      assertThat(ours).hasSize(16).hasSize(theirs.size());
      List<String> credits = new ArrayList<>();
      for (int i = 0; i < ours.size(); i++) {
        JsonNode w = theirs.get(i);
        BigInteger amountGwei = w.get("amount").bigIntegerValue();
        assertThat(amountGwei).isPositive();
        assertThat(ours.get(i)).as("block %d withdrawal %d", number, i).containsEntry("block_number", number)
            .containsEntry("withdrawal_index", w.get("index").asLong()).containsEntry("validator_index", w.get("validator_index").asLong())
            .containsEntry("address", w.get("address").asText()).containsEntry("amount_gwei", amountGwei.longValueExact())
            .containsEntry("amount", amountGwei.multiply(gwei));
        credits.add(w.get("address").asText() + " " + amountGwei.multiply(gwei));
      }
      List<Map<String, Object>> withdrawals = split.rows().rows(EthTables.BALANCE_CHANGES).stream()
          .filter(c -> c.get("kind").equals("withdrawal")).toList();
      assertThat(withdrawals).allSatisfy(c -> assertThat(c).containsEntry("block_number", number)
          .containsEntry("transaction_index", null).containsEntry("transaction_hash", null));
      assertThat(withdrawals.stream().map(c -> c.get("address") + " " + c.get("delta"))).containsExactlyElementsOf(credits);
    }
    // the first withdrawal of block 17173049: 45,762,059 gwei = 45,762,059 × 10^9 wei
    Map<String, Object> first = splits.get(0).rows().rows(EthTables.WITHDRAWALS).get(0);
    assertThat(first).containsEntry("amount_gwei", 45_762_059L).containsEntry("amount", new BigInteger("45762059000000000"));
  }

  static List<SplitterRun.Split> withdrawalsBlocks(Path dir) {
    List<JsonNode> txJson = EtlData.jsonLines(dir.resolve("expected_transactions.json"));
    List<SplitterRun.Split> splits = new ArrayList<>();
    for (JsonNode b : EtlData.jsonLines(dir.resolve("expected_blocks.json"))) {
      List<JsonNode> txs = txJson.stream().filter(t -> t.get("block_number").asLong() == b.get("number").asLong()).toList();
      JsonNode block = EthBlockConformanceTest.nodeAnswer(b, txs);
      splits.add(SplitterRun.split(MAINNET, block, SplitterRun.standInReceipts(block), TraceStyle.NONE, null));
    }
    return splits;
  }

  /**
   * Every row of the case's {@code expected_blocks.csv} and {@code expected_transactions.csv} against our blocks and
   * transactions rows, every column. Checked apart: the exporter's {@code withdrawals} JSON (our withdrawal count
   * here, the withdrawals rows in their own test) and a transaction's {@code block_hash} (ours joins the blocks row by
   * {@code block_number}, whose hash it must be).
   */
  private static void assertBlocksAndTransactions(Path dir, List<SplitterRun.Split> splits) {
    Map<String, Map<String, Object>> blocks = new HashMap<>();
    Map<String, Map<String, Object>> txs = new HashMap<>();
    for (SplitterRun.Split s : splits) {
      Map<String, Object> block = s.rows().row(EthTables.BLOCKS);
      blocks.put(CapturedRows.text(block.get("number")), block);
      txs.putAll(byKey(s.rows().rows(EthTables.TRANSACTIONS), "hash"));
    }
    List<Map<String, String>> expectedBlocks = EtlCsv.read(dir.resolve("expected_blocks.csv"));
    assertThat(expectedBlocks).hasSameSizeAs(splits);
    for (Map<String, String> expected : expectedBlocks) {
      Map<String, Object> ours = blocks.get(expected.get("number"));
      assertThat(ours).as("block %s", expected.get("number")).isNotNull();
      assertThat(differences(expected, ours, Set.of("withdrawals"))).as("block %s", expected.get("number")).isEmpty();
      String withdrawals = expected.get("withdrawals");
      Object count = withdrawals.isEmpty() ? null : EtlData.parse("[" + withdrawals + "]").size();
      assertThat(ours.get("withdrawal_count")).as("block %s", expected.get("number")).isEqualTo(count);
    }
    List<Map<String, String>> expectedTxs = EtlCsv.read(dir.resolve("expected_transactions.csv"));
    assertThat(expectedTxs).hasSameSizeAs(txs.entrySet());
    for (Map<String, String> expected : expectedTxs) {
      Map<String, Object> ours = txs.get(expected.get("hash"));
      assertThat(ours).as("transaction %s", expected.get("hash")).isNotNull();
      assertThat(differences(expected, ours, Set.of("block_hash"))).as("transaction %s", expected.get("hash")).isEmpty();
      assertThat(blocks.get(CapturedRows.text(ours.get("block_number"))).get("hash")).isEqualTo(expected.get("block_hash"));
    }
  }

  /**
   * The fee columns of each transaction row follow from its others: {@code fee = gas_used * effective_gas_price}
   * (plus the blob fee), {@code burnt_fee = gas_used * base_fee} (plus the blob fee) where the block has a base fee,
   * NULL otherwise; the sender's {@code fee} balance change is minus the fee, the miner's {@code miner_fee} the fee
   * less what burnt; the block's {@code burnt_fees} is the base fee times its gas used plus the blob fees.
   */
  private static void assertFees(SplitterRun.Split split) {
    Map<String, Object> block = split.rows().row(EthTables.BLOCKS);
    BigInteger baseFee = (BigInteger) block.get("base_fee_per_gas");
    List<Map<String, Object>> changes = split.rows().rows(EthTables.BALANCE_CHANGES);
    BigInteger blobFees = BigInteger.ZERO;
    for (Map<String, Object> tx : split.rows().rows(EthTables.TRANSACTIONS)) {
      BigInteger gasUsed = big(tx.get("gas_used"));
      BigInteger blobFee = tx.get("blob_gas_used") == null ? BigInteger.ZERO : big(tx.get("blob_gas_used")).multiply(big(tx.get("blob_gas_price")));
      blobFees = blobFees.add(blobFee);
      BigInteger fee = gasUsed.multiply(big(tx.get("effective_gas_price"))).add(blobFee);
      assertThat(tx.get("fee")).as("fee of %s", tx.get("hash")).isEqualTo(fee);
      BigInteger burnt = baseFee == null ? null : gasUsed.multiply(baseFee).add(blobFee);
      assertThat(tx.get("burnt_fee")).as("burnt fee of %s", tx.get("hash")).isEqualTo(burnt);
      assertThat(changes).filteredOn(c -> c.get("kind").equals("fee") && tx.get("hash").equals(c.get("transaction_hash"))).singleElement()
          .satisfies(c -> assertThat(c).containsEntry("address", tx.get("from_address")).containsEntry("delta", fee.negate())
              .containsEntry("transaction_index", tx.get("transaction_index")));
      // a zero change (a transaction without priority fee leaves the miner nothing) is no row
      BigInteger minerPart = burnt == null ? fee : fee.subtract(burnt);
      List<Map<String, Object>> minerFee = changes.stream()
          .filter(c -> c.get("kind").equals("miner_fee") && tx.get("hash").equals(c.get("transaction_hash"))).toList();
      if (minerPart.signum() == 0) {
        assertThat(minerFee).isEmpty();
      } else {
        assertThat(minerFee).singleElement()
            .satisfies(c -> assertThat(c).containsEntry("address", block.get("miner")).containsEntry("delta", minerPart));
      }
    }
    BigInteger burntFees = baseFee == null ? null : baseFee.multiply(big(block.get("gas_used"))).add(blobFees);
    assertThat(block.get("burnt_fees")).isEqualTo(burntFees);
  }

  static BigInteger big(Object value) {
    return value instanceof BigInteger b ? b : BigInteger.valueOf(((Number) value).longValue());
  }

  static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> rows, String column) {
    return rows.stream().collect(Collectors.toMap(r -> CapturedRows.text(r.get(column)), r -> r));
  }

  private static Map<String, Map<String, String>> byText(List<Map<String, String>> rows, String column) {
    return rows.stream().collect(Collectors.toMap(r -> r.get(column), r -> r));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
  }
}
