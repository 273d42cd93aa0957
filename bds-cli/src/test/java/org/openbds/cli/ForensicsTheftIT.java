package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.Warehouse;
import org.openbds.bitcoin.rpc.BitcoinRpcClient;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.ethereum.devnet.Abi;
import org.openbds.ethereum.devnet.AbiValue;
import org.openbds.ethereum.devnet.AnvilNode;
import org.openbds.ethereum.devnet.EvmActivity;
import org.openbds.postgres.LocalPostgres;
import org.openbds.postgres.PostgresWarehouse;

/**
 * A scripted theft on real nodes, traced with the command line and checked against what the script moved and what the
 * nodes answer: stolen funds split, merged, peeled through many hops and partly paid to a labelled exchange.
 *
 * <ul>
 *   <li>litecoind -regtest: the victim's wallet pays the thief's; the thief splits, merges two outputs (a co-spend),
 *       peels four deposits of 0.5 LTC off to an exchange's wallet. Forward, every model puts exactly the deposits at
 *       the exchange, exactly the thief's fees into fees, and exactly the thief wallet's unspent outputs (as the node
 *       lists them) in the frontier; backward from a deposit, every satoshi goes back to coinbases through the theft.
 *       Clusters: no cluster spans two wallets, and the co-spent addresses are one cluster.
 *   <li>anvil: the victim pays fresh accounts of the thief, who splits through a forwarding contract (internal
 *       transfers), merges and peels to a labelled exchange account; and steals tokens the same way. Forward, the
 *       exchange gets exactly what the script sent, fees equal the receipts', and what each thief account holds equals
 *       the node's {@code eth_getBalance} / {@code balanceOf}; backward (FIFO) a deposit goes back to the victim's opening
 *       balance exactly.
 * </ul>
 */
class ForensicsTheftIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The command line on one warehouse. */
  @FunctionalInterface
  private interface Bds {
    Cli.Result run(String... args);
  }

  /** Steps run on one warehouse: its name, the command line on it, and a way to open it. */
  @FunctionalInterface
  private interface OnWarehouse {
    void run(String where, Bds bds, java.util.function.Supplier<Warehouse> open) throws Exception;
  }

  /** The embedded warehouse in a directory and a PostgreSQL server started for the test, to run the same steps on both. */
  private static final class BothWarehouses implements AutoCloseable {
    private final Path data;
    private final Path server;
    private final String url;

    BothWarehouses(Path data) throws java.io.IOException {
      this.data = data;
      this.server = Files.createTempDirectory("bds-forensics-postgres"); // a directory PostgreSQL's own system user can reach
      this.url = LocalPostgres.start(server, 0, "openbds").url().withPassword();
    }

    /** Runs {@code steps} on the embedded warehouse, then on the server. */
    void each(OnWarehouse steps) throws Exception {
      steps.run("embedded", args -> Cli.run(data, args), () -> DuckDbWarehouse.open(data));
      steps.run("postgresql", args -> Cli.run(data, prefixed(args, "--warehouse", url)), () -> PostgresWarehouse.open(url));
    }

    @Override
    public void close() {
      LocalPostgres.stop(server);
      org.openbds.core.FileTrees.delete(server);
    }
  }

  private static String[] prefixed(String[] args, String... first) {
    String[] out = java.util.Arrays.copyOf(first, first.length + args.length);
    System.arraycopy(args, 0, out, first.length, args.length);
    return out;
  }
  @TempDir Path dir;

  /** {@code bds evidence} on a case file the trace wrote: no figure disagrees with its arithmetic, and the steps are shown. */
  private void evidence(Path caseFile, String... txids) throws Exception {
    Path html = caseFile.resolveSibling(caseFile.getFileName() + ".html");
    Cli.Result r = Cli.run(dir.resolve("unused"), "evidence", caseFile.toString(), "--out", html.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).as("disagreements in the report of " + caseFile).doesNotContain("do not agree");
    String page = Files.readString(html);
    for (String txid : txids) {
      assertThat(page).as(caseFile + " shows " + txid).contains(txid);
    }
  }

  // ------------------------------------------------------------------------------------------------ litecoin

  private static BigDecimal coins(long satoshis) {
    return BigDecimal.valueOf(satoshis).movePointLeft(8);
  }

  private static long satoshis(JsonNode coins) {
    return coins.decimalValue().movePointRight(8).longValueExact();
  }

  /** A raw transaction of the wallet spending exactly {@code inputs} into {@code outputs} (address → satoshis). */
  private static String spend(RegtestNode node, BitcoinRpcClient wallet, List<String> inputs, Map<String, Long> outputs) {
    List<Map<String, Object>> ins = new ArrayList<>();
    for (String o : inputs) {
      int colon = o.lastIndexOf(':');
      ins.add(Map.of("txid", o.substring(0, colon), "vout", Integer.parseInt(o.substring(colon + 1))));
    }
    Map<String, Object> outs = new LinkedHashMap<>();
    outputs.forEach((a, v) -> outs.put(a, coins(v)));
    String raw = wallet.call("createrawtransaction", ins, outs).asText();
    JsonNode signed = wallet.call("signrawtransactionwithwallet", raw);
    assertThat(signed.get("complete").asBoolean()).as("signed " + signed).isTrue();
    return node.call("sendrawtransaction", signed.get("hex").asText()).asText();
  }

  /** A transaction of {@code wallet}'s, decoded (the node keeps no transaction index). */
  /** Every clustered address of the ltc chain with its cluster id. */
  private static Map<String, Long> clusterOf(java.util.function.Supplier<Warehouse> open) {
    Map<String, Long> out = new TreeMap<>();
    try (Warehouse w = open.get()) {
      for (List<Object> row : w.query("SELECT d.address, c.cluster_id FROM ltc.clusters c JOIN ltc.address_dictionary d USING (address_id)").rows()) {
        out.put((String) row.get(0), ((Number) row.get(1)).longValue());
      }
    }
    return out;
  }

  private static JsonNode decoded(RegtestNode node, BitcoinRpcClient wallet, String txid) {
    return node.call("decoderawtransaction", wallet.call("gettransaction", txid).get("hex").asText());
  }

  /** {@code txid:vout} of the output of {@code txid} (a transaction of {@code wallet}'s) paying {@code address}. */
  private static String outputTo(RegtestNode node, BitcoinRpcClient wallet, String txid, String address) {
    for (JsonNode o : decoded(node, wallet, txid).get("vout")) {
      if (address.equals(o.path("scriptPubKey").path("address").asText(null))
          || o.path("scriptPubKey").path("addresses").toString().contains("\"" + address + "\"")) {
        return txid + ":" + o.get("n").asInt();
      }
    }
    throw new AssertionError(txid + " pays nothing to " + address);
  }

  private void mine(RegtestNode node, BitcoinRpcClient miner, int blocks) {
    node.call("generatetoaddress", blocks, miner.call("getnewaddress").asText());
  }

  @Test
  void litecoinTheftIsTracedExactlyAndClustersFollowTheWallets() throws Exception {
    Optional<Path> binary = RegtestNode.findBinary();
    if (binary.isEmpty()) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping ForensicsTheftIT (litecoin)");
      assumeTrue(false, "litecoind missing");
    }
    try (RegtestNode node = RegtestNode.start(binary.get(), dir.resolve("ltc-node"))) {
      Map<String, BitcoinRpcClient> wallets = new LinkedHashMap<>();
      for (String name : List.of("miner", "victim", "thief", "exchange")) {
        node.call("createwallet", name);
        wallets.put(name, node.wallet(name));
      }
      BitcoinRpcClient miner = wallets.get("miner");
      BitcoinRpcClient victim = wallets.get("victim");
      BitcoinRpcClient thief = wallets.get("thief");
      BitcoinRpcClient exchange = wallets.get("exchange");
      mine(node, miner, 110);
      miner.call("sendtoaddress", victim.call("getnewaddress").asText(), coins(600_000_000));
      miner.call("sendtoaddress", victim.call("getnewaddress").asText(), coins(500_000_000));
      mine(node, miner, 1);

      // the theft: 10 LTC, which takes both of the victim's outputs (a co-spend of the victim's wallet)
      String t0 = thief.call("getnewaddress").asText();
      String theftTx = victim.call("sendtoaddress", t0, coins(1_000_000_000)).asText();
      mine(node, miner, 1);
      String theft = outputTo(node, thief, theftTx, t0);

      // split into three, merge two of them (a co-spend of the thief's wallet), then peel four deposits off
      String t1 = thief.call("getnewaddress").asText();
      String t2 = thief.call("getnewaddress").asText();
      String t3 = thief.call("getnewaddress").asText();
      String split = spend(node, thief, List.of(theft), Map.of(t1, 300_000_000L, t2, 300_000_000L, t3, 200_000_000L,
          thief.call("getrawchangeaddress").asText(), 199_990_000L));
      mine(node, miner, 1);
      String t4 = thief.call("getnewaddress").asText();
      String merge = spend(node, thief, List.of(outputTo(node, thief, split, t1), outputTo(node, thief, split, t2)), Map.of(t4, 599_990_000L));
      mine(node, miner, 1);
      List<String> deposits = new ArrayList<>();
      List<String> depositOutputs = new ArrayList<>();
      String coin = outputTo(node, thief, merge, t4);
      long left = 599_990_000L;
      List<String> thiefTxs = new ArrayList<>(List.of(split, merge));
      for (int k = 0; k < 4; k++) {
        String deposit = exchange.call("getnewaddress").asText();
        String change = thief.call("getrawchangeaddress").asText();
        left -= 50_000_000L + 10_000L;
        String peel = spend(node, thief, List.of(coin), Map.of(deposit, 50_000_000L, change, left));
        mine(node, miner, 1);
        deposits.add(deposit);
        depositOutputs.add(outputTo(node, thief, peel, deposit));
        coin = outputTo(node, thief, peel, change);
        thiefTxs.add(peel);
      }
      long thiefFees = 0;
      for (String tx : thiefTxs) {
        thiefFees += -satoshis(thief.call("gettransaction", tx).get("fee"));
      }
      assertThat(thiefFees).as("the script's fees").isEqualTo(10_000L * 6);
      long scriptFees = thiefFees;

      // the same investigation on the embedded warehouse and on a PostgreSQL server, each against the script's figures
      try (BothWarehouses both = new BothWarehouses(dir.resolve("ltc-data"))) {
        both.each((where, bds, open) -> {
          Cli.Result sync = bds.run("sync", "--chain", "ltc", "--network", "regtest", "--rpc", node.url(), "--exit-at-tip");
          assertThat(sync.exitCode()).as(sync.err()).isZero();
          Path tags = dir.resolve(where + "-tags.yaml");
          StringBuilder yaml = new StringBuilder("source: test script\nauthor: ForensicsTheftIT\ndate: 2026-11-24\nlabels:\n");
          for (int k = 0; k < deposits.size(); k++) {
            yaml.append("  - {chain: ltc, address: ").append(deposits.get(k)).append(", category: exchange, name: Exchange deposit ").append(k).append("}\n");
          }
          Files.writeString(tags, yaml);
          assertThat(bds.run("labels", "import", tags.toString()).exitCode()).isZero();

          // what the thief's wallet still holds, as the node lists it
          Map<String, Long> unspent = new TreeMap<>();
          for (JsonNode u : thief.call("listunspent", 0)) {
            unspent.put(u.get("txid").asText() + ":" + u.get("vout").asInt(), satoshis(u.get("amount")));
          }
          assertThat(unspent).hasSize(3);
          for (String model : List.of("haircut", "fifo", "poison")) {
            Path file = dir.resolve(where + "-ltc-forward-" + model + ".json");
            Cli.Result r = bds.run("trace", "--chain", "ltc", "--from", theft, "--hops", "10", "--taint", model, "--stop-at-labels", "exchange",
                "--out", file.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode c = JSON.readTree(file.toFile());
            assertThat(c.at("/summary/started").asText()).isEqualTo("1000000000");
            assertThat(c.at("/summary/fees").asText()).as(model + " fees").isEqualTo(Long.toString(scriptFees));
            assertThat(c.at("/summary/balances").asBoolean()).as(model + " balances").isTrue();
            Map<String, Long> atExchange = new TreeMap<>();
            Map<String, Long> held = new TreeMap<>();
            for (JsonNode e : c.get("frontier")) {
              long taint = Long.parseLong(e.get("taint").asText());
              switch (e.get("reason").asText()) {
                case "stop_address" -> atExchange.put(e.get("output").asText(), taint);
                case "unspent" -> held.put(e.get("output").asText(), taint);
                default -> throw new AssertionError(model + ": the frontier holds " + e);
              }
            }
            Map<String, Long> expectedDeposits = new TreeMap<>();
            depositOutputs.forEach(o -> expectedDeposits.put(o, 50_000_000L));
            assertThat(atExchange).as(model + " at the exchange").isEqualTo(expectedDeposits);
            assertThat(held).as(model + " still held by the thief").isEqualTo(unspent);
            assertThat(c.get("steps")).hasSize(thiefTxs.size());
            assertThat(c.at("/labels/" + deposits.get(0)).get(0).asText()).startsWith("exchange: Exchange deposit 0");
          }

          evidence(dir.resolve(where + "-ltc-forward-haircut.json"), theftTx, split, merge);
          evidence(dir.resolve(where + "-ltc-forward-fifo.json"), theftTx, split, merge);

          // backward from the last deposit: every satoshi of it goes back through the theft to coinbases
          Path back = dir.resolve(where + "-ltc-backward.json");
          Cli.Result b = bds.run("trace", "--chain", "ltc", "--from", depositOutputs.get(3), "--direction", "backward", "--hops", "30", "--taint", "fifo",
              "--out", back.toString());
          assertThat(b.exitCode()).as(b.err()).isZero();
          JsonNode bc = JSON.readTree(back.toFile());
          List<String> txids = new ArrayList<>();
          bc.get("steps").forEach(s -> txids.add(s.get("txid").asText()));
          assertThat(txids).contains(theftTx, split, merge);
          long mined = 0;
          for (JsonNode e : bc.get("frontier")) {
            assertThat(e.get("reason").asText()).as("backward frontier " + e).isEqualTo("mined");
            mined += Long.parseLong(e.get("taint").asText());
          }
          assertThat(mined).isEqualTo(50_000_000L);
          evidence(back, theftTx, split, merge);

          // clusters: multi-input merges only within a wallet, and the co-spends merged
          Cli.Result cl = bds.run("cluster", "--chain", "ltc", "--full");
          assertThat(cl.exitCode()).as(cl.err()).isZero();
          Map<Long, Set<String>> clusters = new HashMap<>();
          try (Warehouse w = open.get()) {
            for (List<Object> row : w.query("SELECT c.cluster_id, d.address FROM ltc.clusters c JOIN ltc.address_dictionary d USING (address_id)").rows()) {
              clusters.computeIfAbsent(((Number) row.get(0)).longValue(), k -> new HashSet<>()).add((String) row.get(1));
            }
          }
          Map<String, String> owner = new HashMap<>();
          for (Set<String> members : clusters.values()) {
            Set<String> owners = new HashSet<>();
            for (String a : members) {
              for (Map.Entry<String, BitcoinRpcClient> wallet : wallets.entrySet()) {
                if (wallet.getValue().call("getaddressinfo", a).get("ismine").asBoolean()) {
                  owners.add(wallet.getKey());
                  owner.put(a, wallet.getKey());
                }
              }
            }
            assertThat(owners).as("the wallets of cluster " + members).hasSize(1);
          }
          Set<String> victimInputs = new HashSet<>();
          for (JsonNode in : decoded(node, victim, theftTx).get("vin")) {
            JsonNode prev = decoded(node, victim, in.get("txid").asText()).get("vout").get(in.get("vout").asInt());
            JsonNode script = prev.get("scriptPubKey");
            victimInputs.add(script.has("address") ? script.get("address").asText() : script.get("addresses").get(0).asText());
          }
          assertThat(victimInputs).hasSize(2);
          assertThat(clusters.values()).anySatisfy(members -> assertThat(members).containsAll(victimInputs));
          assertThat(clusters.values()).anySatisfy(members -> assertThat(members).contains(t1, t2));
          assertThat(clusters.values()).noneSatisfy(members -> assertThat(members).contains(t1, t3));

          // a trace that stops at the thief's merged cluster: the split's two outputs to it, nothing beyond
          long thiefCluster = clusters.entrySet().stream().filter(e -> e.getValue().contains(t1)).findFirst().orElseThrow().getKey();
          Path stopped = dir.resolve(where + "-ltc-stop-cluster.json");
          Cli.Result sc = bds.run("trace", "--chain", "ltc", "--from", theft, "--hops", "10", "--stop-at-cluster", Long.toString(thiefCluster),
              "--out", stopped.toString());
          assertThat(sc.exitCode()).as(sc.err()).isZero();
          Map<String, String> stops = new TreeMap<>();
          for (JsonNode e : JSON.readTree(stopped.toFile()).get("frontier")) {
            if (e.get("reason").asText().equals("stop_address")) {
              stops.put(e.get("output").asText(), e.get("taint").asText() + " " + e.get("note").asText());
            }
          }
          assertThat(stops).isEqualTo(Map.of(outputTo(node, thief, split, t1), "300000000 cluster " + thiefCluster,
              outputTo(node, thief, split, t2), "300000000 cluster " + thiefCluster));
          assertThat(bds.run("trace", "--chain", "ltc", "--from", theft, "--stop-at-cluster", "999999999").err()).contains("no cluster 999999999");

          // the money path from the victim's cluster to the first deposit: theft, split, merge, first peel
          long victimCluster = clusters.entrySet().stream().filter(e -> e.getValue().containsAll(victimInputs)).findFirst().orElseThrow().getKey();
          Cli.Result path = bds.run("path", "--chain", "ltc", "cluster:" + victimCluster, deposits.get(0), "--max-hops", "6");
          assertThat(path.exitCode()).as(path.err()).isZero();
          assertThat(path.out()).contains("of 4 transaction(s) from cluster:" + victimCluster).contains(theftTx).contains(split).contains(merge)
              .contains(depositOutputs.get(0));
          Cli.Result none = bds.run("path", "--chain", "ltc", "cluster:" + victimCluster, deposits.get(0), "--max-hops", "3");
          assertThat(none.out()).contains("no path");
          Cli.Result missing = bds.run("path", "--chain", "ltc", "cluster:999999999", deposits.get(0));
          assertThat(missing.err()).contains("no cluster 999999999");

          Cli.Result a = bds.run("address", "--chain", "ltc", t1);
          assertThat(a.exitCode()).as(a.err()).isZero();
          assertThat(a.out()).contains(t2).contains(merge);
        });

        // a block more, whose transaction co-spends coinbases of the miner's wallet: bds sync keeps the clusters current
        // block by block, on both warehouses, exactly as a computation from scratch then finds them
        String coSpend = miner.call("sendtoaddress", miner.call("getnewaddress").asText(), coins(7_500_000_000L)).asText();
        mine(node, miner, 1);
        Set<String> coSpent = new HashSet<>();
        for (JsonNode in : decoded(node, miner, coSpend).get("vin")) {
          JsonNode script = decoded(node, miner, in.get("txid").asText()).get("vout").get(in.get("vout").asInt()).get("scriptPubKey");
          coSpent.add(script.has("address") ? script.get("address").asText() : script.get("addresses").get(0).asText());
        }
        assertThat(coSpent).as("the miner's co-spent addresses").hasSizeGreaterThan(1);
        both.each((where, bds, open) -> {
          Cli.Result sync = bds.run("sync", "--chain", "ltc", "--network", "regtest", "--rpc", node.url(), "--exit-at-tip");
          assertThat(sync.exitCode()).as(sync.err()).isZero();
          assertThat(sync.out()).as(where).contains("ltc clusters: heights");
          Map<String, Long> incremental = clusterOf(open);
          assertThat(coSpent.stream().map(incremental::get).distinct().toList()).as(where + ": the co-spent addresses in one cluster").hasSize(1)
              .doesNotContainNull();
          Cli.Result full = bds.run("cluster", "--chain", "ltc", "--full");
          assertThat(full.exitCode()).as(full.err()).isZero();
          assertThat(clusterOf(open)).as(where + ": block by block as from scratch").isEqualTo(incremental);
        });
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ ethereum

  private static final BigInteger ETHER = BigInteger.TEN.pow(18);

  private static String send(AnvilNode node, String from, String to, BigInteger value, String data) {
    return AnvilTransactions.send(node, from, to, value, data);
  }

  private static BigInteger fee(AnvilNode node, String hash) {
    JsonNode r = node.call("eth_getTransactionReceipt", hash);
    return new BigInteger(r.get("gasUsed").asText().substring(2), 16).multiply(new BigInteger(r.get("effectiveGasPrice").asText().substring(2), 16));
  }

  private static BigInteger balance(AnvilNode node, String account) {
    return new BigInteger(node.call("eth_getBalance", account, "latest").asText().substring(2), 16);
  }

  private static BigInteger tokenBalance(AnvilNode node, String token, String holder) {
    String data = Abi.call("balanceOf(address)", AbiValue.address(holder));
    return new BigInteger(node.call("eth_call", Map.of("to", token, "data", data), "latest").asText().substring(2), 16);
  }

  @Test
  void ethereumTheftIsTracedExactlyThroughInternalAndTokenTransfers() throws Exception {
    Optional<Path> binary = AnvilNode.findBinary();
    if (binary.isEmpty()) {
      System.out.println("NOTICE: anvil is not installed (./bds test installs it into .tools); skipping ForensicsTheftIT (ethereum)");
      assumeTrue(false, "anvil missing");
    }
    try (AnvilNode node = AnvilNode.start(binary.get(), dir.resolve("eth-node"))) {
      EvmActivity activity = EvmActivity.start(node, 11);
      String forwarder = activity.contracts().forwarder();
      String token = activity.contracts().testToken();
      String victim = node.accounts().get(1);
      String exchange = node.accounts().get(7);
      List<String> mules = new ArrayList<>();
      for (int i = 1; i <= 6; i++) {
        String m = String.format("0x%040x", 0xbad0000L + i);
        node.call("anvil_impersonateAccount", m);
        mules.add(m);
      }
      String thief = mules.get(0);
      assertThat(balance(node, forwarder)).as("the forwarder holds nothing of its own").isZero();
      List<String> feeTxs = new ArrayList<>();
      String theft = send(node, victim, thief, ETHER.multiply(BigInteger.TEN), null);
      // split through the forwarder: 6 ether to three mules by internal calls, 3 ether straight to a fourth
      String split = send(node, thief, forwarder, ETHER.multiply(BigInteger.valueOf(6)),
          Abi.call("forward(address[],uint256)", AbiValue.addresses(List.of(mules.get(1), mules.get(2), mules.get(3))), AbiValue.uint(1)));
      feeTxs.add(split);
      feeTxs.add(send(node, thief, mules.get(4), ETHER.multiply(BigInteger.valueOf(3)), null));
      // merge two of them, then peel to the exchange
      BigInteger half = ETHER.divide(BigInteger.TWO);
      feeTxs.add(send(node, mules.get(1), mules.get(4), ETHER.add(half), null));
      feeTxs.add(send(node, mules.get(2), mules.get(4), ETHER.add(half), null));
      String deposit1 = send(node, mules.get(4), exchange, ETHER.multiply(BigInteger.TWO), null);
      feeTxs.add(deposit1);
      feeTxs.add(send(node, mules.get(4), mules.get(5), ETHER.multiply(BigInteger.valueOf(3)), null));
      String deposit2 = send(node, mules.get(5), exchange, ETHER, null);
      feeTxs.add(deposit2);
      // tokens: the victim mints 1000, 500 are stolen, 200 go to a mule and 300 to the exchange
      BigInteger unit = ETHER;
      send(node, victim, token, BigInteger.ZERO, Abi.call("mint(address,uint256)", AbiValue.address(victim), AbiValue.uint(unit.multiply(BigInteger.valueOf(1000)))));
      String tokenTheft = send(node, victim, token, BigInteger.ZERO, Abi.call("transfer(address,uint256)", AbiValue.address(thief), AbiValue.uint(unit.multiply(BigInteger.valueOf(500)))));
      feeTxs.add(send(node, thief, token, BigInteger.ZERO, Abi.call("transfer(address,uint256)", AbiValue.address(mules.get(1)), AbiValue.uint(unit.multiply(BigInteger.valueOf(200))))));
      feeTxs.add(send(node, thief, token, BigInteger.ZERO, Abi.call("transfer(address,uint256)", AbiValue.address(exchange), AbiValue.uint(unit.multiply(BigInteger.valueOf(300))))));
      BigInteger fees = feeTxs.stream().map(h -> fee(node, h)).reduce(BigInteger.ZERO, BigInteger::add);

      // the same investigation on the embedded warehouse and on a PostgreSQL server, each against the nodes' answers
      try (BothWarehouses both = new BothWarehouses(dir.resolve("eth-data"))) {
        both.each((where, bds, open) -> {
          Cli.Result sync = bds.run("sync", "--chain", "eth", "--network", "dev", "--rpc", node.url(), "--exit-at-tip");
          assertThat(sync.exitCode()).as(sync.err()).isZero();
          Path tags = dir.resolve(where + "-eth-tags.yaml");
          Files.writeString(tags, "source: test script\nauthor: ForensicsTheftIT\ndate: 2026-11-24\nlabels:\n  - {chain: eth, address: '"
              + exchange.toUpperCase().replace("0X", "0x") + "', category: exchange, name: Example Exchange}\n");
          assertThat(bds.run("labels", "import", tags.toString()).exitCode()).isZero();

          for (String model : List.of("haircut", "fifo", "poison")) {
            Path file = dir.resolve(where + "-" + "eth-forward-" + model + ".json");
            Cli.Result r = bds.run("trace", "--chain", "eth", "--from", theft, "--hops", "10", "--taint", model, "--stop-at-labels", "exchange",
                "--out", file.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode c = JSON.readTree(file.toFile());
            assertThat(c.get("model").asText()).isEqualTo("account");
            assertThat(c.at("/summary/started").asText()).isEqualTo(ETHER.multiply(BigInteger.TEN).toString());
            // every fee the thief's accounts paid, the token transfers' too: all of it from stolen ether
            assertThat(c.at("/summary/fees").asText()).as(model + " fees").isEqualTo(fees.toString());
            assertThat(c.at("/summary/balances").asBoolean()).as(model + " balances").isTrue();
            Map<String, BigInteger> held = new TreeMap<>();
            BigInteger atExchange = BigInteger.ZERO;
            for (JsonNode e : c.get("frontier")) {
              BigInteger taint = new BigInteger(e.get("taint").asText());
              switch (e.get("reason").asText()) {
                case "stop_address" -> {
                  assertThat(e.get("address").asText()).isEqualTo(exchange);
                  atExchange = atExchange.add(taint);
                }
                case "held" -> held.merge(e.get("address").asText(), taint, BigInteger::add);
                default -> throw new AssertionError(model + ": the frontier holds " + e);
              }
            }
            assertThat(atExchange).as(model + " at the exchange").isEqualTo(ETHER.multiply(BigInteger.valueOf(3)));
            Map<String, BigInteger> expected = new TreeMap<>();
            for (String m : mules) {
              BigInteger b = balance(node, m);
              if (b.signum() > 0) {
                expected.put(m, b);
              }
            }
            assertThat(held).as(model + ": what the thief's accounts hold, by eth_getBalance").isEqualTo(expected);
            List<String> kinds = new ArrayList<>();
            c.get("steps").forEach(s -> s.get("transfers").forEach(t -> kinds.add(t.get("kind").asText())));
            assertThat(kinds).contains("native", "internal");
            assertThat(c.at("/labels/" + exchange).get(0).asText()).startsWith("exchange: Example Exchange");
          }

          evidence(dir.resolve(where + "-eth-forward-haircut.json"), theft, split, deposit1, deposit2);
          evidence(dir.resolve(where + "-eth-forward-fifo.json"), theft, split, deposit1, deposit2);

          // backward (FIFO) from the second deposit: the victim's opening balance, exactly one ether
          Path back = dir.resolve(where + "-eth-backward.json");
          Cli.Result b = bds.run("trace", "--chain", "eth", "--from", deposit2, "--direction", "backward", "--hops", "10", "--taint", "fifo",
              "--out", back.toString());
          assertThat(b.exitCode()).as(b.err()).isZero();
          JsonNode bc = JSON.readTree(back.toFile());
          assertThat(bc.get("frontier")).hasSize(1);
          assertThat(bc.at("/frontier/0/address").asText()).isEqualTo(victim);
          assertThat(bc.at("/frontier/0/reason").asText()).isEqualTo("opening");
          assertThat(bc.at("/frontier/0/taint").asText()).isEqualTo(ETHER.toString());
          List<String> txids = new ArrayList<>();
          bc.get("steps").forEach(s -> txids.add(s.get("txid").asText()));
          assertThat(txids).contains(theft, deposit2);
          evidence(back, theft, deposit2);

          // the tokens: 300 at the exchange, 200 held by the mule, as balanceOf says
          Path tokens = dir.resolve(where + "-eth-token.json");
          Cli.Result t = bds.run("trace", "--chain", "eth", "--asset", token, "--from", tokenTheft, "--taint", "haircut", "--stop-at-labels", "exchange",
              "--out", tokens.toString());
          assertThat(t.exitCode()).as(t.err()).isZero();
          JsonNode tc = JSON.readTree(tokens.toFile());
          Map<String, String> frontier = new TreeMap<>();
          tc.get("frontier").forEach(e -> frontier.put(e.get("reason").asText() + " " + e.get("address").asText(), e.get("taint").asText()));
          assertThat(frontier).isEqualTo(Map.of(
              "stop_address " + exchange, unit.multiply(BigInteger.valueOf(300)).toString(),
              "held " + mules.get(1), tokenBalance(node, token, mules.get(1)).toString()));
          assertThat(tokenBalance(node, token, mules.get(1))).isEqualTo(unit.multiply(BigInteger.valueOf(200)));
          assertThat(tc.at("/summary/fees").asText()).isEqualTo("0");
          evidence(tokens, tokenTheft);

          // the money path from the victim to the exchange: theft, to the fourth mule, on to the exchange
          Cli.Result path = bds.run("path", "--chain", "eth", victim, exchange, "--max-hops", "6");
          assertThat(path.exitCode()).as(path.err()).isZero();
          assertThat(path.out()).contains("of 3 transfer(s) of native from " + victim + " to " + exchange).contains(theft).contains(deposit1);

          Cli.Result wrong = bds.run("trace", "--chain", "eth", "--from", "0x1234");
          assertThat(wrong.exitCode()).isEqualTo(1);
          assertThat(wrong.err()).contains("INVALID_ARGUMENT").contains("0x1234");
        });
      }
    }
  }
}
