package org.openbds.ethereum.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our token metadata against ethereum-etl's {@code expected_tokens.csv}, with the contract calls answered from the
 * recorded {@code eth_call} responses. ethereum-etl writes an unknown field as an empty CSV cell; so do we.
 */
class EthereumEtlTokensConformanceTest {
  private static final String JOB = "test_export_tokens_job";

  @Test
  void everyRecordedCaseIsCovered() throws IOException {
    try (Stream<Path> cases = Files.list(EthereumEtlFiles.jobDir(JOB))) {
      assertThat(cases.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("token_with_alternative_return_type", "token_with_invalid_data");
    }
  }

  @Test
  void tokenWithInvalidData() {
    // name() and symbol() are ABI strings of length 6 holding "ETH" and three NUL bytes
    TokenMetadata metadata = checkCase("token_with_invalid_data");

    assertThat(metadata)
        .isEqualTo(new TokenMetadata(Optional.of("ETH"), Optional.of("ETH"), Optional.of(18),
            Optional.of(new BigInteger("6547475210000000000"))));
  }

  @Test
  void tokenWithAlternativeReturnType() {
    // EOS: symbol() returns bytes32 "EOS"; name() returns 32 zero bytes
    TokenMetadata metadata = checkCase("token_with_alternative_return_type");

    // Difference (invisible in the CSV): ethereum-etl keeps an empty string for name, we call it unknown.
    assertThat(metadata)
        .isEqualTo(new TokenMetadata(Optional.empty(), Optional.of("EOS"), Optional.of(18),
            Optional.of(new BigInteger("1000000000000000000000000000"))));
  }

  /** Reads the case's one token with a caller that replays the recordings, and compares every CSV column. */
  private static TokenMetadata checkCase(String name) {
    Path dir = EthereumEtlFiles.caseDir(JOB, name);
    List<Map<String, String>> expected = EthereumEtlFiles.csv(dir.resolve("expected_tokens.csv"));
    assertThat(expected).hasSize(1);
    Map<String, String> row = expected.get(0);
    RecordedCaller caller = new RecordedCaller(dir);

    TokenMetadata metadata = new TokenMetadataReader(caller).read(row.get("address"));

    assertThat(metadata.symbol().orElse("")).isEqualTo(row.get("symbol"));
    assertThat(metadata.name().orElse("")).isEqualTo(row.get("name"));
    assertThat(metadata.decimals().map(String::valueOf).orElse("")).isEqualTo(row.get("decimals"));
    assertThat(metadata.totalSupply().map(BigInteger::toString).orElse("")).isEqualTo(row.get("total_supply"));
    // block_number is empty: the exporter called at "latest", and so did the recordings we replay
    assertThat(row.get("block_number")).isEmpty();
    assertThat(caller.files).hasSize(4);
    return metadata;
  }

  /**
   * Answers from {@code web3_response.eth_call_data_<data>_to_<address>_latest.json}: the result, or empty for a
   * JSON-RPC error (a revert). A call without a recording fails the test.
   */
  private static final class RecordedCaller implements ContractCaller {
    private final Path dir;
    private final List<Path> files = new ArrayList<>();

    RecordedCaller(Path dir) {
      this.dir = dir;
    }

    @Override
    public Optional<String> call(String contractAddress, String data) {
      Path file = dir.resolve("web3_response.eth_call_data_" + data + "_to_" + contractAddress + "_latest.json");
      if (!Files.isRegularFile(file)) {
        throw new AssertionError("no recorded answer for " + file.getFileName());
      }
      files.add(file);
      JsonNode answer = EthereumEtlFiles.json(file);
      if (answer.has("error")) {
        return Optional.empty();
      }
      JsonNode result = answer.get("result");
      if (result == null || !result.isTextual()) {
        throw new AssertionError("recording without a result or an error: " + file.getFileName());
      }
      return Optional.of(result.asText());
    }
  }
}
