package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.openbds.api.Hash32;

/**
 * What the activity's planners share: the node's dev accounts, the deployed contracts, the seeded random source, the
 * current base fee, and what the activity has touched and counted. Every random choice goes through {@link #random} so
 * that a seed replays the same plans. Not thread-safe.
 */
final class ActivityContext {
  static final BigInteger GWEI = BigInteger.TEN.pow(9);
  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  /** A plain transfer needs 21,000 gas, an access list up to a few thousand more. */
  static final long TRANSFER_GAS = 50_000;
  private static final List<FeeStyle> FEE_STYLES = List.of(FeeStyle.values());

  final AnvilNode node;
  final Random random;
  final List<String> accounts;
  final CompiledContracts compiled;
  final Set<String> touched = new TreeSet<>();
  final List<Hash32> failed = new ArrayList<>();
  private final List<String> fresh = new ArrayList<>();
  private final EnumMap<EvmActivityKind, Integer> counts = new EnumMap<>(EvmActivityKind.class);
  private DeployedContracts contracts;
  private BigInteger baseFee = GWEI;

  ActivityContext(AnvilNode node, long seed, CompiledContracts compiled) {
    this.node = requireNonNull(node, "node is null");
    this.random = new Random(seed);
    this.accounts = node.accounts();
    this.compiled = requireNonNull(compiled, "compiled is null");
  }

  DeployedContracts contracts() {
    return requireNonNull(contracts, "the contracts are not deployed yet");
  }

  void deployed(DeployedContracts deployed) {
    this.contracts = deployed;
    touched.addAll(deployed.all());
  }

  /** Reads the base fee of the latest block; fees offered are at least twice it, enough for the next few blocks. */
  void refreshBaseFee() {
    var block = node.call("eth_getBlockByNumber", "latest", false);
    baseFee = Hex.bigQuantity("baseFeePerGas of the latest block", block.get("baseFeePerGas"));
  }

  Map<EvmActivityKind, Integer> counts() {
    return Collections.unmodifiableMap(new EnumMap<>(counts));
  }

  void count(EvmActivityKind kind) {
    counts.merge(kind, 1, Integer::sum);
  }

  String account() {
    return accounts.get(random.nextInt(accounts.size()));
  }

  String otherAccount(String not) {
    String a = account();
    return a.equals(not) ? accounts.get((accounts.indexOf(a) + 1) % accounts.size()) : a;
  }

  /** A dev account (most often) or an address that never sends, new or seen before. */
  String recipient() {
    int r = random.nextInt(10);
    if (r < 7) {
      return account();
    }
    return r < 9 || fresh.isEmpty() ? freshAddress() : fresh.get(random.nextInt(fresh.size()));
  }

  /** A recipient other than {@code not}. */
  String recipientOtherThan(String not) {
    String r = recipient();
    return r.equals(not) ? otherAccount(not) : r;
  }

  /** A new address nobody holds a key for: it receives, it never sends; later recipients may be chosen among them. */
  String freshAddress() {
    String address = unusedAddress();
    fresh.add(address);
    return address;
  }

  /** A new address nobody holds a key for, kept out of the recipients chosen later. */
  String unusedAddress() {
    byte[] raw = new byte[20];
    random.nextBytes(raw);
    return "0x" + Hex.digits(raw);
  }

  /** Uniform in {@code [0, bound)}. */
  BigInteger below(BigInteger bound) {
    if (bound.signum() <= 0) {
      throw new IllegalArgumentException("empty range below " + bound);
    }
    BigInteger r;
    do {
      r = new BigInteger(bound.bitLength(), random);
    } while (r.compareTo(bound) >= 0);
    return r;
  }

  /** In {@code [0, max]}: sometimes exactly max, 0 or 1 (the edges decoders get wrong), else uniform. */
  BigInteger upTo(BigInteger max) {
    return switch (random.nextInt(8)) {
      case 0 -> max;
      case 1 -> max.min(BigInteger.ONE);
      default -> below(max.add(BigInteger.ONE));
    };
  }

  /** An amount of an 18-decimals token or of wei: up to a million whole units, sometimes 0 or 1. */
  BigInteger amount() {
    return upTo(ETHER.multiply(BigInteger.valueOf(1_000_000)));
  }

  /** Wei to send: up to 0.1 ether. */
  BigInteger ether() {
    return upTo(ETHER.divide(BigInteger.TEN));
  }

  FeeStyle feeStyle() {
    return FEE_STYLES.get(random.nextInt(FEE_STYLES.size()));
  }

  /** An {@code eth_sendTransaction} request; {@code to} null for a contract creation. */
  Map<String, Object> request(String from, String to, BigInteger value, String data, long gas, FeeStyle style) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("from", from);
    if (to != null) {
      r.put("to", to);
    }
    r.put("value", Hex.quantity(value));
    r.put("data", data);
    // explicit gas: anvil then includes a transaction that reverts instead of refusing it at estimation
    r.put("gas", Hex.quantity(gas));
    BigInteger tip = GWEI.add(BigInteger.valueOf(random.nextInt(1_000_000_000)));
    switch (style) {
      case LEGACY -> {
        r.put("type", "0x0");
        r.put("gasPrice", Hex.quantity(baseFee.shiftLeft(1).add(tip)));
      }
      case ACCESS_LIST -> {
        r.put("type", "0x1");
        r.put("gasPrice", Hex.quantity(baseFee.shiftLeft(1).add(tip)));
        r.put("accessList", random.nextBoolean() || to == null ? List.of() : List.of(Map.of("address", to, "storageKeys", List.of("0x" + "00".repeat(32)))));
      }
      case DYNAMIC_FEE -> {
        r.put("type", "0x2");
        r.put("maxFeePerGas", Hex.quantity(baseFee.shiftLeft(1).add(tip).add(GWEI)));
        r.put("maxPriorityFeePerGas", Hex.quantity(tip));
      }
    }
    return r;
  }

  /** Plans, counts and notes the addresses of one transaction with a random fee style. */
  PlannedTransaction plan(EvmActivityKind kind, String from, String to, BigInteger value, String data, long gas, boolean expectSuccess, TransactionEffect effect) {
    return plan(kind, from, to, value, data, gas, feeStyle(), expectSuccess, effect);
  }

  PlannedTransaction plan(
      EvmActivityKind kind, String from, String to, BigInteger value, String data, long gas, FeeStyle style, boolean expectSuccess, TransactionEffect effect) {
    count(kind);
    touched.add(from);
    if (to != null) {
      touched.add(to);
    }
    return new PlannedTransaction(kind, request(from, to, value, data, gas, style), expectSuccess, effect);
  }
}
