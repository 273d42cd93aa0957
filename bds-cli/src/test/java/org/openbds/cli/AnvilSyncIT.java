package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.cli.AnvilHarness.ETH;
import static org.openbds.cli.AnvilHarness.count;
import static org.openbds.cli.AnvilHarness.settings;
import static org.openbds.cli.AnvilHarness.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.NodeSource;
import org.openbds.api.ReconciliationCheck;
import org.openbds.api.SplitOptions;
import org.openbds.api.Warehouse;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ChainSynchronizer;
import org.openbds.core.SyncConfig;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.ethereum.devnet.AnvilNode;
import org.openbds.ethereum.devnet.EvmActivity;
import org.openbds.ethereum.rpc.EthRpcClient;
import org.openbds.ethereum.token.TokenHolding;

/**
 * Live sync of a real anvil devnet into the embedded warehouse: seeded contract and token activity (ERC-20, ERC-721,
 * ERC-1155 single and batch, nested calls with reverted subtrees, CREATE/CREATE2, SELFDESTRUCT, transaction types 0–2,
 * failed transactions), then every check against the node — native balances of every address at several heights,
 * token balances and owners — and the activity's own tallies; reorgs of depth 1 to 20 leave the warehouse equal to a
 * fresh sync.
 */
class AnvilSyncIT {
  private static Path binary;

  @TempDir Path dir;

  @BeforeAll
  static void needsAnvil() {
    binary = AnvilHarness.requireAnvil("AnvilSyncIT");
  }

