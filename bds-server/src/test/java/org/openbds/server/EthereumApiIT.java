package org.openbds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.core.ChainFamilies;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.ethereum.devnet.AnvilNode;
import org.openbds.ethereum.devnet.DeployedContracts;
import org.openbds.ethereum.devnet.EvmActivity;
import org.openbds.metrics.MetricCatalog;

/**
 * The Ethereum-family explorer over a real anvil devnet: seeded wallet, token (ERC-20, ERC-721, ERC-1155), internal-call
 * and failed-transaction activity is synced by the real synchronizer into a fresh embedded warehouse, and every
 * explorer endpoint is checked against the node's own answers (blocks, transactions, receipts, balances at the tip),
 * token transfers and internal transactions against the warehouse's own SQL, and bad input against the 4xx it deserves.
 * Wei amounts are compared exactly, as the decimal strings the API answers with.
 */
class EthereumApiIT {
  private static final String API = "/api/v1/chains/eth";
  private static final String ZERO_ADDRESS = "0x" + "0".repeat(40);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static TestingDevnetWarehouse devnet;
  private static ApiServer server;
  private static String base;
  // the devnet's parts and the node's answers, named once for the checks below
  private static AnvilNode node;
  private static EvmActivity activity;
  private static DuckDbWarehouse warehouse;
  private static long tip;
  private static List<JsonNode> blocks;
  private static Map<String, JsonNode> transactions;
  private static Map<String, JsonNode> receipts;

  @BeforeAll
  static void start() {
    Optional<Path> anvil = AnvilNode.findBinary();
    if (anvil.isEmpty()) {
      System.out.println("NOTICE: anvil is not installed (./bds test installs it into .tools); skipping EthereumApiIT");
    }
    assumeTrue(anvil.isPresent(), "anvil missing");
    devnet = TestingDevnetWarehouse.start(anvil.get(), dir, 17, 5);
    node = devnet.node();
    activity = devnet.activity();
    warehouse = devnet.warehouse();
    tip = devnet.tip();
    blocks = devnet.blocks();
    transactions = devnet.transactions();
    receipts = devnet.receipts();
    // the access log is off: thousands of requests would bury the test's own output; errors are still logged
    server = new ApiServer(
        ServerConfig.fromSettings(Map.of("server.port", "0", "server.access-log", "false")), ApiKeys.load(dir.resolve("no-keys")), warehouse,
        ChainFamilies.load(), MetricCatalog.load(), new ChainStatus(), System.err);
    base = "http://127.0.0.1:" + server.start();
  }

