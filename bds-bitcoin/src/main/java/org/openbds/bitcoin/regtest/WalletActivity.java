package org.openbds.bitcoin.regtest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.rpc.BitcoinRpcClient;

/**
 * Wallet traffic on a {@link RegtestNode}, the way people pay each other: a {@code miner} wallet earns every coinbase
 * and pays a {@code users} wallet, which pays itself and the miner back. Each {@link #round()} makes a random mix of
 * payment shapes ({@link PaymentShape}) and mines 1–3 blocks. Every choice (shapes, counts, amounts, address types,
 * data) comes from a {@link Random} with the given seed, so a seed replays the same activity; only what the node
 * randomizes itself differs (keys, coin selection, hence txids and change).
 *
 * <p>Each step checks the {@link HeightLimit} before it mines and refuses to pass it. Not thread-safe.
 */
public final class WalletActivity {
  public static final String MINER_WALLET = "miner";
  public static final String USERS_WALLET = "users";
  /** Blocks mined when the activity starts: ten coinbases mature (one can be spent 100 blocks after its own). */
  public static final int INITIAL_BLOCKS = 110;

  private static final String[] ADDRESS_TYPES = {"legacy", "p2sh-segwit", "bech32"};
  private static final PaymentShape[] SHAPE_OF_ADDRESS_TYPE = {PaymentShape.LEGACY, PaymentShape.P2SH_SEGWIT, PaymentShape.BECH32};
  private static final int MAX_BLOCKS_PER_ROUND = 3;
  /** Fee of the hand-built multi-input payment: about 30 sat/vB for a legacy input, well above the relay minimum. */
  private static final long MULTI_INPUT_FEE_PER_INPUT = 5_000;
  private static final long MULTI_INPUT_FEE_BASE = 2_000;
  /** While the users hold less than this (trusted), as before their first payments confirm, they do not pay. */
  private static final long MIN_USERS_BALANCE = 10_000_000;
  /** Bitcoin Core's RPC_WALLET_ERROR, which {@code createwallet} answers for a wallet that exists on disk. */
  private static final int RPC_WALLET_ERROR = -4;

  private final RegtestNode node;
  private final BitcoinRpcClient miner;
  private final BitcoinRpcClient users;
  private final Random random;
  private final HeightLimit limit;
  private final String minerAddress;
  private final EnumMap<PaymentShape, Integer> payments = new EnumMap<>(PaymentShape.class);
  /** Small outputs to the users, waiting to be spent together by the next round. */
  private List<FanOutput> fanOut = List.of();
  private int rounds;
  private int blocksMined;
  private int sendManyOutputs;
  private int reorgs;

  private WalletActivity(RegtestNode node, long seed, HeightLimit limit, String minerAddress) {
    this.node = node;
    this.miner = node.wallet(MINER_WALLET);
    this.users = node.wallet(USERS_WALLET);
    this.random = new Random(seed);
    this.limit = limit;
    this.minerAddress = minerAddress;
  }

  /** {@link #start(RegtestNode, long, HeightLimit)} with the default height limit. */
  public static WalletActivity start(RegtestNode node, long seed) {
    return start(node, seed, HeightLimit.DEFAULT);
  }

  /**
   * Creates (or loads) the {@code miner} and {@code users} wallets, loaded again whenever the node restarts, and mines
   * {@link #INITIAL_BLOCKS} blocks to the miner.
   */
  public static WalletActivity start(RegtestNode node, long seed, HeightLimit limit) {
    requireNonNull(node, "node is null");
    requireNonNull(limit, "limit is null");
    limit.checkRoom(node.rpc().blockCount(), INITIAL_BLOCKS, "starting the wallet activity");
    openWallet(node, MINER_WALLET);
    openWallet(node, USERS_WALLET);
    String minerAddress = node.wallet(MINER_WALLET).call("getnewaddress", "coinbase", "bech32").asText();
    WalletActivity activity = new WalletActivity(node, seed, limit, minerAddress);
    activity.mine(INITIAL_BLOCKS);
    return activity;
  }

  /** The address every coinbase pays to. */
  public String minerAddress() {
    return minerAddress;
  }

