package org.openbds.metrics;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openbds.api.ChainId;
import org.openbds.api.Warehouse;
import org.openbds.ethereum.split.EthTables;

/**
 * A small Ethereum-family chain written by hand into a warehouse's tables, for metric tests whose expected values are
 * worked out by hand. Addresses are named by short labels ({@link #address}); amounts are wei. The balance changes are
 * booked the way the splitter books them: the sender pays gas used times the price plus the blob fee, the fee recipient
 * gets it minus the burnt part (gas used times the base fee, and the blob fee) where the block has a base fee, value
 * moves along every frame that did not revert (in a block without traces: the top-level value of successful
 * transactions), rewards and withdrawals credit their address, and an address gets an opening balance (0 unless given)
 * the first time it appears.
 */
final class EthereumTestChain {
  static final ChainId CHAIN = new ChainId("eth");
  static final String ZERO = "0x0000000000000000000000000000000000000000";
  static final String TRANSFER = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
  static final String APPROVAL = "0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925";
  static final String TRANSFER_SINGLE = "0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62";

  /** The 0x address of a label: its ASCII bytes in hex, padded on the left with zeros to 20 bytes. */
  static String address(String label) {
    if (label.startsWith("0x")) {
      return label;
    }
    String hex = HexFormat.of().formatHex(label.getBytes(StandardCharsets.US_ASCII));
    return "0x" + "0".repeat(40 - hex.length()) + hex;
  }

  static BigInteger wei(String amount) {
    return new BigInteger(amount);
  }

  /** A frame below a transaction's top-level call. */
  record Frame(String type, String callType, String from, String to, BigInteger value, boolean reverted) {}

  /** A token moved by a transaction. */
  record TokenMove(String standard, String token, String from, String to, BigInteger amount, BigInteger tokenId) {}

  /** A transaction of the current block, completed by its fluent setters before the block is finished. */
  final class Tx {
    final String from;
    final String to;
    BigInteger value = BigInteger.ZERO;
    long gasUsed = 21_000;
    BigInteger price = BigInteger.valueOf(10);
    int type;
    Integer status = 1;
    String input = "0x";
    String created;
    int blobs;
    long blobGasUsed;
    BigInteger blobPrice;
    final List<Frame> frames = new ArrayList<>();
    final List<TokenMove> tokens = new ArrayList<>();
    final List<String[]> logs = new ArrayList<>();

    Tx(String from, String to) {
      this.from = address(from);
      this.to = to == null ? null : address(to);
    }

    Tx value(long wei) {
      return value(BigInteger.valueOf(wei));
    }

    Tx value(String wei) {
      return value(new BigInteger(wei));
    }

    Tx value(BigInteger wei) {
      value = wei;
      return this;
    }

    /** Gas used and the effective price per gas (what the sender paid per gas). */
    Tx gas(long used, long pricePerGas) {
      return gas(used, BigInteger.valueOf(pricePerGas));
    }

    Tx gas(long used, BigInteger pricePerGas) {
      gasUsed = used;
      price = pricePerGas;
      return this;
    }

    Tx type(int transactionType) {
      type = transactionType;
      return this;
    }

    /** The receipt says it failed: the fee is paid, no value moves, every frame is reverted. */
    Tx failed() {
      status = 0;
      return this;
    }

    /** A receipt without status (before Byzantium). */
    Tx noStatus() {
      status = null;
      return this;
    }

    Tx input(String data) {
      input = data;
      return this;
    }

    /** For a transaction without recipient: the contract it creates (none when it fails). */
    Tx creates(String contract) {
      created = address(contract);
      return this;
    }

    Tx blobs(int count, long gas, long pricePerBlobGas) {
      type = 3;
      blobs = count;
      blobGasUsed = gas;
      blobPrice = BigInteger.valueOf(pricePerBlobGas);
      return this;
    }

    Tx call(String callFrom, String callTo, long wei) {
      frames.add(new Frame("call", "call", address(callFrom), address(callTo), BigInteger.valueOf(wei), false));
      return this;
    }

    Tx call(String callFrom, String callTo, String wei) {
      frames.add(new Frame("call", "call", address(callFrom), address(callTo), new BigInteger(wei), false));
      return this;
    }

