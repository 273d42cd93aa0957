package org.openbds.ethereum.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our classification against ethereum-etl's {@code expected_contracts.json} (CryptoKitties' runtime code), and the one
 * place our selector rule deliberately finds more: newer solc dispatchers, on a mainnet ERC-20 deployed in block
 * 17173050 (from ethereum-etl's block export case).
 */
class EthereumEtlContractsConformanceTest {
  private final ContractClassifier classifier = new ContractClassifier();

  @Test
  void erc721ContractCryptoKitties() {
    Path dir = EthereumEtlFiles.caseDir("test_export_contracts_job", "erc721_contract");
    Path answer = dir.resolve("web3_response.eth_getCode_0x06012c8cf97bead5deae237070f9587f8e7a266d_latest.json");
    String code = EthereumEtlFiles.json(answer).get("result").asText();
    JsonNode expected = EthereumEtlFiles.json(dir.resolve("expected_contracts.json"));

    ContractClassification c = classifier.classify(code);

    assertThat(expected.get("address").asText()).isEqualTo("0x06012c8cf97bead5deae237070f9587f8e7a266d");
    assertThat(expected.get("bytecode").asText()).isEqualTo(code);
    assertThat(c.functionSelectors()).containsExactlyElementsOf(texts(expected.get("function_sighashes")));
    assertThat(c.functionSelectors()).hasSize(60).contains("0x6352211e", "0x70a08231", "0x095ea7b3", "0xffffffff");
    assertThat(c.isErc20()).isEqualTo(expected.get("is_erc20").asBoolean()).isFalse();
    assertThat(c.isErc721()).isEqualTo(expected.get("is_erc721").asBoolean()).isTrue();
    assertThat(expected.get("block_number").isNull()).isTrue();
    // Difference: ethereum-etl has no ERC-1155 flag and no code hash. The hash was checked with an independent
    // Keccak implementation.
    assertThat(c.isErc1155()).isFalse();
    assertThat(c.bytecodeHash()).isEqualTo("0xfa9b00013baf788bc1d494792bbee58696d7f9fd422a13fd59ee0ab478be5d84");
  }

  @Test
  void newerSolcDispatcherIsFoundWhereEthereumEtlFindsNothing() {
    byte[] runtime = deployedRuntime();
    String code = "0x" + EthereumEtlFiles.HEX.formatHex(runtime);

    ContractClassification c = classifier.classify(code);

    // PUSH1 80 PUSH1 40 MSTORE CALLVALUE DUP1 ISZERO PUSH2 0010 JUMPI PUSH1 0 DUP1 REVERT JUMPDEST: the call-value
    // check puts a JUMPDEST at byte 16, before the dispatcher, so ethereum-etl's first block holds no PUSH4 at all.
    assertThat(code).startsWith("0x608060405234801561001057600080fd5b");
    // Difference: ethereum-etl would report no selectors and is_erc20 false.
    assertThat(c.functionSelectors())
        .containsExactly(
            "0x06fdde03", "0x095ea7b3", "0x149fc8cb", "0x18160ddd", "0x23b872dd", "0x313ce567", "0x39509351",
            "0x70a08231", "0x715018a6", "0x8da5cb5b", "0x95d89b41", "0xa457c2d7", "0xa9059cbb", "0xdd62ed3e",
            "0xf2fde38b");
    assertThat(c.isErc20()).isTrue();
    assertThat(c.isErc721()).isFalse();
    assertThat(c.isErc1155()).isFalse();
    assertThat(c.bytecodeHash()).isEqualTo("0x27b1d6936d855db484ebfa14e6f1b3217bbf0977ca98c43c7f776517b48c0b88");
  }

  /**
   * The runtime code of the contract created by transaction 0xf9e4ca8a…: its init code ends with {@code PUSH2 0b83
   * DUP1 PUSH3 000367 PUSH1 0 CODECOPY PUSH1 0 RETURN INVALID}, i.e. it deploys the 0xb83 bytes at offset 0x367.
   */
  private static byte[] deployedRuntime() {
    Path file =
        EthereumEtlFiles.caseDir("test_export_blocks_job", "blocks_with_transactions_and_withdrawals")
            .resolve("expected_transactions.json");
    String input = null;
    try (Stream<String> lines = Files.lines(file)) {
      for (String line : lines.toList()) {
        JsonNode tx = EthereumEtlFiles.JSON.readTree(line);
        if (tx.get("hash").asText().equals("0xf9e4ca8a940bd7f192dd12e75b32938f187e8098a41817a8e611448e22cca9cc")) {
          input = tx.get("input").asText();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(input).as("creation transaction").isNotNull().contains("610b8380620003676000396000f3fe");
    byte[] creation = EthereumEtlFiles.HEX.parseHex(input.substring(2));
    assertThat(creation).hasSize(0x367 + 0xb83);
    byte[] runtime = new byte[0xb83];
    System.arraycopy(creation, 0x367, runtime, 0, runtime.length);
    return runtime;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