  /** One round of payments, then 1–3 blocks. */
  public void round() {
    int blocks = 1 + random.nextInt(MAX_BLOCKS_PER_ROUND);
    limit.checkRoom(node.rpc().blockCount(), blocks, "a wallet round");
    spendFanOut();
    int singles = 1 + random.nextInt(4);
    for (int i = 0; i < singles; i++) {
      payNewUserAddress(random.nextInt(ADDRESS_TYPES.length), between(10_000_000, 300_000_000));
    }
    if (random.nextBoolean()) {
      sendMany(10 + random.nextInt(31));
    }
    // draws are made whether or not the node's state lets a payment happen, so that a seed replays the same choices
    boolean wantsFanOut = random.nextInt(5) < 2;
    int fanOutCount = 5 + random.nextInt(4);
    if (wantsFanOut && fanOut.isEmpty()) {
      fanOut(fanOutCount);
    }
    if (random.nextInt(5) < 2) {
      opReturnPayment();
    }
    boolean toSelf = random.nextInt(5) < 2;
    int selfType = random.nextInt(ADDRESS_TYPES.length);
    long selfAmount = between(1_000_000, 100_000_000);
    if (toSelf) {
      usersPayment(() -> newUsersAddress(selfType), selfAmount, PaymentShape.TO_SELF);
    }
    boolean toMiner = random.nextBoolean();
    long toMinerAmount = between(5_000_000, 200_000_000);
    if (toMiner) {
      usersPayment(() -> minerAddress, toMinerAmount, PaymentShape.TO_MINER);
    }
    mine(blocks);
    rounds++;
  }

  /** {@code n} rounds. */
  public void rounds(int n) {
    for (int i = 0; i < n; i++) {
      round();
    }
  }