    Tx delegateCall(String callFrom, String callTo, long wei) {
      frames.add(new Frame("call", "delegatecall", address(callFrom), address(callTo), BigInteger.valueOf(wei), false));
      return this;
    }

    Tx revertedCall(String callFrom, String callTo, long wei) {
      frames.add(new Frame("call", "call", address(callFrom), address(callTo), BigInteger.valueOf(wei), true));
      return this;
    }

    Tx internalCreate(String creator, String contract, long wei) {
      frames.add(new Frame("create", null, address(creator), address(contract), BigInteger.valueOf(wei), false));
      return this;
    }

    Tx selfDestruct(String contract, String beneficiary, long wei) {
      frames.add(new Frame("suicide", null, address(contract), address(beneficiary), BigInteger.valueOf(wei), false));
      return this;
    }

    Tx erc20(String token, String tokenFrom, String tokenTo, String amount) {
      tokens.add(new TokenMove("erc20", address(token), address(tokenFrom), address(tokenTo), new BigInteger(amount), null));
      return this;
    }

    Tx erc721(String token, String tokenFrom, String tokenTo, long tokenId) {
      tokens.add(new TokenMove("erc721", address(token), address(tokenFrom), address(tokenTo), BigInteger.ONE, BigInteger.valueOf(tokenId)));
      return this;
    }

    Tx erc1155(String token, String tokenFrom, String tokenTo, long tokenId, String amount) {
      tokens.add(new TokenMove("erc1155", address(token), address(tokenFrom), address(tokenTo), new BigInteger(amount), BigInteger.valueOf(tokenId)));
      return this;
    }

    /** A log of another event (an Approval…) emitted by {@code emitter}. */
    Tx log(String emitter, String topic0) {
      logs.add(new String[] {address(emitter), topic0});
      return this;
    }

    boolean succeeded() {
      return status == null || status == 1;
    }

    BigInteger fee() {
      BigInteger fee = BigInteger.valueOf(gasUsed).multiply(price);
      return blobPrice == null ? fee : fee.add(BigInteger.valueOf(blobGasUsed).multiply(blobPrice));
    }
  }

  /** The block being built. */
  private final class Block {
    final long number;
    final Instant time;
    final String miner;
    BigInteger difficulty = BigInteger.ZERO;
    BigInteger baseFee;
    long gasLimit = 30_000_000;
    long size = 1_000;
    BigInteger reward = BigInteger.ZERO;
    boolean traces = true;
    final List<Tx> txs = new ArrayList<>();
    final List<String[]> uncles = new ArrayList<>();
    final List<Object[]> withdrawals = new ArrayList<>();
    final Map<String, BigInteger> openings = new LinkedHashMap<>();

    Block(long number, Instant time, String miner) {
      this.number = number;
      this.time = time;
      this.miner = miner;
    }
  }

  private final List<String> sql = new ArrayList<>();
  private final Set<String> seenAddresses = new HashSet<>();
  private final Set<String> seenTokens = new HashSet<>();
  private final Map<Long, List<String>> addressesFirstSeen = new LinkedHashMap<>();
  private final Map<Long, List<String>> tokensFirstSeen = new LinkedHashMap<>();
  private long nextHeight;
  private long txCounter;
  private long withdrawalIndex;
  private long blocksBuilt;
  private Block block;

  EthereumTestChain() {
    this(0);
  }

  /** A chain whose first block has number {@code firstHeight} (the warehouse synced from there). */
  EthereumTestChain(long firstHeight) {
    nextHeight = firstHeight;
  }

  /** Starts a block at {@code time} (an ISO instant, UTC) with fee recipient {@code miner}. */
  EthereumTestChain block(String time, String miner) {
    finishBlock();
    block = new Block(nextHeight++, Instant.parse(time), address(miner));
    return this;
  }

  EthereumTestChain difficulty(String value) {
    block.difficulty = new BigInteger(value);
    return this;
  }

  /** Gives the block an EIP-1559 base fee: the fees' base part is burnt. */
  EthereumTestChain baseFee(long weiPerGas) {
    block.baseFee = BigInteger.valueOf(weiPerGas);
    return this;
  }

