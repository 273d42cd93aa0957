package org.openbds.ethereum.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openbds.api.Hash32;
import org.openbds.ethereum.codec.EthLog;

/**
 * Our transfers against ethereum-etl's {@code expected_token_transfers.csv} for the logs it was given. Both recorded
 * cases hold ERC-20 transfers only; the shapes where we differ (ERC-721, ERC-1155, Transfer without indexed arguments)
 * are pinned in {@link TokenTransferExtractorTest} and listed in {@code docs/ethereum-tokens.md}.
 */
class EthereumEtlTokenTransfersConformanceTest {
  private final TokenTransferExtractor extractor = new TokenTransferExtractor();

  @Test
  void blockWithTransfersFromTheFilterLogsAnswer() {
    Path dir = EthereumEtlFiles.caseDir("test_export_token_transfers_job", "block_with_transfers");
    JsonNode answer = EthereumEtlFiles.json(dir.resolve("web3_response.eth_getFilterLogs_0x0.json")).get("result");
    List<EthLog> logs = new ArrayList<>();
    for (JsonNode log : answer) {
      logs.add(logFromRpc(log));
      // block_number is not part of a log's transfer: it is the enclosing block's, which the caller knows
      assertThat(Long.decode(log.get("blockNumber").asText())).isEqualTo(483920L);
    }
    List<Map<String, String>> expected = EthereumEtlFiles.csv(dir.resolve("expected_token_transfers.csv"));

    List<TokenTransfer> transfers = extractAll(logs);

    assertMatches(transfers, expected);
    assertThat(transfers)
        .extracting(TokenTransfer::value)
        .containsExactly(BigInteger.valueOf(100_000), BigInteger.valueOf(200_000));
    assertThat(expected).extracting(row -> row.get("block_number")).containsOnly("483920");
  }

  @Test
  void logsCsvOfAnotherJob() {
    Path dir = EthereumEtlFiles.caseDir("test_extract_token_transfers_job", "logs");
    List<EthLog> logs =
        EthereumEtlFiles.csv(dir.resolve("logs.csv")).stream()
            .map(EthereumEtlTokenTransfersConformanceTest::logFromCsv)
            .toList();
    List<Map<String, String>> expected = EthereumEtlFiles.csv(dir.resolve("expected_token_transfers.csv"));

    List<TokenTransfer> transfers = extractAll(logs);

    // log 4 is another event (topic 0xde857d27…): neither a transfer nor a skipped one
    assertThat(extractor.extract(logs.get(1))).isEqualTo(TransferExtraction.none());
    assertMatches(transfers, expected);
    assertThat(transfers)
        .extracting(TokenTransfer::value)
        .containsExactly(new BigInteger("109000000000000000000"), new BigInteger("40000000000"));
  }

  private List<TokenTransfer> extractAll(List<EthLog> logs) {
    List<TokenTransfer> out = new ArrayList<>();
    for (EthLog log : logs) {
      TransferExtraction extraction = extractor.extract(log);
      assertThat(extraction.skipped()).as("log %d", log.logIndex()).isEmpty();
      out.addAll(extraction.transfers());
    }
    return out;
  }

  /** Field by field; the columns ethereum-etl does not have are asserted with our value, named as a difference. */
  private static void assertMatches(List<TokenTransfer> actual, List<Map<String, String>> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Map<String, String> row = expected.get(i);
      TokenTransfer transfer = actual.get(i);
      assertThat(transfer.tokenAddress()).isEqualTo(row.get("token_address"));
      assertThat(transfer.from()).isEqualTo(row.get("from_address"));
      assertThat(transfer.to()).isEqualTo(row.get("to_address"));
      assertThat(transfer.value()).isEqualTo(new BigInteger(row.get("value")));
      assertThat(transfer.transactionHash()).isEqualTo(EthereumEtlFiles.hash(row.get("transaction_hash")));
      assertThat(transfer.logIndex()).isEqualTo(Integer.parseInt(row.get("log_index")));
      // Difference: ethereum-etl has no standard, operator, token id or batch index column.
      assertThat(transfer.standard()).isEqualTo(TokenStandard.ERC20);
      assertThat(transfer.operator()).isEmpty();
      assertThat(transfer.tokenId()).isEmpty();
      assertThat(transfer.batchIndex()).isZero();
    }
  }

  private static EthLog logFromRpc(JsonNode log) {
    List<Hash32> topics = new ArrayList<>();
    log.get("topics").forEach(t -> topics.add(EthereumEtlFiles.hash(t.asText())));
    return new EthLog(
        Integer.decode(log.get("logIndex").asText()),
        EthereumEtlFiles.hash(log.get("transactionHash").asText()),
        Integer.decode(log.get("transactionIndex").asText()),
        log.get("address").asText(),
        log.get("data").asText(),
        topics);
  }

  private static EthLog logFromCsv(Map<String, String> row) {
    List<Hash32> topics = Arrays.stream(row.get("topics").split(",")).map(EthereumEtlFiles::hash).toList();
    return new EthLog(
        Integer.parseInt(row.get("log_index")),
        EthereumEtlFiles.hash(row.get("transaction_hash")),
        Integer.parseInt(row.get("transaction_index")),
        row.get("address"),
        row.get("data"),
        topics);
  }
}
