package org.openbds.ethereum.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/**
 * The devnet toolkit against a real anvil: the node's life cycle, and seeded EVM activity checked against the node's
 * own answers (blocks, receipts, parity traces, token balances), reorgs that change the block hashes, a bulk load.
 */
class AnvilToolsIT {
  private static final long SEED_A = 20261124;
  private static final long SEED_B = 7;
  private static final String FIRST_DEV_ACCOUNT = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

  private static Path binary;

  @TempDir Path dir;

  @BeforeAll
  static void needsAnvil() {
    binary = TestingAnvil.binaryOrSkip("AnvilToolsIT");
  }

  @Test
  void lifeCycle() {
    Path home = dir.resolve("node");
    AnvilNode node = AnvilNode.start(binary, home);
    try {
      assertThat(node.url()).isEqualTo("http://127.0.0.1:" + node.port());
      assertThat(node.rpc().chainId()).isEqualTo(AnvilNode.CHAIN_ID);
      assertThat(node.accounts()).hasSize(AnvilNode.ACCOUNTS).doesNotHaveDuplicates().startsWith(FIRST_DEV_ACCOUNT);
      assertThat(node.mine(3)).isEqualTo(3);

      String snapshot = node.snapshot();
      node.mine(2);
      node.revert(snapshot);
      assertThat(node.rpc().blockNumber()).isEqualTo(3);
      assertThatThrownBy(() -> node.revert(snapshot)).isInstanceOf(BdsException.class).satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.NODE_ERROR));

      List<Hash32> before = node.blockHashes(1, 3);
      Reorg reorg = node.reorg(2);
      List<Hash32> after = node.blockHashes(1, 3);
      assertThat(reorg.firstHeight()).isEqualTo(2);
      assertThat(reorg.orphanedBlocks()).isEqualTo(before.subList(1, 3));
      assertThat(reorg.replacementBlocks()).isEqualTo(after.subList(1, 3));
      assertThat(after.get(0)).isEqualTo(before.get(0));
      assertThat(after.get(1)).isNotEqualTo(before.get(1));
      assertThat(after.get(2)).isNotEqualTo(before.get(2));
      assertThatThrownBy(() -> node.reorg(4)).isInstanceOf(BdsException.class).hasMessageContaining("between 1 and 3");
      assertThat(home.resolve(AnvilNode.LOG)).isRegularFile();