  EthereumTestChain gasLimit(long gas) {
    block.gasLimit = gas;
    return this;
  }

  EthereumTestChain size(long bytes) {
    block.size = bytes;
    return this;
  }

  /** The block reward booked to the miner (static reward plus the nephew part). */
  EthereumTestChain reward(String wei) {
    block.reward = new BigInteger(wei);
    return this;
  }

  EthereumTestChain uncle(String miner, String reward) {
    block.uncles.add(new String[] {address(miner), reward});
    return this;
  }

  EthereumTestChain withdrawal(String to, long gwei) {
    block.withdrawals.add(new Object[] {address(to), gwei});
    return this;
  }

  /** The block was synced without traces: only the top-level value of successful transactions moves. */
  EthereumTestChain noTraces() {
    block.traces = false;
    return this;
  }

  /** The opening balance of an address first seen in this block (what the node held for it before the block). */
  EthereumTestChain opening(String who, String wei) {
    block.openings.put(address(who), new BigInteger(wei));
    return this;
  }

  Tx tx(String from, String to) {
    Tx t = new Tx(from, to);
    block.txs.add(t);
    return t;
  }

  /** The number of the last block started. */
  long height() {
    return nextHeight - 1;
  }

  /** Removes every block above {@code height} from the warehouse and from this builder (a reorganisation). */
  EthereumTestChain rollbackTo(long height) {
    finishBlock();
    for (TableName t : TableName.values()) {
      sql.add("DELETE FROM eth." + t.table + " WHERE " + t.heightColumn + " > " + height);
    }
    for (long h = height + 1; h < nextHeight; h++) {
      seenAddresses.removeAll(addressesFirstSeen.getOrDefault(h, List.of()));
      seenTokens.removeAll(tokensFirstSeen.getOrDefault(h, List.of()));
    }
    nextHeight = height + 1;
    return this;
  }

  private enum TableName {
    BLOCKS("blocks", "number"),
    TRANSACTIONS("transactions", "block_number"),
    LOGS("logs", "block_number"),
    TRACES("traces", "block_number"),
    CONTRACTS("contracts", "block_number"),
    TOKEN_TRANSFERS("token_transfers", "block_number"),
    TOKENS("tokens", "block_number"),
    WITHDRAWALS("withdrawals", "block_number"),
    UNCLES("uncles", "block_number"),
    BALANCE_CHANGES("balance_changes", "block_number");

    final String table;
    final String heightColumn;

    TableName(String table, String heightColumn) {
      this.table = table;
      this.heightColumn = heightColumn;
    }
  }

  /** A balance change waiting for the block's opening balances to be known. */
  private record Change(Integer txIndex, String txHash, String address, String kind, BigInteger delta) {}

  /** What the rows of a block add up to, and the positions its logs and traces have reached. */
  private static final class BlockTotals {
    final List<Change> changes = new ArrayList<>();
    long gasUsed;
    BigInteger burntFees;
    int logIndex;
    int traceIndex;
  }

  private void finishBlock() {
    if (block == null) {
      return;
    }
    Block b = block;
    block = null;
    BlockTotals totals = new BlockTotals();
    totals.burntFees = b.baseFee == null ? null : BigInteger.ZERO;
    for (int i = 0; i < b.txs.size(); i++) {
      transaction(b, i, b.txs.get(i), totals);
    }
    rewardsAndWithdrawals(b, totals.changes);
    bookChanges(b, totals.changes);
    sql.add(String.format(
        "INSERT INTO eth.blocks (number, hash, parent_hash, \"timestamp\", miner, difficulty_digits, total_difficulty_digits, size, gas_limit,"
            + " gas_used, base_fee_per_gas_digits, burnt_fees_digits, transaction_count, uncle_count, withdrawal_count, nonce, mix_hash,"
            + " sha3_uncles, logs_bloom, transactions_root, state_root, receipts_root, extra_data) VALUES (%d, '0x%064x', '0x%064x',"
            + " TIMESTAMP '%s', '%s', '%s', NULL, %d, %d, %d, %s, %s, %d, %d, %s, '0x0000000000000000', NULL, '0x', '0x', '0x', '0x', '0x', '0x')",
        b.number, blockHash(b), b.number, ts(b.time), b.miner, b.difficulty, b.size, b.gasLimit, totals.gasUsed,
        b.baseFee == null ? "NULL" : "'" + b.baseFee + "'", totals.burntFees == null ? "NULL" : "'" + totals.burntFees + "'", b.txs.size(),
        b.uncles.size(), b.withdrawals.isEmpty() ? "NULL" : Integer.toString(b.withdrawals.size())));
  }