  @Test
  void seededActivitySyncsExactlyAndReconciles() {
    for (long seed : List.of(1L, 2L)) {
      Path home = dir.resolve("node-" + seed);
      try (AnvilNode node = AnvilNode.start(binary, home)) {
        EvmActivity activity = EvmActivity.start(node, seed);
        activity.rounds(6);
        Path data = dir.resolve("warehouse-" + seed);
        ChainSynchronizer.Result r = AnvilHarness.syncToTip(data, node.url());
        assertThat(r.tip().orElseThrow().height()).isEqualTo(node.rpc().blockNumber());
        List<ReconciliationCheck> checks = AnvilHarness.reconcile(data, node.url());
        assertThat(checks).filteredOn(c -> c.name().equals("eth_getBalance")).singleElement()
            .satisfies(c -> assertThat(c.checked()).isGreaterThanOrEqualTo(activity.touchedAddresses().size()));
        try (Warehouse w = DuckDbWarehouse.open(data)) {
          // every address the activity touched with value has a derived balance
          Map<String, String> balances = new HashMap<>();
          for (List<Object> row : w.query("SELECT address, CAST(balance AS VARCHAR) FROM eth.addresses").rows()) {
            balances.put((String) row.get(0), (String) row.get(1));
          }
          for (String a : activity.touchedAddresses()) {
            BigInteger onNode = new BigInteger(node.rpc().call("eth_getBalance", a, "latest").asText().substring(2), 16);
            assertThat(balances.getOrDefault(a, "0")).as("balance of " + a).isEqualTo(onNode.toString());
          }
          // token balances equal the activity's own tally
          activity.erc20Balances().forEach((token, holders) -> holders.forEach((holder, amount) -> {
            List<List<Object>> rows = w.query("SELECT CAST(balance AS VARCHAR) FROM eth.token_balances WHERE token_address = ? AND holder = ? AND token_id IS NULL",
                token, holder).rows();
            assertThat(rows.isEmpty() ? "0" : (String) rows.get(0).get(0)).as(token + " " + holder).isEqualTo(amount.toString());
          }));
          activity.nftOwners().forEach((id, owner) -> assertThat(w.query(
                  "SELECT holder FROM eth.token_balances WHERE token_standard = 'erc721' AND token_id = CAST(? AS BIGNUM) AND balance = 1", id.toString())
              .rows()).as("owner of nft " + id).containsExactly(List.of(owner)));
          // the shapes the activity produces are all in the tables
          assertThat(AnvilHarness.count(w, "SELECT COUNT(DISTINCT transaction_type) FROM eth.transactions WHERE transaction_type IN (0, 1, 2)")).isEqualTo(3);
          assertThat(AnvilHarness.count(w, "SELECT COUNT(*) FROM eth.transactions WHERE status = 0")).isEqualTo(activity.failedTransactions().size());
          assertThat(AnvilHarness.count(w, "SELECT COUNT(*) FROM eth.traces WHERE reverted AND depth > 0 AND value > 0")).isPositive();
          assertThat(AnvilHarness.count(w, "SELECT COUNT(*) FROM eth.traces WHERE trace_type = 'suicide'")).isPositive();
          assertThat(AnvilHarness.count(w, "SELECT COUNT(*) FROM eth.contracts WHERE is_erc20")).isGreaterThanOrEqualTo(3);
          assertThat(AnvilHarness.count(w, "SELECT COUNT(*) FROM eth.contracts WHERE is_erc721")).isPositive();
          assertThat(AnvilHarness.count(w, "SELECT COUNT(*) FROM eth.contracts WHERE is_erc1155")).isPositive();
          assertThat(AnvilHarness.count(w, "SELECT COUNT(DISTINCT batch_index) FROM eth.token_transfers WHERE token_standard = 'erc1155'")).isGreaterThan(1);
          String max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE).toString();
          assertThat(AnvilHarness.count(w, "SELECT COUNT(*) FROM eth.token_transfers WHERE CAST(token_id AS VARCHAR) = '" + max + "'")).isPositive();
          assertThat(AnvilHarness.count(w, "SELECT COUNT(*) FROM eth.tokens WHERE symbol IS NOT NULL")).isGreaterThanOrEqualTo(2);
          assertThat(AnvilHarness.count(w, "SELECT COUNT(*) FROM eth.tokens WHERE name IS NULL")).isPositive();
          receiptFieldsAgreeWithTheNode(node, w);
          // every address's opening balance is its first change, and the opening of a dev account is its genesis allocation
          assertThat(AnvilHarness.count(w, "SELECT COUNT(*) FROM (SELECT address, MIN(block_number) b FROM eth.balance_changes GROUP BY address) f"
              + " WHERE NOT EXISTS (SELECT 1 FROM eth.balance_changes o WHERE o.address = f.address AND o.kind = 'opening' AND o.block_number = f.b)")).isZero();
        }
      }
    }
  }

  /**
   * Every transaction's receipt fields, fee and burnt fee, every block's burnt fees, and every created contract, against
   * the node's own receipts and blocks.
   */
  private static void receiptFieldsAgreeWithTheNode(AnvilNode node, Warehouse w) {
    List<List<Object>> txs = w.query("SELECT hash, block_number, from_address, status, gas_used, CAST(effective_gas_price AS VARCHAR), CAST(fee AS VARCHAR),"
        + " CAST(burnt_fee AS VARCHAR), contract_address FROM eth.transactions ORDER BY block_number, transaction_index").rows();
    assertThat(txs).hasSizeGreaterThan(50);
    List<EthRpcClient.Call> calls = new java.util.ArrayList<>();
    for (List<Object> t : txs) {
      calls.add(EthRpcClient.Call.of("eth_getTransactionReceipt", t.get(0)));
    }
    List<EthRpcClient.Answer> receipts = node.rpc().batch(calls);
    Map<Long, BigInteger> baseFees = new HashMap<>();
    Map<String, List<Object>> created = new HashMap<>();
    for (int i = 0; i < txs.size(); i++) {
      List<Object> t = txs.get(i);
      JsonNode r = receipts.get(i).get();
      long block = ((Number) t.get(1)).longValue();
      BigInteger baseFee = baseFees.computeIfAbsent(block, b -> quantity(node.rpc().call("eth_getBlockByNumber", "0x" + Long.toHexString(b), false).get("baseFeePerGas")));
      BigInteger gasUsed = quantity(r.get("gasUsed"));
      BigInteger price = quantity(r.get("effectiveGasPrice"));
      JsonNode contract = r.get("contractAddress");
      String contractAddress = contract == null || contract.isNull() ? null : contract.asText();
      assertThat(Arrays.asList(((Number) t.get(3)).intValue(), ((Number) t.get(4)).longValue(), t.get(5), t.get(6), t.get(7), t.get(8)))
          .as("transaction " + t.get(0))
          .isEqualTo(Arrays.asList(quantity(r.get("status")).intValue(), gasUsed.longValue(), price.toString(), gasUsed.multiply(price).toString(),
              gasUsed.multiply(baseFee).toString(), contractAddress));
      if (contractAddress != null) {
        created.put(contractAddress, List.of(t.get(0), t.get(2), block));
      }
    }
    assertThat(created).isNotEmpty();
    for (List<Object> b : w.query("SELECT number, CAST(burnt_fees AS VARCHAR), gas_used FROM eth.blocks WHERE number > 0").rows()) {
      JsonNode onNode = node.rpc().call("eth_getBlockByNumber", "0x" + Long.toHexString(((Number) b.get(0)).longValue()), false);
      assertThat(b.get(1)).as("burnt fees of block " + b.get(0))
          .isEqualTo(quantity(onNode.get("baseFeePerGas")).multiply(quantity(onNode.get("gasUsed"))).toString());
    }
    // contracts created by transactions: the receipt's address, created by the sender in that transaction and block
    Map<String, List<Object>> stored = new HashMap<>();
    for (List<Object> c : w.query("SELECT address, transaction_hash, creator_address, block_number FROM eth.contracts").rows()) {
      stored.put((String) c.get(0), List.of(c.get(1), c.get(2), ((Number) c.get(3)).longValue()));
    }
    created.forEach((address, expected) -> assertThat(stored.get(address)).as("contract " + address).isEqualTo(expected));
    // and those created inside a call: by a contract, with code at that address on the node
    List<String> internal = stored.keySet().stream().filter(a -> !created.containsKey(a)).toList();
    assertThat(internal).isNotEmpty();
    for (String a : internal) {
      assertThat(stored).as("creator of " + a).containsKey((String) stored.get(a).get(1));
    }
  }

  private static BigInteger quantity(JsonNode hex) {
    return new BigInteger(hex.asText().substring(2), 16);
  }

  @Test
  void syncFromTheMiddleOfTheChainOpensEachBalanceFromTheNode() {
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("node"))) {
      EvmActivity activity = EvmActivity.start(node, 5);
      activity.rounds(8);
      long tip = node.rpc().blockNumber();
      long start = tip / 2;
      ChainSupport support = support();
      Path data = dir.resolve("warehouse");
      try (Warehouse warehouse = DuckDbWarehouse.open(data)) {
        // in two runs, so that the second starts from what the warehouse holds, with a source that knows nothing yet
        for (int run = 0; run < 2; run++) {
          try (NodeSource source = support.node(settings(node.url()))) {
            new ChainSynchronizer<>(warehouse, ETH, "dev", support.splitter(), source,
                SyncConfig.defaults().withExitAtTip(true).withStartHeight(start), new SyncListener() {}).run();
          }
          activity.rounds(run == 0 ? 3 : 0);
        }
        assertThat(count(warehouse, "SELECT MAX(number) FROM eth.blocks")).isEqualTo(node.rpc().blockNumber());
        assertThat(count(warehouse, "SELECT MIN(number) FROM eth.blocks")).isEqualTo(start);
        // tokens deployed and held before the start: their holdings open from the contracts, so every check passes
        List<ReconciliationCheck> checks = support.reconciler(settings(node.url())).reconcile(warehouse, ETH, 0, Long.MAX_VALUE, note -> {});
        assertThat(checks).extracting(ReconciliationCheck::name)
            .contains("eth_getBalance", "tip.hash", "balanceOf.erc20", "balanceOf.erc1155", "ownerOf.erc721");
        assertThat(checks).allSatisfy(c -> assertThat(c.passed()).as(c.toString()).isTrue());
        // each token holding first touched in the range opens with what the contract said at the block before
        List<List<Object>> holdings =
            warehouse.query("SELECT block_number, token_address, token_standard, holder, CAST(token_id AS VARCHAR), CAST(balance AS VARCHAR)"
                + " FROM eth.token_openings").rows();
        assertThat(holdings).extracting(r -> r.get(2)).contains("erc20", "erc721", "erc1155");
        assertThat(holdings).filteredOn(r -> !"0".equals(r.get(5))).hasSizeGreaterThan(3);
        for (List<Object> h : holdings) {
          long at = ((Number) h.get(0)).longValue();
          assertThat(at).isGreaterThanOrEqualTo(start);
          assertThat(h.get(5)).as("an opening the contract answered: " + h).isNotNull();
          String token = (String) h.get(1);
          TokenHolding holding = TokenHolding.ofStored(token, (String) h.get(2), (String) h.get(3), (String) h.get(4));
          EthRpcClient.Answer answer =
              node.rpc().batch(List.of(EthRpcClient.Call.of("eth_call", Map.of("to", token, "data", holding.callData()), "0x" + Long.toHexString(at - 1)))).get(0);
          // ownerOf reverts for an id nobody owns yet
          TokenHolding.Held onNode = answer.error().isPresent() ? holding.nobody() : holding.read(answer.result().asText()).orElseThrow();
          assertThat(List.of(h.get(3), h.get(5))).as("opening " + h).isEqualTo(List.of(onNode.holder(), onNode.amount().toString()));
        }
        // and no holding opens twice, nor before a transfer touches it
        assertThat(count(warehouse, "SELECT COUNT(*) - COUNT(DISTINCT (token_address, holder, token_id)) FROM eth.token_openings WHERE token_standard <> 'erc721'"))
            .isZero();
        assertThat(count(warehouse, "SELECT COUNT(*) FROM eth.token_openings o WHERE NOT EXISTS (SELECT 1 FROM eth.token_transfers t"
            + " WHERE t.token_address = o.token_address AND t.block_number = o.block_number)")).isZero();
        // every address's first change is its opening: the node's balance at the block before
        List<List<Object>> openings = warehouse.query("SELECT address, block_number, CAST(delta AS VARCHAR) FROM eth.balance_changes WHERE kind = 'opening'").rows();
        assertThat(openings).hasSizeGreaterThan(10);
        for (List<Object> o : openings) {
          long at = ((Number) o.get(1)).longValue();
          assertThat(at).isGreaterThanOrEqualTo(start);
          BigInteger onNode = new BigInteger(node.rpc().call("eth_getBalance", o.get(0), "0x" + Long.toHexString(at - 1)).asText().substring(2), 16);
          assertThat(o.get(2)).as("opening of " + o.get(0)).isEqualTo(onNode.toString());
        }
      }
    }
  }

  @Test
  void anotherEvmChainIsAProfileOfTheSameAdapter() {
    ChainId etc = new ChainId("etc");
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("node"))) {
      EvmActivity.start(node, 3).rounds(3);
      ChainSupport support = ChainFamilies.load().forChain("etc").open(etc, "dev", SplitOptions.defaults());
      Path data = dir.resolve("warehouse");
      try (Warehouse warehouse = DuckDbWarehouse.open(data);
          NodeSource source = support.node(settings(node.url()))) {
        new ChainSynchronizer<>(warehouse, etc, "dev", support.splitter(), source, SyncConfig.defaults().withExitAtTip(true), new SyncListener() {}).run();
        List<ReconciliationCheck> checks = support.reconciler(settings(node.url())).reconcile(warehouse, etc, 0, Long.MAX_VALUE, note -> {});
        assertThat(checks).isNotEmpty().allSatisfy(c -> assertThat(c.passed()).as(c.toString()).isTrue());
        assertThat(count(warehouse, "SELECT COUNT(*) FROM etc.token_transfers")).isPositive();
        assertThat(warehouse.network(etc)).contains("dev");
      }
      // the network must be the one the node serves: mainnet ETC is chain id 61, anvil 31337
      ChainSupport mainnet = ChainFamilies.load().forChain("etc").open(etc, "mainnet", SplitOptions.defaults());
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> mainnet.node(settings(node.url())).close())
          .isInstanceOf(org.openbds.api.BdsException.class)
          .hasMessageContaining("chain id 31337")
          .hasMessageContaining("--network dev");
    }
  }

  @Test
  void reorgsOfDepthOneToTwentyLeaveTheWarehouseAsAFreshSync() {
    try (AnvilNode node = AnvilNode.start(binary, dir.resolve("node"))) {
      EvmActivity activity = EvmActivity.start(node, 11);
      activity.rounds(25);
      Path data = dir.resolve("warehouse");
      AnvilHarness.syncToTip(data, node.url());
      long reorgs = 0;
      for (int depth : List.of(1, 2, 7, 20)) {
        activity.reorg(depth);
        activity.round();
        ChainSynchronizer.Result r = AnvilHarness.syncToTip(data, node.url());
        reorgs += r.reorgs();
        Path fresh = dir.resolve("fresh-" + depth);
        AnvilHarness.syncToTip(fresh, node.url());
        assertThat(AnvilHarness.fingerprint(data)).as("after a reorg of depth " + depth).isEqualTo(AnvilHarness.fingerprint(fresh));
        AnvilHarness.reconcile(data, node.url());
      }
      assertThat(reorgs).isEqualTo(4);
    }
  }
}