      long pid = node.pid();
      node.kill();
      assertThat(node.isRunning()).isFalse();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
      assertThatThrownBy(() -> node.rpc().blockNumber()).isInstanceOf(BdsException.class).satisfies(e -> assertThat(((BdsException) e).retryable()).isTrue());
    } finally {
      node.close();
    }
    assertThat(home).doesNotExist();
  }

  @Test
  void aFailedStartNamesTheLog() throws IOException {
    Path fake = dir.resolve("anvil");
    Files.writeString(fake, "#!/bin/sh\necho 'fake anvil: cannot start here' >&2\nexit 3\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThatThrownBy(() -> AnvilNode.start(fake, dir.resolve("node")))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("exited with status 3")
        .hasMessageContaining("fake anvil: cannot start here");
  }

  @Test
  void activityMakesEveryKindAndTheNodeAgrees() {
    for (long seed : List.of(SEED_A, SEED_B)) {
      try (AnvilNode node = AnvilNode.start(binary, dir.resolve("seed-" + seed))) {
        EvmActivity activity = EvmActivity.start(node, seed);
        activity.rounds(5);
        EvmActivityCounts counts = activity.counts();
        System.out.println("EVM activity, seed " + seed + ": " + counts);
        for (EvmActivityKind kind : EvmActivityKind.values()) {
          if (kind != EvmActivityKind.BULK_ETH_TRANSFER && kind != EvmActivityKind.BULK_TOKEN_TRANSFER) {
            assertThat(counts.transactions(kind)).as(kind.description()).isPositive();
          }
        }
        long tip = node.rpc().blockNumber();
        assertThat(counts.blocksMined()).isEqualTo(tip);

        ChainFacts facts = ChainFacts.read(node, 1, tip);
        assertThat(facts.types()).contains("0x0", "0x1", "0x2");
        assertThat(facts.mostTransactionsInABlock()).isGreaterThanOrEqualTo(20);
        assertThat(facts.revertedSubtreesThatMovedValue()).as("caught inner reverts that had paid someone").isGreaterThanOrEqualTo(5);
        assertThat(facts.deepestCall()).as("nested forwarding").isGreaterThanOrEqualTo(3);
        assertThat(facts.create2WithValue()).isPositive();
        assertThat(facts.selfDestructs()).isGreaterThanOrEqualTo(5);
        for (String refused : activity.refusedAddresses()) {
          assertThat(node.rpc().call("eth_getBalance", refused, "latest").asText()).as("balance of " + refused).isEqualTo("0x0");
        }
        assertFailedAsPlanned(node, activity);
        assertDeployedCodeIsOurBuild(node, activity.contracts());
        assertTokenShapes(node, activity);
        assertTokensMatch(node, activity);

        reorgsChangeTheHashes(node, activity);
        activity.round();
        assertTokensMatch(node, activity);

        long pid = node.pid();
        node.kill();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
      }
    }
  }

  @Test
  void aSeedReplaysTheSamePlans() {
    Set<String> first;
    Map<String, Map<String, BigInteger>> firstBalances;
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("first"))) {
      EvmActivity activity = EvmActivity.start(node, SEED_B);
      activity.rounds(2);
      first = activity.touchedAddresses();
      firstBalances = activity.erc20Balances();
    }
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("second"))) {
      EvmActivity activity = EvmActivity.start(node, SEED_B);
      activity.rounds(2);
      assertThat(activity.touchedAddresses()).isEqualTo(first);
      assertThat(activity.erc20Balances()).isEqualTo(firstBalances);
    }
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("other"))) {
      EvmActivity activity = EvmActivity.start(node, SEED_A);
      activity.rounds(2);
      assertThat(activity.touchedAddresses()).isNotEqualTo(first);
    }
  }

  @Test
  void bulkLoadMinesManyTransfers() {
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("bulk"))) {
      EvmActivity activity = EvmActivity.start(node, SEED_A);
      BulkResult bulk = activity.bulk(3_000, 500);
      System.out.printf(
          "bulk load: %d transactions (%d ether, %d token) in %d blocks, %.1f s, %.0f tx/s%n",
          bulk.transactions(), bulk.ethTransfers(), bulk.tokenTransfers(), bulk.blocks(), bulk.elapsed().toMillis() / 1000.0,
          bulk.transactions() / (bulk.elapsed().toMillis() / 1000.0));
      assertThat(bulk.ethTransfers() + bulk.tokenTransfers()).isEqualTo(3_000);
      assertThat(bulk.ethTransfers()).isPositive();
      assertThat(bulk.tokenTransfers()).isPositive();
      assertThat(bulk.blocks()).isGreaterThanOrEqualTo(6);
      assertThat(bulk.lastBlock()).isEqualTo(node.rpc().blockNumber());
      assertThatThrownBy(() -> activity.reorg(1)).isInstanceOf(BdsException.class).hasMessageContaining("replace 1 to 0 blocks");
      activity.round();
      assertTokensMatch(node, activity);
    }
  }

  private static void reorgsChangeTheHashes(AnvilNode node, EvmActivity activity) {
    for (int depth : new int[] {1, 5}) {
      long tip = node.rpc().blockNumber();
      List<Hash32> before = node.blockHashes(tip - depth + 1, tip);
      Reorg reorg = activity.reorg(depth);
      List<Hash32> after = node.blockHashes(tip - depth + 1, tip);
      assertThat(reorg.depth()).isEqualTo(depth);
      assertThat(reorg.firstHeight()).isEqualTo(tip - depth + 1);
      assertThat(reorg.orphanedBlocks()).isEqualTo(before);
      assertThat(reorg.replacementBlocks()).isEqualTo(after);
      for (int i = 0; i < depth; i++) {
        assertThat(after.get(i)).as("block " + (tip - depth + 1 + i) + " after a reorg of depth " + depth).isNotEqualTo(before.get(i));
      }
      assertThat(reorg.newTipHeight()).isEqualTo(tip + 1).isEqualTo(node.rpc().blockNumber());
      assertThat(reorg.newTip()).isEqualTo(node.blockHashes(tip + 1, tip + 1).get(0));
      assertTokensMatch(node, activity);
    }
  }

  /** What token decoders meet: string, bytes32 and broken metadata; indexed token ids; 256-bit ids and amounts. */
  private static void assertTokenShapes(AnvilNode node, EvmActivity activity) {
    DeployedContracts c = activity.contracts();
    String symbol = Abi.call("symbol()");
    assertThat(node.call("eth_call", Map.of("to", c.bytes32Token(), "data", symbol), "latest").asText()).isEqualTo("0x" + "423332" + "0".repeat(58));
    String tstName = node.call("eth_call", Map.of("to", c.testToken(), "data", Abi.call("name()")), "latest").asText();
    assertThat(Abi.words("name", tstName)).hasSize(3).startsWith(BigInteger.valueOf(32), BigInteger.valueOf(10));
    assertThatThrownBy(() -> node.call("eth_call", Map.of("to", c.brokenToken(), "data", Abi.call("name()")), "latest"))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("revert");
    BigInteger decimals = call(node, c.brokenToken(), Abi.call("decimals()"));
    assertThat(decimals.bitLength()).as("BrokenToken.decimals() is no uint8").isGreaterThan(8);

    String transfer = Abi.eventTopic("Transfer(address,address,uint256)");
    for (String token : List.of(c.testToken(), c.nft())) {
      JsonNode logs = node.call("eth_getLogs", Map.of("address", token, "fromBlock", "0x0", "toBlock", "latest", "topics", List.of(transfer)));
      assertThat(logs).isNotEmpty();
      int topics = token.equals(c.nft()) ? 4 : 3;
      logs.forEach(log -> assertThat(log.path("topics")).as("Transfer topics at " + token).hasSize(topics));
    }
    assertThat(activity.multiBalances().values()).anySatisfy(ids -> assertThat(ids).containsKey(DevnetLedger.MAX_UINT256));
    assertThat(activity.nftOwners()).containsKey(DevnetLedger.MAX_UINT256);
  }

  private static void assertFailedAsPlanned(AnvilNode node, EvmActivity activity) {
    assertThat(activity.failedTransactions()).isNotEmpty();
    for (Hash32 hash : activity.failedTransactions()) {
      JsonNode receipt = node.call("eth_getTransactionReceipt", "0x" + hash.toHex());
      assertThat(receipt.path("status").asText()).as("status of failed transaction " + hash).isEqualTo("0x0");
    }
  }

  private static void assertDeployedCodeIsOurBuild(AnvilNode node, DeployedContracts deployed) {
    CompiledContracts compiled = CompiledContracts.load();
    Map<String, String> names =
        Map.of(
            deployed.testToken(), "TestToken",
            deployed.hugeToken(), "TestToken",
            deployed.bytes32Token(), "Bytes32Token",
            deployed.brokenToken(), "BrokenToken",
            deployed.nft(), "TestNft",
            deployed.multi(), "TestMulti",
            deployed.forwarder(), "Forwarder");
    names.forEach((address, name) -> assertThat(node.call("eth_getCode", address, "latest").asText()).as(name).isEqualTo(compiled.contract(name).deployedBytecode()));
  }

  /** Every balance and owner the activity expects is what the contracts answer. */
  private static void assertTokensMatch(AnvilNode node, EvmActivity activity) {
    int checked = 0;
    for (Map.Entry<String, Map<String, BigInteger>> token : activity.erc20Balances().entrySet()) {
      for (Map.Entry<String, BigInteger> holder : token.getValue().entrySet()) {
        String data = Abi.call("balanceOf(address)", AbiValue.address(holder.getKey()));
        assertThat(call(node, token.getKey(), data)).as("balanceOf " + holder.getKey() + " at " + token.getKey()).isEqualTo(holder.getValue());
        checked++;
      }
    }
    String nft = activity.contracts().nft();
    for (Map.Entry<BigInteger, String> owner : activity.nftOwners().entrySet()) {
      BigInteger word = call(node, nft, Abi.call("ownerOf(uint256)", AbiValue.uint(owner.getKey())));
      assertThat(Abi.address(word)).as("ownerOf " + owner.getKey()).isEqualTo(owner.getValue());
      checked++;
    }
    String multi = activity.contracts().multi();
    for (Map.Entry<String, Map<BigInteger, BigInteger>> holder : activity.multiBalances().entrySet()) {
      for (Map.Entry<BigInteger, BigInteger> id : holder.getValue().entrySet()) {
        String data = Abi.call("balanceOf(address,uint256)", AbiValue.address(holder.getKey()), AbiValue.uint(id.getKey()));
        assertThat(call(node, multi, data)).as("ERC-1155 balanceOf " + holder.getKey() + " id " + id.getKey()).isEqualTo(id.getValue());
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
    Set<String> tokens = new TreeSet<>(activity.erc20Balances().keySet());
    assertThat(tokens).containsExactlyInAnyOrderElementsOf(activity.contracts().erc20Tokens());
    assertThat(activity.erc20Balances().get(activity.contracts().hugeToken()).values().stream().reduce(BigInteger.ZERO, BigInteger::add))
        .as("the huge token's supply")
        .isEqualTo(DevnetLedger.MAX_UINT256);
  }

  private static BigInteger call(AnvilNode node, String to, String data) {
    return Abi.uint("eth_call", node.call("eth_call", Map.of("to", to, "data", data), "latest").asText());
  }
}