  /** The rows of one transaction: itself with its receipt, its traces, contracts, logs and token transfers. */
  private void transaction(Block b, int i, Tx t, BlockTotals totals) {
    String hash = String.format("0x%064x", ++txCounter);
    BigInteger fee = t.fee();
    BigInteger blobFee = t.blobPrice == null ? BigInteger.ZERO : BigInteger.valueOf(t.blobGasUsed).multiply(t.blobPrice);
    BigInteger burnt = b.baseFee == null ? null : BigInteger.valueOf(t.gasUsed).multiply(b.baseFee).add(blobFee);
    totals.gasUsed += t.gasUsed;
    if (burnt != null) {
      totals.burntFees = totals.burntFees.add(burnt);
    }
    String contract = t.to == null && t.succeeded() ? t.created : null;
    totals.changes.add(new Change(i, hash, t.from, "fee", fee.negate()));
    totals.changes.add(new Change(i, hash, b.miner, "miner_fee", burnt == null ? fee : fee.subtract(burnt)));
    sql.add(String.format(
        "INSERT INTO eth.transactions (hash, block_number, transaction_index, block_timestamp, from_address, to_address, value_digits,"
            + " nonce, gas, gas_price_digits, max_fee_per_gas_digits, max_priority_fee_per_gas_digits, max_fee_per_blob_gas_digits,"
            + " blob_count, transaction_type, chain_id, access_list_entries, authorization_count, input, status, gas_used,"
            + " cumulative_gas_used, effective_gas_price_digits, blob_gas_used, blob_gas_price_digits, fee_digits, burnt_fee_digits,"
            + " contract_address, root, log_count) VALUES ('%s', %d, %d, TIMESTAMP '%s', '%s', %s, '%s', %d, %d, %s, %s, %s, %s, %d, %d, 1,"
            + " 0, 0, '%s', %s, %d, %d, '%s', %s, %s, '%s', %s, %s, NULL, %d)",
        hash, b.number, i, ts(b.time), t.from, quoted(t.to), t.value, txCounter, t.gasUsed + 10_000,
        t.type < 2 ? "'" + t.price + "'" : "NULL", t.type >= 2 ? "'" + t.price.multiply(BigInteger.TWO) + "'" : "NULL",
        t.type >= 2 ? "'1'" : "NULL", t.blobPrice == null ? "NULL" : "'" + t.blobPrice + "'", t.blobs, t.type, t.input,
        t.status == null ? "NULL" : t.status.toString(), t.gasUsed, totals.gasUsed, t.price,
        t.blobPrice == null ? "NULL" : Long.toString(t.blobGasUsed), t.blobPrice == null ? "NULL" : "'" + t.blobPrice + "'", fee,
        burnt == null ? "NULL" : "'" + burnt + "'", quoted(contract), t.tokens.size() + t.logs.size()));
    String topTo = t.to != null ? t.to : t.created;
    boolean topMoves = t.succeeded() && t.value.signum() > 0;
    if (topMoves) {
      totals.changes.add(new Change(i, hash, t.from, "value", t.value.negate()));
      totals.changes.add(new Change(i, hash, topTo, "value", t.value));
    }
    if (b.traces) {
      traces(b, i, t, hash, topTo, totals);
    }
    if (contract != null) {
      sql.add(contract(contract, b.number, hash, t.from));
    }
    if (t.succeeded()) {
      tokenMoves(b, i, t, hash, totals);
    }
  }

