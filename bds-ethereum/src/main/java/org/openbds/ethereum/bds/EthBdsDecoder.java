package org.openbds.ethereum.bds;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openbds.api.Hash32;
import org.openbds.ethereum.codec.EthBlock;
import org.openbds.ethereum.codec.EthBlockBundle;
import org.openbds.ethereum.codec.EthReceipt;
import org.openbds.ethereum.codec.EthTrace;
import org.openbds.ethereum.codec.EthTransaction;
import org.openbds.ethereum.profile.RewardSchedule;
import org.openbds.ethereum.split.BalanceChange;
import org.openbds.ethereum.split.EthDecodedBlock;
import org.openbds.ethereum.split.NativeBalanceChanges;
import org.openbds.ethereum.split.NodeFacts;
import org.openbds.ethereum.token.TokenStandard;
import org.openbds.ethereum.token.TokenTransfer;

/**
 * Reads one Ethereum-family message of the original BDS product ({@code block}, {@code uncles},
 * {@code transactions}, {@code internal_transactions}, {@code token_transactions}, {@code tokens}) into the
 * {@link EthDecodedBlock} our splitter resolves, so that the tables the message can fill get our own rows. What the
 * message does not carry, and the approximations its flat list of internal transactions forces, are set out in
 * docs/bds-messages.md; in short: no logs, no call data, no contract code, no call tree.
 *
 * <p>Opening balances (an address's balance at the block before, which our splitter writes the first time it sees an
 * address) are derived exactly from the message's post-block balance snapshots: the snapshot less the block's own
 * changes of that address. Thread-safe (stateless).
 */
final class EthBdsDecoder {
  private final RewardSchedule rewards;

  EthBdsDecoder(RewardSchedule rewards) {
    this.rewards = requireNonNull(rewards, "rewards is null");
  }