  /**
   * Replaces the last {@code depth} blocks: invalidates the lowest of them, makes new payments (the orphaned blocks'
   * transactions return to the mempool as well), and mines {@code depth + 1} blocks, so the new branch is longer. The
   * old branch is then reconsidered, which leaves it a valid fork with less work.
   */
  public Reorg reorg(int depth) {
    long tip = node.rpc().blockCount();
    if (depth < 1 || depth >= tip) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a reorg replaces between 1 and " + (tip - 1) + " blocks, not " + depth);
    }
    limit.checkRoom(tip, 1, "a reorg of depth " + depth);
    List<Hash32> orphaned = new ArrayList<>();
    for (long h = tip - depth + 1; h <= tip; h++) {
      orphaned.add(node.rpc().blockHash(h).orElseThrow(() -> new BdsException(ErrorCode.NODE_ERROR, "the node lost a block while reorganising")));
    }
    String fork = orphaned.get(0).toHex();
    node.call("invalidateblock", fork);
    int newPayments = 1 + random.nextInt(3);
    for (int i = 0; i < newPayments; i++) {
      int type = random.nextInt(ADDRESS_TYPES.length);
      long satoshis = between(10_000_000, 300_000_000);
      // a deep reorg can leave the miner with no mature coinbase: the payment is then skipped, its draws still made
      if (trustedBalance(miner) >= 2 * satoshis) {
        payNewUserAddress(type, satoshis);
      }
    }
    // to an address of its own: with no new payment and the same second, the first block of the new branch would
    // otherwise be the invalidated block itself, which the node refuses ("block not accepted")
    mine(depth + 1, miner.call("getnewaddress", "coinbase", "bech32").asText());
    node.call("reconsiderblock", fork);
    reorgs++;
    long height = node.rpc().blockCount();
    return new Reorg(orphaned, Hash32.parse(node.call("getbestblockhash").asText()), height);
  }

  /** Satoshis per address of the users wallet, from its confirmed unspent outputs ({@code listunspent 1}). */
  public Map<String, Long> userBalances() {
    Map<String, Long> balances = new TreeMap<>();
    for (JsonNode utxo : users.call("listunspent", 1)) {
      balances.merge(utxo.get("address").asText(), CoinAmount.toSatoshis(utxo.get("amount").decimalValue()), Math::addExact);
    }
    return Collections.unmodifiableMap(balances);
  }

  public WalletActivityCounts counts() {
    return new WalletActivityCounts(rounds, blocksMined, payments, sendManyOutputs, reorgs);
  }

  private void payNewUserAddress(int type, long satoshis) {
    String to = newUsersAddress(type);
    miner.call("sendtoaddress", to, CoinAmount.toCoins(satoshis));
    count(SHAPE_OF_ADDRESS_TYPE[type]);
  }

  private void sendMany(int outputs) {
    Map<String, BigDecimal> amounts = new LinkedHashMap<>();
    for (int i = 0; i < outputs; i++) {
      int type = random.nextInt(ADDRESS_TYPES.length);
      amounts.put(newUsersAddress(type), CoinAmount.toCoins(between(100_000, 10_000_000)));
    }
    miner.call("sendmany", "", amounts);
    count(PaymentShape.SEND_MANY);
    sendManyOutputs += outputs;
  }

  /** Small payments to several new users addresses; the next round spends them all in one payment. */
  private void fanOut(int outputs) {
    Map<String, BigDecimal> amounts = new LinkedHashMap<>();
    for (int i = 0; i < outputs; i++) {
      amounts.put(newUsersAddress(random.nextInt(ADDRESS_TYPES.length)), CoinAmount.toCoins(between(1_000_000, 5_000_000)));
    }
    String txid = miner.call("sendmany", "", amounts).asText();
    List<FanOutput> made = new ArrayList<>();
    for (JsonNode detail : miner.call("gettransaction", txid).get("details")) {
      if ("send".equals(detail.path("category").asText()) && amounts.containsKey(detail.path("address").asText())) {
        made.add(new FanOutput(txid, detail.get("vout").asInt(), CoinAmount.toSatoshis(detail.get("amount").decimalValue().negate())));
      }
    }
    if (made.size() != outputs) {
      throw new BdsException(ErrorCode.MALFORMED_RESPONSE, "gettransaction " + txid + " lists " + made.size() + " of the " + outputs + " outputs sent");
    }
    fanOut = List.copyOf(made);
    count(PaymentShape.FAN_OUT);
  }

  /**
   * Spends the last fan-out in one payment to the miner, its inputs named explicitly. Skipped when one of them is gone:
   * a reorg can drop the fan-out if it spent a coinbase that became immature again.
   */
  private void spendFanOut() {
    List<FanOutput> outputs = fanOut;
    fanOut = List.of();
    if (outputs.isEmpty()) {
      return;
    }
    List<Map<String, Object>> inputs = new ArrayList<>();
    long total = 0;
    for (FanOutput o : outputs) {
      if (node.call("gettxout", o.txid(), o.vout(), true).isNull()) {
        return;
      }
      inputs.add(Map.of("txid", o.txid(), "vout", o.vout()));
      total += o.satoshis();
    }
    long fee = MULTI_INPUT_FEE_BASE + MULTI_INPUT_FEE_PER_INPUT * outputs.size();
    String raw = users.call("createrawtransaction", inputs, Map.of(minerAddress, CoinAmount.toCoins(total - fee))).asText();
    node.call("sendrawtransaction", signed(users, raw));
    count(PaymentShape.MULTI_INPUT);
  }

  /** A payment with a data output first, funded and signed by the miner's wallet. */
  private void opReturnPayment() {
    byte[] data = new byte[4 + random.nextInt(37)];
    random.nextBytes(data);
    String to = newUsersAddress(random.nextInt(ADDRESS_TYPES.length));
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("data", HexFormat.of().formatHex(data));
    outputs.put(to, CoinAmount.toCoins(between(1_000_000, 50_000_000)));
    String raw = miner.call("createrawtransaction", List.of(), outputs).asText();
    String funded = miner.call("fundrawtransaction", raw).get("hex").asText();
    node.call("sendrawtransaction", signed(miner, funded));
    count(PaymentShape.OP_RETURN);
  }

  /**
   * A payment from the users wallet of at most a quarter of its trusted balance; skipped while it holds too little. The
   * address is asked for only when the payment is made, so that a skipped payment does not use one up.
   */
  private void usersPayment(Supplier<String> to, long wanted, PaymentShape shape) {
    long trusted = trustedBalance(users);
    if (trusted < MIN_USERS_BALANCE) {
      return;
    }
    users.call("sendtoaddress", to.get(), CoinAmount.toCoins(Math.min(wanted, trusted / 4)));
    count(shape);
  }

  private static long trustedBalance(BitcoinRpcClient wallet) {
    return CoinAmount.toSatoshis(wallet.call("getbalances").path("mine").path("trusted").decimalValue());
  }

  private String newUsersAddress(int type) {
    return users.call("getnewaddress", "", ADDRESS_TYPES[type]).asText();
  }

  private static String signed(BitcoinRpcClient wallet, String rawTransaction) {
    JsonNode result = wallet.call("signrawtransactionwithwallet", rawTransaction);
    if (!result.path("complete").asBoolean()) {
      throw new BdsException(ErrorCode.NODE_ERROR, "the wallet could not sign a transaction: " + result.path("errors"));
    }
    return result.get("hex").asText();
  }

  private void mine(int blocks) {
    mine(blocks, minerAddress);
  }

  private void mine(int blocks, String address) {
    limit.checkRoom(node.rpc().blockCount(), blocks, "mining " + blocks + " blocks");
    node.call("generatetoaddress", blocks, address);
    blocksMined += blocks;
  }

  private void count(PaymentShape shape) {
    payments.merge(shape, 1, Integer::sum);
  }

  private long between(long low, long high) {
    return random.nextLong(low, high);
  }

  private static void openWallet(RegtestNode node, String name) {
    for (JsonNode loaded : node.call("listwallets")) {
      if (loaded.asText().equals(name)) {
        return;
      }
    }
    try {
      // no passphrase, legacy (non-descriptor) wallet, loaded whenever the node starts
      node.call("createwallet", name, false, false, null, false, false, true);
    } catch (BitcoinRpcClient.RpcError e) {
      if (e.rpcCode() != RPC_WALLET_ERROR) {
        throw e;
      }
      node.call("loadwallet", name, true);
    }
  }

  private record FanOutput(String txid, int vout, long satoshis) {}
}