  /** The top-level trace and the frames below it, with the value they move and the contracts they create. */
  private void traces(Block b, int i, Tx t, String hash, String topTo, BlockTotals totals) {
    sql.add(trace(b.number, totals.traceIndex++, hash, i, "", 0, t.to == null ? "create" : "call", t.to == null ? null : "call", t.from,
        topTo, t.value, !t.succeeded(), t.frames.size()));
    for (int f = 0; f < t.frames.size(); f++) {
      Frame fr = t.frames.get(f);
      boolean reverted = fr.reverted() || !t.succeeded();
      sql.add(trace(b.number, totals.traceIndex++, hash, i, Integer.toString(f), 1, fr.type(), fr.callType(), fr.from(), fr.to(),
          fr.value(), reverted, 0));
      boolean moves = !"call".equals(fr.type()) || "call".equals(fr.callType());
      if (!reverted && moves && fr.value().signum() > 0) {
        totals.changes.add(new Change(i, hash, fr.from(), "value", fr.value().negate()));
        totals.changes.add(new Change(i, hash, fr.to(), "value", fr.value()));
      }
      if (!reverted && "create".equals(fr.type())) {
        sql.add(contract(fr.to(), b.number, hash, fr.from()));
      }
    }
  }

  /** The token transfers and other logs of a successful transaction, and the tokens seen for the first time. */
  private void tokenMoves(Block b, int i, Tx t, String hash, BlockTotals totals) {
    for (TokenMove m : t.tokens) {
      String topic = m.standard().equals("erc1155") ? TRANSFER_SINGLE : TRANSFER;
      sql.add(log(b.number, totals.logIndex, hash, i, m.token(), topic));
      sql.add(String.format(
          "INSERT INTO eth.token_transfers (block_number, transaction_hash, log_index, batch_index, token_address, token_standard,"
              + " operator_address, from_address, to_address, value_digits, token_id_digits) VALUES (%d, '%s', %d, 0, '%s', '%s', %s, '%s',"
              + " '%s', '%s', %s)",
          b.number, hash, totals.logIndex, m.token(), m.standard(), m.standard().equals("erc1155") ? quoted(m.from()) : "NULL", m.from(),
          m.to(), m.amount(), m.tokenId() == null ? "NULL" : "'" + m.tokenId() + "'"));
      totals.logIndex++;
      if (seenTokens.add(m.token())) {
        tokensFirstSeen.computeIfAbsent(b.number, k -> new ArrayList<>()).add(m.token());
        sql.add(String.format(
            "INSERT INTO eth.tokens (address, block_number, token_standard, name, symbol, decimals, total_supply_digits)"
                + " VALUES ('%s', %d, '%s', 'Token', 'TKN', 18, NULL)", m.token(), b.number, m.standard()));
      }
    }
    for (String[] l : t.logs) {
      sql.add(log(b.number, totals.logIndex++, hash, i, l[0], l[1]));
    }
  }

  /** The block reward, the uncles with their rewards, and the withdrawals. */
  private void rewardsAndWithdrawals(Block b, List<Change> changes) {
    if (b.reward.signum() > 0) {
      changes.add(new Change(null, null, b.miner, "block_reward", b.reward));
    }
    for (int u = 0; u < b.uncles.size(); u++) {
      String[] uncle = b.uncles.get(u);
      sql.add(String.format(
          "INSERT INTO eth.uncles (block_number, uncle_index, hash, uncle_number, miner, reward_digits) VALUES (%d, %d, '0x%064x', %d, '%s', '%s')",
          b.number, u, b.number * 100 + u + 1, b.number - 1, uncle[0], uncle[1]));
      changes.add(new Change(null, null, uncle[0], "uncle_reward", new BigInteger(uncle[1])));
    }
    for (Object[] w : b.withdrawals) {
      long gwei = (Long) w[1];
      BigInteger amount = BigInteger.valueOf(gwei).multiply(BigInteger.valueOf(1_000_000_000));
      sql.add(String.format(
          "INSERT INTO eth.withdrawals (block_number, withdrawal_index, validator_index, address, amount_gwei, amount_digits)"
              + " VALUES (%d, %d, %d, '%s', %d, '%s')",
          b.number, withdrawalIndex, withdrawalIndex + 1000, w[0], gwei, amount));
      withdrawalIndex++;
      if (gwei > 0) {
        changes.add(new Change(null, null, (String) w[0], "withdrawal", amount));
      }
    }
  }