  EthDecodedBlock decode(byte[] document, String origin) {
    MessageFields f = new MessageFields(origin);
    JsonNode root = f.parse(document);
    JsonNode b = f.object(root, "", "block");
    String bp = "block";
    long number = f.longValue(b, bp, "height");
    Map<String, BigInteger> snapshots = new LinkedHashMap<>();
    String miner = f.address(b, bp, "miner");
    snapshot(f, snapshots, miner, b, bp, "miner_balance");

    List<Hash32> uncleHashes = new ArrayList<>();
    List<NativeBalanceChanges.Uncle> uncles = new ArrayList<>();
    JsonNode uncleNodes = f.array(root, "", "uncles");
    for (int i = 0; i < uncleNodes.size(); i++) {
      JsonNode u = uncleNodes.get(i);
      String up = "uncles[" + i + "]";
      uncleHashes.add(f.hash(u, up, "hash"));
      long uncleNumber = f.longValue(u, up, "height");
      String uncleMiner = f.address(u, up, "miner");
      Optional<BigInteger> stated = f.optionalInteger(u, up, "reward");
      BigInteger expected = rewards.uncleReward(number, uncleNumber);
      if (stated.isPresent() && !stated.get().equals(expected)) {
        throw f.malformed(up + ".reward", stated.get() + " wei, but the chain's rules give an uncle of block " + uncleNumber + " included in "
            + number + " " + expected + " wei");
      }
      snapshot(f, snapshots, uncleMiner, u, up, "miner_balance");
      uncles.add(new NativeBalanceChanges.Uncle(uncleNumber, uncleMiner));
    }

    JsonNode txNodes = f.array(root, "", "transactions");
    List<EthTransaction> transactions = new ArrayList<>(txNodes.size());
    List<EthReceipt> receipts = new ArrayList<>(txNodes.size());
    Map<Hash32, Integer> indexByHash = new HashMap<>();
    for (int i = 0; i < txNodes.size(); i++) {
      JsonNode t = txNodes.get(i);
      String tp = "transactions[" + i + "]";
      Hash32 hash = f.hash(t, tp, "hash");
      int index = f.intValue(t, tp, "tx_block_index");
      if (index != i) {
        throw f.malformed(tp + ".tx_block_index", index + ", expected " + i + " (transactions in block order)");
      }
      indexByHash.put(hash, i);
      String from = f.address(t, tp, "from");
      Optional<String> to = f.optionalAddress(t, tp, "to");
      snapshot(f, snapshots, from, t, tp, "from_balance");
      if (to.isPresent()) {
        snapshot(f, snapshots, to.get(), t, tp, "to_balance");
      }
      int type = MessageFields.optional(t, "type").isPresent() ? f.intValue(t, tp, "type") : 0;
      if (type != 0 && type != 1) {
        // fee caps and a base fee are not in the message, so the effective price and the burnt part are unknown
        throw f.malformed(tp + ".type", "transaction type " + type + " needs fee caps and a base fee the message does not carry");
      }
      transactions.add(new EthTransaction(
          hash,
          f.longValue(t, tp, "nonce"),
          index,
          from,
          to,
          f.integer(t, tp, "value"),
          f.longValue(t, tp, "gas_number"),
          Optional.of(f.integer(t, tp, "gas_price")),
          "0x",
          type,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          chainId(f.integer(t, tp, "v")),
          0,
          0));
      Optional<Integer> status = MessageFields.optional(t, "status").map(n -> (int) f.longValue(n, tp + ".status"));
      if (status.isPresent() && status.get() > 1) {
        throw f.malformed(tp + ".status", status.get() + " is neither 0 nor 1");
      }
      Optional<Hash32> stateRoot = MessageFields.optional(t, "root").filter(n -> !(n.isTextual() && n.textValue().isEmpty()))
          .map(n -> f.hash(n, tp + ".root"));
      Optional<String> contract = f.optionalAddress(t, tp, "contract_address");
      receipts.add(new EthReceipt(hash, index, f.longValue(t, tp, "cumulative_gas_used"), f.longValue(t, tp, "gas_used"), contract, status,
          stateRoot, Optional.empty(), Optional.empty(), Optional.empty(), f.data(t, tp, "logs_bloom"), List.of()));
    }

    List<EthTrace> traces = traces(f, root, transactions, receipts, indexByHash, snapshots);
    EthBlock block = new EthBlock(
        number,
        f.hash(b, bp, "hash"),
        f.hash(b, bp, "parent_hash"),
        nonce(f, f.required(b, bp, "nonce"), bp + ".nonce"),
        f.hash(b, bp, "sha_3_uncles"),
        f.data(b, bp, "logs_bloom"),
        f.hash(b, bp, "transaction_root"),
        f.hash(b, bp, "state_root"),
        f.hash(b, bp, "receipts_root"),
        miner,
        f.integer(b, bp, "difficulty"),
        f.optionalInteger(b, bp, "total_difficulty"),
        f.longValue(b, bp, "size"),
        f.data(b, bp, "extra_data"),
        f.longValue(b, bp, "gas_limit"),
        f.longValue(b, bp, "gas_used"),
        f.longValue(b, bp, "timestamp"),
        MessageFields.optional(b, "mix_hash").map(n -> f.hash(n, bp + ".mix_hash")),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        uncleHashes,
        transactions,
        Optional.empty());
    EthBlockBundle bundle = new EthBlockBundle(block, receipts, Optional.of(traces));

    List<TokenTransfer> transfers = tokenTransfers(f, root, indexByHash);
    Map<String, NodeFacts.TokenCalls> tokenCalls = tokenCalls(f, root, transfers);
    List<BalanceChange> changes = NativeBalanceChanges.of(bundle, uncles, rewards);
    NodeFacts facts = new NodeFacts(uncles, openings(f, changes, snapshots), tokenCalls);
    int size = (int) Math.min(Integer.MAX_VALUE, document.length);
    return new EthDecodedBlock(bundle, size, changes, transfers, List.of(), facts);
  }