  @AfterAll
  static void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (devnet != null) {
        devnet.close();
      }
    }
  }

  @Test
  void theChainIsListedAtTheNodesTip() throws Exception {
    Answer a = ok(API);
    assertThat(a.json().path("family").asText()).isEqualTo("ethereum");
    assertThat(a.json().path("network").asText()).isEqualTo("dev");
    assertThat(a.json().path("tip_height").asLong()).isEqualTo(tip);
    assertThat("0x" + a.json().path("tip_hash").asText().replaceFirst("^0x", "")).isEqualTo(blocks.get((int) tip).path("hash").asText());
  }

  @Test
  void everyBlockByNumberAndByHashIsTheNodesBlockWithItsTransactions() throws Exception {
    assertThat(transactions).as("the activity's transactions").hasSizeGreaterThan(100);
    for (JsonNode onNode : blocks) {
      long number = quantity(onNode.path("number")).longValueExact();
      JsonNode b = ok(API + "/blocks/" + number + "?transactions=1000").json();
      assertThat(b.path("number").asLong()).isEqualTo(number);
      assertThat(b.path("hash").asText()).isEqualTo(onNode.path("hash").asText());
      assertThat(b.path("parent_hash").asText()).isEqualTo(onNode.path("parentHash").asText());
      assertThat(b.path("miner").asText()).isEqualTo(onNode.path("miner").asText());
      assertThat(b.path("gas_used").asLong()).isEqualTo(quantity(onNode.path("gasUsed")).longValueExact());
      assertThat(b.path("gas_limit").asLong()).isEqualTo(quantity(onNode.path("gasLimit")).longValueExact());
      assertThat(b.path("timestamp").asText()).isEqualTo(Instant.ofEpochSecond(quantity(onNode.path("timestamp")).longValueExact()).toString());
      BigInteger baseFee = quantity(onNode.path("baseFeePerGas"));
      assertThat(wei(b.path("base_fee_per_gas"))).isEqualTo(baseFee);
      assertThat(wei(b.path("burnt_fees"))).as("burnt fees of block " + number).isEqualTo(baseFee.multiply(quantity(onNode.path("gasUsed"))));
      JsonNode nodeTxs = onNode.path("transactions");
      assertThat(b.path("transaction_count").asInt()).isEqualTo(nodeTxs.size());
      assertThat(b.path("transactions")).hasSize(nodeTxs.size());
      for (int i = 0; i < nodeTxs.size(); i++) {
        JsonNode t = b.path("transactions").get(i);
        JsonNode n = nodeTxs.get(i);
        JsonNode receipt = receipts.get(n.path("hash").asText());
        assertThat(t.path("hash").asText()).isEqualTo(n.path("hash").asText());
        assertThat(t.path("transaction_index").asInt()).isEqualTo(i);
        assertThat(t.path("from_address").asText()).isEqualTo(n.path("from").asText());
        assertThat(nullableText(t.path("to_address"))).isEqualTo(nullableText(n.path("to")));
        assertThat(wei(t.path("value"))).isEqualTo(quantity(n.path("value")));
        assertThat(wei(t.path("fee"))).isEqualTo(quantity(receipt.path("gasUsed")).multiply(quantity(receipt.path("effectiveGasPrice"))));
        assertThat(t.path("status").asInt()).isEqualTo(quantity(receipt.path("status")).intValueExact());
      }
      // by hash, with upper-case hex digits, and a shorter list of transactions
      String upper = "0x" + onNode.path("hash").asText().substring(2).toUpperCase(Locale.ROOT);
      JsonNode byHash = ok(API + "/blocks/" + upper + "?transactions=1").json();
      assertThat(byHash.path("number").asLong()).isEqualTo(number);
      assertThat(byHash.path("transactions")).hasSize(Math.min(1, nodeTxs.size()));
    }
  }

  @Test
  void theLatestBlocksArePagedNewestFirstDownToGenesis() throws Exception {
    List<String> hashes = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = ok(API + "/blocks?limit=4" + (cursor == null ? "" : "&cursor=" + cursor)).json();
      for (JsonNode b : page.path("items")) {
        long height = b.path("height").asLong();
        assertThat(height).isEqualTo(tip - hashes.size());
        assertThat(b.path("hash").asText()).isEqualTo(blocks.get((int) height).path("hash").asText());
        assertThat(b.path("tx_count").asInt()).isEqualTo(blocks.get((int) height).path("transactions").size());
        hashes.add(b.path("hash").asText());
      }
      cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
      pages++;
    } while (cursor != null);
    assertThat(hashes).hasSize((int) tip + 1);
    assertThat(pages).isGreaterThan(1);
  }

  @Test
  void everyTransactionIsTheNodesWithItsReceiptLogsTokenTransfersAndInternalTransactions() throws Exception {
    Set<String> standards = new TreeSet<>();
    List<JsonNode> internal = new ArrayList<>();
    int failed = 0;
    for (Map.Entry<String, JsonNode> e : transactions.entrySet()) {
      String hash = e.getKey();
      JsonNode n = e.getValue();
      JsonNode receipt = receipts.get(hash);
      JsonNode t = ok(API + "/transactions/" + hash).json();
      long block = quantity(n.path("blockNumber")).longValueExact();
      assertThat(t.path("hash").asText()).isEqualTo(hash);
      assertThat(t.path("block_number").asLong()).isEqualTo(block);
      assertThat(t.path("transaction_index").asInt()).isEqualTo(quantity(n.path("transactionIndex")).intValueExact());
      assertThat(t.path("from_address").asText()).isEqualTo(n.path("from").asText());
      assertThat(nullableText(t.path("to_address"))).isEqualTo(nullableText(n.path("to")));
      assertThat(wei(t.path("value"))).as("value of " + hash).isEqualTo(quantity(n.path("value")));
      assertThat(t.path("nonce").asLong()).isEqualTo(quantity(n.path("nonce")).longValueExact());
      assertThat(t.path("gas").asLong()).isEqualTo(quantity(n.path("gas")).longValueExact());
      assertThat(t.path("transaction_type").asInt()).isEqualTo(quantity(n.path("type")).intValueExact());
      assertThat(t.path("input").asText()).isEqualTo(n.path("input").asText());
      int status = quantity(receipt.path("status")).intValueExact();
      assertThat(t.path("status").asInt()).as("status of " + hash).isEqualTo(status);
      BigInteger gasUsed = quantity(receipt.path("gasUsed"));
      BigInteger price = quantity(receipt.path("effectiveGasPrice"));
      assertThat(t.path("gas_used").asLong()).isEqualTo(gasUsed.longValueExact());
      assertThat(t.path("cumulative_gas_used").asLong()).isEqualTo(quantity(receipt.path("cumulativeGasUsed")).longValueExact());
      assertThat(wei(t.path("effective_gas_price"))).isEqualTo(price);
      assertThat(wei(t.path("fee"))).as("fee of " + hash).isEqualTo(gasUsed.multiply(price));
      assertThat(nullableText(t.path("contract_address"))).isEqualTo(nullableText(receipt.path("contractAddress")));
      assertThat(t.path("confirmations").asLong()).isEqualTo(tip - block + 1);
      assertThat(t.fieldNames()).toIterable().noneMatch(f -> f.endsWith("_digits"));
      logsAreTheReceipts(t.path("logs"), receipt.path("logs"), hash);
      tokenTransfersAreTheWarehouses(t.path("token_transfers"), receipt.path("logs"), block, hash);
      t.path("token_transfers").forEach(x -> standards.add(x.path("token_standard").asText()));
      internalTransactionsAreTheWarehouses(t.path("internal_transactions"), block, hash);
      t.path("internal_transactions").forEach(internal::add);
      failed += status == 0 ? 1 : 0;
    }
    // the activity's shapes were all seen
    assertThat(standards).containsExactly("erc1155", "erc20", "erc721");
    assertThat(internal).anyMatch(x -> !x.path("reverted").asBoolean() && wei(x.path("value")).signum() > 0);
    assertThat(internal).anyMatch(x -> x.path("reverted").asBoolean() && wei(x.path("value")).signum() > 0);
    assertThat(internal).anyMatch(x -> x.path("trace_type").asText().equals("create"));
    assertThat(failed).isEqualTo(activity.failedTransactions().size()).isPositive();
  }

  private static void logsAreTheReceipts(JsonNode logs, JsonNode onNode, String hash) {
    assertThat(logs).as("logs of " + hash).hasSize(onNode.size());
    for (int i = 0; i < onNode.size(); i++) {
      JsonNode log = logs.get(i);
      JsonNode n = onNode.get(i);
      assertThat(log.path("log_index").asInt()).isEqualTo(quantity(n.path("logIndex")).intValueExact());
      assertThat(log.path("address").asText()).isEqualTo(n.path("address").asText());
      assertThat(log.path("data").asText()).isEqualTo(n.path("data").asText());
      for (int k = 0; k < 4; k++) {
        JsonNode topic = n.path("topics").get(k);
        assertThat(nullableText(log.path("topic" + k))).as("topic%d of log %d of %s", k, i, hash).isEqualTo(topic == null ? null : topic.asText());
      }
    }
  }

  /** The transaction's token transfers are the warehouse's rows, each from a log the node emitted by that token. */
  private static void tokenTransfersAreTheWarehouses(JsonNode transfers, JsonNode nodeLogs, long block, String hash) {
    List<List<Object>> rows =
        warehouse.query(
            "SELECT log_index, batch_index, token_address, CAST(token_standard AS VARCHAR), operator_address, from_address, to_address,"
                + " CAST(value AS VARCHAR), CAST(token_id AS VARCHAR) FROM eth.token_transfers WHERE block_number = ? AND transaction_hash = ?"
                + " ORDER BY log_index, batch_index",
            block, hash).rows();
    assertThat(transfers).as("token transfers of " + hash).hasSize(rows.size());
    Map<Integer, String> emitters = new HashMap<>();
    nodeLogs.forEach(l -> emitters.put(quantity(l.path("logIndex")).intValueExact(), l.path("address").asText()));
    for (int i = 0; i < rows.size(); i++) {
      JsonNode t = transfers.get(i);
      List<Object> r = rows.get(i);
      assertThat(Arrays.asList(t.path("log_index").asInt(), t.path("batch_index").asInt(), t.path("token_address").asText(),
              t.path("token_standard").asText(), nullableText(t.path("operator_address")), t.path("from_address").asText(),
              t.path("to_address").asText(), wei(t.path("value")).toString(), nullableDigits(t.path("token_id"))))
          .as("token transfer %d of %s", i, hash)
          .isEqualTo(Arrays.asList(((Number) r.get(0)).intValue(), ((Number) r.get(1)).intValue(), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6),
              r.get(7), r.get(8)));
      assertThat(emitters.get(t.path("log_index").asInt())).as("the log of token transfer %d of %s", i, hash).isEqualTo(t.path("token_address").asText());
    }
  }

  /** The transaction's internal transactions are the warehouse's traces below the top call, in order. */
  private static void internalTransactionsAreTheWarehouses(JsonNode internal, long block, String hash) {
    List<List<Object>> rows =
        warehouse.query(
            "SELECT trace_address, depth, CAST(trace_type AS VARCHAR), call_type, from_address, to_address, CAST(value AS VARCHAR), gas_used,"
                + " error, reverted FROM eth.traces WHERE block_number = ? AND transaction_hash = ? AND depth > 0 ORDER BY trace_index",
            block, hash).rows();
    assertThat(internal).as("internal transactions of " + hash).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode t = internal.get(i);
      List<Object> r = rows.get(i);
      assertThat(Arrays.asList(t.path("trace_address").asText(), t.path("depth").asInt(), t.path("trace_type").asText(), nullableText(t.path("call_type")),
              nullableText(t.path("from_address")), nullableText(t.path("to_address")), wei(t.path("value")).toString(),
              t.path("gas_used").isNull() ? null : t.path("gas_used").asLong(), nullableText(t.path("error")), t.path("reverted").asBoolean()))
          .as("internal transaction %d of %s", i, hash)
          .isEqualTo(Arrays.asList(r.get(0), ((Number) r.get(1)).intValue(), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6),
              r.get(7) == null ? null : ((Number) r.get(7)).longValue(), r.get(8), r.get(9)));
    }
  }

  @Test
  void everyAddressHasTheNodesBalanceItsTokensAndItsCounterparties() throws Exception {
    int found = 0;
    for (String address : addresses()) {
      BigInteger balance = balanceOnNode(address);
      Answer a = get(API + "/addresses/" + address);
      if (a.status() == 404) {
        // only an address offered ether in a reverted call is named by nothing the chain kept: the node knows nothing of it
        assertThat(activity.refusedAddresses()).as("%s answered 404", address).contains(address);
        assertThat(balance).isZero();
        assertThat(node.call("eth_getCode", address, "latest").asText()).isEqualTo("0x");
        assertThat(transactions.values()).noneMatch(t -> t.path("from").asText().equals(address) || address.equals(nullableText(t.path("to"))));
        assertThat(count("SELECT count(*) FROM eth.balance_changes WHERE address = ?", address)).isZero();
        assertThat(count("SELECT count(*) FROM eth.token_transfers WHERE from_address = ? OR to_address = ?", address, address)).isZero();
        assertThat(search(address)).isEmpty();
        continue;
      }
      assertThat(a.status()).as(a.body()).isEqualTo(200);
      found++;
      JsonNode j = a.json();
      assertThat(j.path("address").asText()).isEqualTo(address);
      assertThat(wei(j.path("balance"))).as("balance of " + address).isEqualTo(balance);
      assertThat(j.path("changes").asLong()).isEqualTo(count("SELECT count(*) FROM eth.balance_changes WHERE address = ?", address));
      String code = node.call("eth_getCode", address, "latest").asText();
      if (!code.equals("0x")) {
        assertThat(j.path("is_contract").asBoolean()).as("is_contract of " + address + ", which has code").isTrue();
      }
      assertThat(j.path("is_contract").asBoolean()).isEqualTo(count("SELECT count(*) FROM eth.contracts WHERE address = ?", address) > 0);
      if (j.path("changes").asLong() == 0) {
        // a contract only called, or an address that only held tokens: its ether balance never changed
        assertThat(List.of(j.path("first_block"), j.path("last_block"), j.path("first_seen"), j.path("last_seen"))).allMatch(JsonNode::isNull);
      } else {
        assertThat(j.path("first_seen").asText()).isEqualTo(blockTime(j.path("first_block").asLong()));
        assertThat(j.path("last_seen").asText()).isEqualTo(blockTime(j.path("last_block").asLong()));
      }
      assertThat(search(address)).containsExactly(List.of("address", address));
      tokensAreTheLedgers(address, j.path("tokens"));
      assertThat(counterparties(ok(API + "/addresses/" + address + "/counterparties").json().path("counterparties")))
          .as("counterparties of " + address)
          .isEqualTo(counterpartiesOnNode(address));
    }
    assertThat(found).isGreaterThan(20);
    // the token contracts, called hundreds of times with no ether, are addresses like any other
    for (String token : activity.contracts().all()) {
      JsonNode j = ok(API + "/addresses/" + token).json();
      assertThat(j.path("is_contract").asBoolean()).as("is_contract of " + token).isTrue();
      assertThat(counterparties(ok(API + "/addresses/" + token + "/counterparties").json().path("counterparties")))
          .as("counterparties of " + token)
          .isNotEmpty();
    }
    // mixed case is the same address
    String first = ethAccount(0);
    assertThat(wei(ok(API + "/addresses/0x" + first.substring(2).toUpperCase(Locale.ROOT)).json().path("balance"))).isEqualTo(balanceOnNode(first));
  }

  /**
   * The holdings the activity's own ledger expects and the warehouse's token_balances view holds (the API lists at most
   * 100, by token and id). The zero address is in no ledger: its "holdings" are minus what was minted net of burns.
   */
  private static void tokensAreTheLedgers(String address, JsonNode tokens) {
    List<List<String>> listed = new ArrayList<>();
    for (JsonNode t : tokens) {
      listed.add(Arrays.asList(t.path("token_address").asText(), t.path("token_standard").asText(), nullableDigits(t.path("token_id")), wei(t.path("balance")).toString()));
    }
    List<List<String>> stored = new ArrayList<>();
    for (List<Object> r : warehouse.query(
        "SELECT token_address, CAST(token_standard AS VARCHAR), CAST(token_id AS VARCHAR), CAST(balance AS VARCHAR) FROM eth.token_balances"
            + " WHERE holder = ? AND balance <> 0 ORDER BY token_address, token_id LIMIT 100", address).rows()) {
      stored.add(Arrays.asList((String) r.get(0), (String) r.get(1), (String) r.get(2), (String) r.get(3)));
    }
    assertThat(listed).as("tokens of " + address).isEqualTo(stored);
    if (address.equals(ZERO_ADDRESS)) {
      return;
    }
    DeployedContracts c = activity.contracts();
    Set<List<String>> expected = new HashSet<>();
    activity.erc20Balances().forEach((token, holders) -> {
      BigInteger amount = holders.getOrDefault(address, BigInteger.ZERO);
      if (amount.signum() != 0) {
        expected.add(Arrays.asList(token, "erc20", null, amount.toString()));
      }
    });
    activity.nftOwners().forEach((id, owner) -> {
      if (owner.equals(address)) {
        expected.add(Arrays.asList(c.nft(), "erc721", id.toString(), "1"));
      }
    });
    activity.multiBalances().getOrDefault(address, Map.of()).forEach((id, amount) -> {
      if (amount.signum() != 0) {
        expected.add(Arrays.asList(c.multi(), "erc1155", id.toString(), amount.toString()));
      }
    });
    assertThat(listed).as("tokens of " + address).doesNotHaveDuplicates().hasSize(Math.min(100, expected.size()));
    assertThat(expected).as("tokens of " + address).containsAll(listed);
  }

  private static List<List<String>> counterparties(JsonNode list) {
    List<List<String>> out = new ArrayList<>();
    for (JsonNode c : list) {
      out.add(List.of(c.path("address").asText(), Long.toString(c.path("transactions").asLong()), wei(c.path("value")).toString()));
    }
    return out;
  }

  /** The ten addresses {@code address} sent most transactions to or got most from (contract creations aside), from the node's blocks. */
  private static List<List<String>> counterpartiesOnNode(String address) {
    Map<String, long[]> counts = new HashMap<>();
    Map<String, BigInteger> values = new HashMap<>();
    for (JsonNode t : transactions.values()) {
      String from = t.path("from").asText();
      String to = nullableText(t.path("to"));
      if (to == null || from.equals(to) || !(from.equals(address) || to.equals(address))) {
        continue;
      }
      String other = from.equals(address) ? to : from;
      counts.computeIfAbsent(other, k -> new long[1])[0]++;
      values.merge(other, quantity(t.path("value")), BigInteger::add);
    }
    return counts.keySet().stream()
        .sorted(Comparator.<String>comparingLong(k -> -counts.get(k)[0]).thenComparing(Comparator.naturalOrder()))
        .limit(10)
        .map(k -> List.of(k, Long.toString(counts.get(k)[0]), values.get(k).toString()))
        .toList();
  }

  @Test
  void anAddressHistoryPagedByCursorIsEachOfItsTransactionsOnceAndSumsToItsBalance() throws Exception {
    Map<String, Long> positions = new HashMap<>();
    transactions.forEach((h, t) -> positions.put(h, position(quantity(t.path("blockNumber")).longValueExact(), quantity(t.path("transactionIndex")).intValueExact())));
    int paged = 0;
    int plainTransfers = 0;
    for (String address : addresses()) {
      if (count("SELECT count(*) FROM eth.balance_changes WHERE address = ?", address) == 0) {
        continue;
      }
      List<JsonNode> items = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        JsonNode page = ok(API + "/addresses/" + address + "/history?limit=4" + (cursor == null ? "" : "&cursor=" + cursor)).json();
        assertThat(page.path("items").size()).isBetween(1, 4);
        page.path("items").forEach(items::add);
        cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        pages++;
      } while (cursor != null && pages < 10_000);
      paged += pages > 1 ? 1 : 0;
      BigInteger sum = BigInteger.ZERO;
      long previous = Long.MAX_VALUE;
      Set<String> seenTransactions = new HashSet<>();
      for (JsonNode item : items) {
        String hash = nullableText(item.path("transaction_hash"));
        long block = item.path("block_number").asLong();
        assertThat(hash == null || positions.containsKey(hash)).as("a transaction of the node: " + hash).isTrue();
        long at = hash == null ? position(block, -1) : positions.get(hash);
        assertThat(at).as("history of %s newest first, each transaction once", address).isLessThan(previous);
        previous = at;
        assertThat(quantity(blocks.get((int) block).path("number")).longValueExact()).isEqualTo(block);
        assertThat(item.path("timestamp").asText()).isEqualTo(blockTime(block));
        if (hash != null) {
          seenTransactions.add(hash);
          assertThat(quantity(transactions.get(hash).path("blockNumber")).longValueExact()).isEqualTo(block);
        }
        sum = sum.add(wei(item.path("delta")));
        plainTransfers += deltaOfAPlainTransferIsTheNodes(address, hash, item) ? 1 : 0;
      }
      assertThat(sum).as("the deltas of %s sum to its balance", address).isEqualTo(balanceOnNode(address));
      assertThat((long) items.size()).isEqualTo(
          count("SELECT count(DISTINCT (block_number, coalesce(transaction_index, -1))) FROM eth.balance_changes WHERE address = ?", address));
      // every transaction it sent paid a fee, so each is in its history
      for (JsonNode t : transactions.values()) {
        if (t.path("from").asText().equals(address)) {
          assertThat(seenTransactions).as("history of " + address).contains(t.path("hash").asText());
        }
      }
    }
    assertThat(paged).as("addresses whose history took more than one page").isGreaterThan(5);
    assertThat(plainTransfers).as("plain transfers checked against the node").isGreaterThan(10);
  }

  /**
   * For a plain ether transfer (no call data) between two accounts neither of which got the block's fees: the sender's
   * delta is minus value (if it succeeded) and fee, the recipient's the value. Whether the item was such a transfer.
   */
  private static boolean deltaOfAPlainTransferIsTheNodes(String address, String hash, JsonNode item) {
    if (hash == null) {
      return false;
    }
    JsonNode t = transactions.get(hash);
    JsonNode receipt = receipts.get(hash);
    String from = t.path("from").asText();
    String to = nullableText(t.path("to"));
    String miner = blocks.get((int) quantity(t.path("blockNumber")).longValueExact()).path("miner").asText();
    if (!t.path("input").asText().equals("0x") || to == null || from.equals(to) || address.equals(miner)) {
      return false;
    }
    BigInteger moved = quantity(receipt.path("status")).signum() == 0 ? BigInteger.ZERO : quantity(t.path("value"));
    BigInteger fee = quantity(receipt.path("gasUsed")).multiply(quantity(receipt.path("effectiveGasPrice")));
    BigInteger expected = address.equals(from) ? moved.add(fee).negate() : moved;
    assertThat(wei(item.path("delta"))).as("delta of %s in %s", address, hash).isEqualTo(expected);
    assertThat(texts(item.path("kinds"))).as("kinds of %s in %s", address, hash).contains(address.equals(from) ? "fee" : "value");
    return true;
  }

  @Test
  void searchFindsBlocksTransactionsAndAddresses() throws Exception {
    assertThat(search("3")).containsExactly(List.of("block", "3"));
    String blockHash = blocks.get(2).path("hash").asText();
    assertThat(search(blockHash)).containsExactly(List.of("block", blockHash));
    String txHash = transactions.keySet().iterator().next();
    assertThat(search(" 0x" + txHash.substring(2).toUpperCase(Locale.ROOT) + " ")).containsExactly(List.of("transaction", txHash));
    String account = ethAccount(1);
    assertThat(search(account.toUpperCase(Locale.ROOT).replace("0X", "0x"))).containsExactly(List.of("address", account));
    assertThat(search(Long.toString(tip + 1))).isEmpty();
    assertThat(search("0x" + "0".repeat(64))).isEmpty();
    assertThat(search("0x" + "1".repeat(40))).isEmpty();
    assertThat(search("not-a-thing")).isEmpty();
  }

  /** A trace of a plain payment through the API: an account-chain case file whose start is the node's value and that balances. */
  @Test
  void aPaymentIsTracedAsAnAccountChainCaseFile() throws Exception {
    Map.Entry<String, JsonNode> payment = transactions.entrySet().stream()
        .filter(t -> "0x".equals(t.getValue().path("input").asText()) && !"0x0".equals(t.getValue().path("value").asText())
            && "0x1".equals(receipts.get(t.getKey()).path("status").asText()) && !t.getValue().path("to").isNull())
        .findFirst().orElseThrow();
    java.math.BigInteger value = new java.math.BigInteger(payment.getValue().path("value").asText().substring(2), 16);
    for (String taint : List.of("haircut", "fifo")) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + API + "/trace")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"from\": \"" + payment.getKey() + "\", \"taint\": \"" + taint + "\", \"hops\": 3}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode c = JSON.readTree(r.body());
      assertThat(c.path("model").asText()).isEqualTo("account");
      assertThat(c.at("/request/asset").asText()).isEqualTo("native");
      assertThat(c.at("/summary/started").asText()).isEqualTo(value.toString());
      assertThat(c.at("/summary/balances").asBoolean()).as(taint + ": " + c.path("summary")).isTrue();
      assertThat(c.at("/steps/0/txid").asText()).isEqualTo(payment.getKey());
      assertThat(c.at("/steps/0/block_hash").asText()).isEqualTo(receipts.get(payment.getKey()).path("blockHash").asText());
    }
    String sender = payment.getValue().path("from").asText();
    String recipient = payment.getValue().path("to").asText();
    Answer paths = ok(API + "/paths?from=" + sender + "&to=" + recipient + "&max_hops=2");
    assertThat(paths.json().path("paths").size()).isPositive();
    assertThat(paths.json().at("/paths/0/hops").asInt()).isEqualTo(1);
    assertThat(paths.json().at("/paths/0/steps/0/from_address").asText()).isEqualTo(sender);
  }

  @Test
  void badInputIsA400AndAnUnknownIdA404() throws Exception {
    String unknownHash = "0x" + "ab".repeat(32);
    String account = ethAccount(0);
    assertError(get(API + "/transactions/0x1234"), 400, "BAD_REQUEST", "a transaction hash must be 0x and 64 hex digits");
    assertError(get(API + "/transactions/" + "ab".repeat(32)), 400, "BAD_REQUEST", "0x and 64 hex digits");
    assertError(get(API + "/transactions/0x" + "zz".repeat(32)), 400, "BAD_REQUEST", "0x and 64 hex digits");
    assertError(get(API + "/transactions/" + unknownHash), 404, "NOT_FOUND", "no transaction");
    assertError(get(API + "/blocks/0xnot-a-hash"), 400, "BAD_REQUEST", "a block id must be 0x and 64 hex digits");
    assertError(get(API + "/blocks/" + unknownHash), 404, "NOT_FOUND", "no block");
    assertError(get(API + "/blocks/" + (tip + 1)), 404, "NOT_FOUND", "no block " + (tip + 1));
    assertError(get(API + "/addresses/0x1234"), 400, "BAD_REQUEST", "0x and 40 hex digits");
    assertError(get(API + "/addresses/" + account.substring(2)), 400, "BAD_REQUEST", "0x and 40 hex digits");
    assertError(get(API + "/addresses/'%20OR%201=1--"), 400, "BAD_REQUEST", "0x and 40 hex digits");
    assertError(get(API + "/addresses/0x" + "1".repeat(40)), 404, "NOT_FOUND", "no activity");
    assertError(get(API + "/addresses/0xnot-an-address/history"), 400, "BAD_REQUEST", "0x and 40 hex digits");
    assertError(get(API + "/addresses/" + account + "/history?cursor=bm90LWEtY3Vyc29y"), 400, "BAD_REQUEST", "cursor");
    assertError(get(API + "/addresses/" + account + "/history?limit=0"), 400, "BAD_REQUEST", "limit must be between 1 and 1000");
    assertError(get(API + "/search"), 400, "BAD_REQUEST", "search needs q");
  }

  // --- the node and the warehouse

  /** Every address the activity touched, the dev accounts, the blocks' fee recipients and every contract created, sorted. */
  private static Set<String> addresses() {
    Set<String> all = new TreeSet<>(activity.touchedAddresses());
    all.addAll(node.accounts());
    all.addAll(activity.contracts().all());
    blocks.forEach(b -> all.add(b.path("miner").asText()));
    warehouse.query("SELECT address FROM eth.contracts").rows().forEach(r -> all.add((String) r.get(0)));
    return all;
  }

  private static String ethAccount(int i) {
    return node.accounts().get(i);
  }

  private static BigInteger balanceOnNode(String address) {
    return quantity(node.call("eth_getBalance", address, hex(tip)));
  }

  private static String blockTime(long number) {
    return Instant.ofEpochSecond(quantity(blocks.get((int) number).path("timestamp")).longValueExact()).toString();
  }

  /** Where a change stands in the chain: the block, then its transaction ({@code -1} for the block's own changes). */
  private static long position(long block, int transactionIndex) {
    return block * 1_048_576 + transactionIndex + 1;
  }

  private static long count(String sql, Object... parameters) {
    return ((Number) warehouse.query(sql, parameters).rows().get(0).get(0)).longValue();
  }

  private static String hex(long n) {
    return "0x" + Long.toHexString(n);
  }

  private static BigInteger quantity(JsonNode hex) {
    assertThat(hex.isTextual()).as("a quantity: " + hex).isTrue();
    return new BigInteger(hex.asText().substring(2), 16);
  }

  /** A wei amount as the API answers it: a JSON string of exact decimal digits. */
  private static BigInteger wei(JsonNode n) {
    assertThat(n.isTextual()).as("an exact amount is a string of digits, not " + n).isTrue();
    assertThat(n.asText()).matches("-?[0-9]+");
    return new BigInteger(n.asText());
  }

  private static String nullableDigits(JsonNode n) {
    return n.isNull() || n.isMissingNode() ? null : wei(n).toString();
  }

  private static String nullableText(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
  }

  private static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static List<List<String>> search(String q) throws Exception {
    JsonNode a = ok(API + "/search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)).json();
    List<List<String>> out = new ArrayList<>();
    a.path("results").forEach(r -> out.add(List.of(r.path("type").asText(), r.path("id").asText())));
    return out;
  }

  // --- HTTP

  record Answer(int status, JsonNode json, String body) {}

  private static Answer get(String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json") ? JSON.readTree(r.body()) : null;
    return new Answer(r.statusCode(), json, r.body());
  }

  /** A GET that must answer 200. */
  private static Answer ok(String path) throws Exception {
    Answer a = get(path);
    assertThat(a.status()).as("GET " + path + ": " + a.body()).isEqualTo(200);
    return a;
  }

  private static void assertError(Answer a, int status, String code, String messagePart) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.json().path("error").path("code").asText()).as(a.body()).isEqualTo(code);
    assertThat(a.json().path("error").path("message").asText()).contains(messagePart);
  }
}