  /** The block's balance changes, after an opening balance for each address seen for the first time. */
  private void bookChanges(Block b, List<Change> changes) {
    Set<String> fresh = new LinkedHashSet<>();
    for (Change c : changes) {
      if (c.delta().signum() != 0 && !seenAddresses.contains(c.address())) {
        fresh.add(c.address());
      }
    }
    for (String a : b.openings.keySet()) {
      if (!seenAddresses.contains(a)) {
        fresh.add(a);
      }
    }
    for (String a : fresh) {
      sql.add(change(b.number, null, null, a, "opening", b.openings.getOrDefault(a, BigInteger.ZERO)));
    }
    seenAddresses.addAll(fresh);
    addressesFirstSeen.put(b.number, new ArrayList<>(fresh));
    for (Change c : changes) {
      if (c.delta().signum() != 0) {
        sql.add(change(b.number, c.txIndex(), c.txHash(), c.address(), c.kind(), c.delta()));
      }
    }
  }

  /** Hashes differ from one build of a height to the next, so that a replaced block is seen as changed. */
  private long blockHash(Block b) {
    return b.number * 1_000_000 + ++blocksBuilt;
  }

  private static String trace(long number, int index, String hash, int txIndex, String traceAddress, int depth, String type, String callType,
      String from, String to, BigInteger value, boolean reverted, int subtraces) {
    return String.format(
        "INSERT INTO eth.traces (block_number, trace_index, transaction_hash, transaction_index, trace_address, depth, trace_type, call_type,"
            + " reward_type, from_address, to_address, value_digits, input, output, gas, gas_used, subtraces, error, reverted, trace_id)"
            + " VALUES (%d, %d, '%s', %d, '%s', %d, '%s', %s, NULL, %s, %s, '%s', '0x', '0x', 100000, 50000, %d, %s, %s, '%s')",
        number, index, hash, txIndex, traceAddress, depth, type, quoted(callType), quoted(from), quoted(to), value, subtraces,
        reverted ? "'Reverted'" : "NULL", reverted, type + "_" + hash + "_" + traceAddress);
  }

  private static String contract(String address, long number, String hash, String creator) {
    return String.format(
        "INSERT INTO eth.contracts (address, block_number, transaction_hash, creator_address, bytecode_hash, function_sighashes, is_erc20,"
            + " is_erc721, is_erc1155) VALUES ('%s', %d, '%s', '%s', '0x', CAST(ARRAY[] AS VARCHAR[]), false, false, false)", address, number, hash, creator);
  }

  private static String log(long number, int index, String hash, int txIndex, String emitter, String topic0) {
    return String.format(
        "INSERT INTO eth.logs (block_number, log_index, transaction_hash, transaction_index, address, topic0, data)"
            + " VALUES (%d, %d, '%s', %d, '%s', '%s', '0x')", number, index, hash, txIndex, emitter, topic0);
  }

  private static String change(long number, Integer txIndex, String hash, String address, String kind, BigInteger delta) {
    return String.format(
        "INSERT INTO eth.balance_changes (block_number, transaction_index, transaction_hash, address, kind, delta_digits)"
            + " VALUES (%d, %s, %s, '%s', '%s', '%s')", number, txIndex == null ? "NULL" : txIndex.toString(), quoted(hash), address, kind, delta);
  }

  private static String quoted(String s) {
    return s == null ? "NULL" : "'" + s + "'";
  }

  private static String ts(Instant t) {
    return t.toString().replace('T', ' ').replace("Z", "");
  }

  /** Writes every row built so far into {@code warehouse} (creating the chain's tables). */
  void writeTo(Warehouse warehouse) {
    finishBlock();
    warehouse.ensureChain(CHAIN, "mainnet", EthTables.TABLES, EthTables.VIEWS);
    warehouse.executeAtomically(TestWarehouses.rows(sql));
    sql.clear();
  }
}