  /**
   * The call frames: each transaction's top-level call (or creation) from the transaction itself, then its internal
   * transactions as direct subcalls in {@code internal_tx_index} order. A frame of a failed transaction is reverted.
   */
  private static List<EthTrace> traces(
      MessageFields f, JsonNode root, List<EthTransaction> transactions, List<EthReceipt> receipts, Map<Hash32, Integer> indexByHash,
      Map<String, BigInteger> snapshots) {
    JsonNode internal = f.array(root, "", "internal_transactions");
    List<List<EthTrace>> children = new ArrayList<>();
    transactions.forEach(t -> children.add(new ArrayList<>()));
    for (int k = 0; k < internal.size(); k++) {
      JsonNode n = internal.get(k);
      String p = "internal_transactions[" + k + "]";
      Hash32 parent = f.hash(n, p, "hash");
      Integer index = indexByHash.get(parent);
      if (index == null) {
        throw f.malformed(p + ".hash", "transaction " + parent + " is not in the block");
      }
      if (MessageFields.optional(n, "tx_index").isPresent() && f.intValue(n, p, "tx_index") != index) {
        throw f.malformed(p + ".tx_index", f.intValue(n, p, "tx_index") + ", but transaction " + parent + " is at " + index);
      }
      int position = f.intValue(n, p, "internal_tx_index");
      String type = f.text(f.required(n, p, "type"), p + ".type").toUpperCase(Locale.ROOT);
      String traceType;
      Optional<String> callType = Optional.empty();
      switch (type) {
        case "CALL", "CALLCODE", "DELEGATECALL", "STATICCALL" -> {
          traceType = "call";
          callType = Optional.of(type.toLowerCase(Locale.ROOT));
        }
        case "CREATE", "CREATE2" -> traceType = "create";
        case "SELFDESTRUCT", "SUICIDE" -> traceType = "suicide";
        default -> throw f.malformed(p + ".type", "unknown internal transaction type " + MessageFields.quote(type));
      }
      Optional<String> from = f.optionalAddress(n, p, "from");
      Optional<String> to = f.optionalAddress(n, p, "to");
      from.ifPresent(a -> snapshot(f, snapshots, a, n, p, "from_balance"));
      to.ifPresent(a -> snapshot(f, snapshots, a, n, p, "to_balance"));
      BigInteger value = f.integer(n, p, "value");
      // frames that move no value to another account (as our trace decoders record them)
      if (callType.isPresent() && !callType.get().equals("call")) {
        value = BigInteger.ZERO;
      }
      children.get(index).add(new EthTrace(
          Optional.of(parent), Optional.of(index), traceType, callType, Optional.empty(), from, to, value, Optional.empty(), Optional.empty(),
          f.optionalInteger(n, p, "gas"), f.optionalInteger(n, p, "gas_used"), 0, List.of(position),
          Optional.empty(), failed(receipts.get(index))));
    }
    List<EthTrace> traces = new ArrayList<>();
    for (int i = 0; i < transactions.size(); i++) {
      EthTransaction tx = transactions.get(i);
      EthReceipt r = receipts.get(i);
      boolean create = tx.to().isEmpty();
      traces.add(new EthTrace(
          Optional.of(tx.hash()), Optional.of(i), create ? "create" : "call", create ? Optional.empty() : Optional.of("call"), Optional.empty(),
          Optional.of(tx.from()), create ? r.contractAddress() : tx.to(), tx.value(), Optional.empty(), Optional.empty(),
          Optional.of(BigInteger.valueOf(tx.gas())), Optional.of(BigInteger.valueOf(r.gasUsed())), children.get(i).size(), List.of(),
          Optional.empty(), failed(r)));
      traces.addAll(children.get(i));
    }
    return traces;
  }

  private static boolean failed(EthReceipt r) {
    return r.status().map(s -> s == 0).orElse(false);
  }

  /** ERC-20 transfers (the only kind the messages carry); removed ones (of a reorganised-away log) are left out. */
  private static List<TokenTransfer> tokenTransfers(MessageFields f, JsonNode root, Map<Hash32, Integer> indexByHash) {
    JsonNode nodes = f.array(root, "", "token_transactions");
    List<TokenTransfer> out = new ArrayList<>();
    for (int k = 0; k < nodes.size(); k++) {
      JsonNode n = nodes.get(k);
      String p = "token_transactions[" + k + "]";
      if (MessageFields.optional(n, "is_removed").map(JsonNode::asBoolean).orElse(false)) {
        continue;
      }
      Hash32 tx = f.hash(n, p, "parent_tx_hash");
      if (!indexByHash.containsKey(tx)) {
        throw f.malformed(p + ".parent_tx_hash", "transaction " + tx + " is not in the block");
      }
      out.add(new TokenTransfer(f.address(n, p, "token_address"), TokenStandard.ERC20, Optional.empty(), f.address(n, p, "from"),
          f.address(n, p, "to"), f.integer(n, p, "value"), Optional.empty(), tx, f.intValue(n, p, "log_index"), 0));
    }
    return out;
  }

  /**
   * The metadata of the tokens the message describes, given to our splitter as the ABI answers its own reader decodes
   * (so that name, symbol, decimals and total supply go through the same rules); a transferred token the message does
   * not describe gets no answers, hence NULL metadata, as a contract that answers nothing does.
   */
  private static Map<String, NodeFacts.TokenCalls> tokenCalls(MessageFields f, JsonNode root, List<TokenTransfer> transfers) {
    Map<String, NodeFacts.TokenCalls> calls = new HashMap<>();
    JsonNode nodes = f.array(root, "", "tokens");
    for (int k = 0; k < nodes.size(); k++) {
      JsonNode n = nodes.get(k);
      String p = "tokens[" + k + "]";
      String address = f.address(n, p, "token_address");
      Optional<String> name = MessageFields.optional(n, "name").map(v -> abiString(f.text(v, p + ".name")));
      Optional<String> symbol = MessageFields.optional(n, "symbol").map(v -> abiString(f.text(v, p + ".symbol")));
      Optional<String> decimals = MessageFields.optional(n, "decimal_len").map(v -> abiWord(f.integer(v, p + ".decimal_len")));
      Optional<String> supply = MessageFields.optional(n, "total_supply").map(v -> abiWord(f.integer(v, p + ".total_supply")));
      calls.put(address, new NodeFacts.TokenCalls(name, symbol, decimals, supply));
    }
    NodeFacts.TokenCalls none = new NodeFacts.TokenCalls(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    for (TokenTransfer t : transfers) {
      calls.putIfAbsent(t.tokenAddress(), none);
    }
    return calls;
  }

  /** Each changed address's balance at the block before: its snapshot after the block less the block's changes. */
  private static Map<String, BigInteger> openings(MessageFields f, List<BalanceChange> changes, Map<String, BigInteger> snapshots) {
    Map<String, BigInteger> delta = new LinkedHashMap<>();
    for (BalanceChange c : changes) {
      delta.merge(c.address(), c.delta(), BigInteger::add);
    }
    Map<String, BigInteger> openings = new HashMap<>();
    for (Map.Entry<String, BigInteger> e : delta.entrySet()) {
      BigInteger after = snapshots.get(e.getKey());
      if (after == null) {
        continue; // the splitter refuses the block only if it has not seen this address before
      }
      BigInteger before = after.subtract(e.getValue());
      if (before.signum() < 0) {
        throw f.malformed("(balances)", e.getKey() + " ends the block with " + after + " wei after changes of " + e.getValue()
            + " wei: the message's balances and transfers disagree");
      }
      openings.put(e.getKey(), before);
    }
    return openings;
  }

  /** Records a post-block balance snapshot; two different snapshots of one address contradict each other. */
  private static void snapshot(MessageFields f, Map<String, BigInteger> snapshots, String address, JsonNode n, String path, String field) {
    Optional<BigInteger> balance = f.optionalInteger(n, path, field);
    if (balance.isEmpty()) {
      return;
    }
    BigInteger previous = snapshots.putIfAbsent(address, balance.get());
    if (previous != null && !previous.equals(balance.get())) {
      throw f.malformed(path + "." + field, "balance " + balance.get() + " of " + address + " after the block, but elsewhere " + previous);
    }
  }

  /** The chain id an EIP-155 signature's {@code v} encodes ({@code v = 35 + 2 × chain id + parity}); none before EIP-155. */
  private static Optional<Long> chainId(BigInteger v) {
    if (v.compareTo(BigInteger.valueOf(35)) < 0) {
      return Optional.empty();
    }
    return Optional.of(v.subtract(BigInteger.valueOf(35)).shiftRight(1).longValueExact());
  }

  /** The block nonce as nodes print it: {@code 0x} and 16 hex digits, from a number or a hex string. */
  private static String nonce(MessageFields f, JsonNode n, String path) {
    BigInteger v = n.isTextual() && !n.textValue().startsWith("0x") && n.textValue().matches("[0-9a-fA-F]{16}")
        ? new BigInteger(n.textValue(), 16)
        : f.integer(n, path);
    if (v.bitLength() > 64) {
      throw f.malformed(path, v + " does not fit the 8-byte nonce");
    }
    return String.format("0x%016x", v);
  }

  private static String abiWord(BigInteger v) {
    return "0x" + String.format("%64s", v.toString(16)).replace(' ', '0');
  }

  private static String abiString(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder hex = new StringBuilder(abiWord(BigInteger.valueOf(32))).append(abiWord(BigInteger.valueOf(bytes.length)).substring(2));
    StringBuilder data = new StringBuilder();
    for (byte b : bytes) {
      data.append(String.format("%02x", b & 0xff));
    }
    while (data.length() % 64 != 0 || data.length() == 0 && bytes.length > 0) {
      data.append('0');
    }
    return hex.append(data).toString();
  }
}
