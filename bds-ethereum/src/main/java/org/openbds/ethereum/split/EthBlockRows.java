package org.openbds.ethereum.split;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.openbds.api.BlockRows;
import org.openbds.api.Hash32;
import org.openbds.api.RowWriter;
import org.openbds.api.WriteTransaction;
import org.openbds.ethereum.codec.EthBlock;
import org.openbds.ethereum.codec.EthLog;
import org.openbds.ethereum.codec.EthReceipt;
import org.openbds.ethereum.codec.EthTrace;
import org.openbds.ethereum.codec.EthTransaction;
import org.openbds.ethereum.codec.EthWithdrawal;
import org.openbds.ethereum.codec.EthTraceIds;
import org.openbds.ethereum.profile.RewardSchedule;
import org.openbds.ethereum.token.TokenHolding;
import org.openbds.ethereum.token.TokenTransfer;

/** The rows of one resolved block, in the column order of {@link EthTables}; immutable, written on the writer thread. */
final class EthBlockRows implements BlockRows {
  private final EthDecodedBlock block;
  /** The block's balance changes with the opening balances of newly seen addresses first. */
  private final List<BalanceChange> balanceChanges;
  private final List<NewToken> newTokens;
  /** Holdings of tokens older than the synced range that this block touches first, read at the block before. */
  private final List<NodeFacts.TokenOpening> tokenOpenings;
  private final RewardSchedule rewards;

  /** A token contract seen for the first time, with what its metadata calls answered. */
  record NewToken(String address, org.openbds.ethereum.token.TokenStandard standard, org.openbds.ethereum.token.TokenMetadata metadata) {}

  EthBlockRows(
      EthDecodedBlock block, List<BalanceChange> balanceChanges, List<NewToken> newTokens, List<NodeFacts.TokenOpening> tokenOpenings, RewardSchedule rewards) {
    this.block = requireNonNull(block, "block is null");
    this.rewards = requireNonNull(rewards, "rewards is null");
    this.balanceChanges = List.copyOf(balanceChanges);
    this.newTokens = List.copyOf(newTokens);
    this.tokenOpenings = List.copyOf(tokenOpenings);
  }

  @Override
  public void write(WriteTransaction transaction) {
    EthBlock b = block.bundle().block();
    writeBlock(transaction.table(EthTables.BLOCKS), b);
    RowWriter txs = transaction.table(EthTables.TRANSACTIONS);
    RowWriter logs = transaction.table(EthTables.LOGS);
    for (int i = 0; i < b.transactions().size(); i++) {
      EthTransaction tx = b.transactions().get(i);
      EthReceipt receipt = block.bundle().receipts().get(i);
      writeTransaction(txs, b, tx, receipt);
      for (EthLog log : receipt.logs()) {
        writeLog(logs, b.number(), log);
      }
    }
    List<EthTrace> traces = block.bundle().traces().orElse(List.of());
    RowWriter traceRows = transaction.table(EthTables.TRACES);
    List<String> traceIds = EthTraceIds.of(b.number(), traces);
    for (int i = 0; i < traces.size(); i++) {
      writeTrace(traceRows, b.number(), i, traces.get(i), traceIds.get(i));
    }
    for (EthDecodedBlock.CreatedContract c : block.contracts()) {
      RowWriter w = transaction.table(EthTables.CONTRACTS);
      w.beginRow();
      w.putString(c.address());
      w.putLong(b.number());
      w.putString(hex(c.transactionHash()));
      w.putString(c.creator());
      w.putString(c.info().bytecodeHash());
      w.putStringList(c.info().functionSelectors());
      w.putBoolean(c.info().isErc20());
      w.putBoolean(c.info().isErc721());
      w.putBoolean(c.info().isErc1155());
      w.endRow();
    }
    for (TokenTransfer t : block.tokenTransfers()) {
      RowWriter w = transaction.table(EthTables.TOKEN_TRANSFERS);
      w.beginRow();
      w.putLong(b.number());
      w.putString(hex(t.transactionHash()));
      w.putInt(t.logIndex());
      w.putInt(t.batchIndex());
      w.putString(t.tokenAddress());
      w.putString(t.standard().name().toLowerCase(java.util.Locale.ROOT));
      w.putString(t.operator().orElse(null));
      w.putString(t.from());
      w.putString(t.to());
      w.putBigInteger(t.value());
      w.putBigInteger(t.tokenId().orElse(null));
      w.endRow();
    }
    for (NewToken t : newTokens) {
      RowWriter w = transaction.table(EthTables.TOKENS);
      w.beginRow();
      w.putString(t.address());
      w.putLong(b.number());
      w.putString(t.standard().name().toLowerCase(java.util.Locale.ROOT));
      w.putString(t.metadata().name().orElse(null));
      w.putString(t.metadata().symbol().orElse(null));
      if (t.metadata().decimals().isPresent()) {
        w.putInt(t.metadata().decimals().get());
      } else {
        w.putNull();
      }
      w.putBigInteger(t.metadata().totalSupply().orElse(null));
      w.endRow();
    }
    for (NodeFacts.TokenOpening o : tokenOpenings) {
      RowWriter w = transaction.table(EthTables.TOKEN_OPENINGS);
      w.beginRow();
      w.putLong(b.number());
      w.putString(o.holding().token());
      w.putString(o.holding().standard().name().toLowerCase(java.util.Locale.ROOT));
      w.putString(o.held().map(TokenHolding.Held::holder).orElse(o.holding().nobody().holder()));
      w.putBigInteger(o.holding().tokenId().orElse(null));
      w.putBigInteger(o.held().map(TokenHolding.Held::amount).orElse(null));
      w.endRow();
    }
    for (EthWithdrawal wd : b.withdrawals().orElse(List.of())) {
      RowWriter w = transaction.table(EthTables.WITHDRAWALS);
      w.beginRow();
      w.putLong(b.number());
      w.putLong(wd.index());
      w.putLong(wd.validatorIndex());
      w.putString(wd.address());
      w.putLong(wd.amountGwei().longValueExact());
      w.putBigInteger(wd.amountWei());
      w.endRow();
    }
    List<NativeBalanceChanges.Uncle> uncles = block.facts().uncles();
    for (int i = 0; i < uncles.size(); i++) {
      NativeBalanceChanges.Uncle u = uncles.get(i);
      RowWriter w = transaction.table(EthTables.UNCLES);
      w.beginRow();
      w.putLong(b.number());
      w.putInt(i);
      w.putString(hex(b.uncles().get(i)));
      w.putLong(u.number());
      w.putString(u.miner());
      w.putBigInteger(rewards.uncleReward(b.number(), u.number()));
      w.endRow();
    }
    RowWriter changes = transaction.table(EthTables.BALANCE_CHANGES);
    for (BalanceChange c : balanceChanges) {
      changes.beginRow();
      changes.putLong(b.number());
      if (c.transactionIndex().isPresent()) {
        changes.putInt(c.transactionIndex().get());
      } else {
        changes.putNull();
      }
      changes.putString(c.transactionHash().map(EthBlockRows::hex).orElse(null));
      changes.putString(c.address());
      changes.putString(c.kind().sqlName());
      changes.putBigInteger(c.delta());
      changes.endRow();
    }
  }

  private void writeBlock(RowWriter w, EthBlock b) {
    w.beginRow();
    w.putLong(b.number());
    w.putString(hex(b.hash()));
    w.putString(hex(b.parentHash()));
    w.putEpochSeconds(b.timestamp());
    w.putString(b.miner());
    w.putBigInteger(b.difficulty());
    w.putBigInteger(b.totalDifficulty().orElse(null));
    w.putLong(b.size());
    w.putLong(b.gasLimit());
    w.putLong(b.gasUsed());
    w.putBigInteger(b.baseFeePerGas().orElse(null));
    w.putBigInteger(burntFees(b));
    w.putInt(b.transactions().size());
    w.putInt(b.uncles().size());
    optionalInt(w, b.withdrawals().map(List::size));
    w.putString(b.nonce());
    w.putString(b.mixHash().map(EthBlockRows::hex).orElse(null));
    w.putString(hex(b.sha3Uncles()));
    w.putString(b.logsBloom());
    w.putString(hex(b.transactionsRoot()));
    w.putString(hex(b.stateRoot()));
    w.putString(hex(b.receiptsRoot()));
    w.putString(b.extraData());
    w.putString(b.withdrawalsRoot().map(EthBlockRows::hex).orElse(null));
    optionalLong(w, b.blobGasUsed());
    optionalLong(w, b.excessBlobGas());
    w.putString(b.parentBeaconBlockRoot().map(EthBlockRows::hex).orElse(null));
    w.putString(b.requestsHash().map(EthBlockRows::hex).orElse(null));
    w.endRow();
  }

  /** Base fee times gas used plus every blob fee; NULL on a block without a base fee. */
  private BigInteger burntFees(EthBlock b) {
    if (b.baseFeePerGas().isEmpty()) {
      return null;
    }
    BigInteger burnt = b.baseFeePerGas().get().multiply(BigInteger.valueOf(b.gasUsed()));
    for (EthReceipt r : block.bundle().receipts()) {
      burnt = burnt.add(NativeBalanceChanges.blobFee(r));
    }
    return burnt;
  }

  private static void writeTransaction(RowWriter w, EthBlock b, EthTransaction tx, EthReceipt r) {
    BigInteger price = NativeBalanceChanges.effectiveGasPrice(b, tx, r);
    BigInteger gasUsed = BigInteger.valueOf(r.gasUsed());
    BigInteger blobFee = NativeBalanceChanges.blobFee(r);
    w.beginRow();
    w.putString(hex(tx.hash()));
    w.putLong(b.number());
    w.putInt(tx.transactionIndex());
    w.putEpochSeconds(b.timestamp());
    w.putString(tx.from());
    w.putString(tx.to().orElse(null));
    w.putBigInteger(tx.value());
    w.putLong(tx.nonce());
    w.putLong(tx.gas());
    w.putBigInteger(tx.gasPrice().orElse(null));
    w.putBigInteger(tx.maxFeePerGas().orElse(null));
    w.putBigInteger(tx.maxPriorityFeePerGas().orElse(null));
    w.putBigInteger(tx.maxFeePerBlobGas().orElse(null));
    w.putInt(tx.blobVersionedHashes().size());
    w.putInt(tx.type());
    optionalLong(w, tx.chainId());
    w.putInt(tx.accessListEntries());
    w.putInt(tx.authorizations());
    w.putString(tx.input());
    optionalInt(w, r.status());
    w.putLong(r.gasUsed());
    w.putLong(r.cumulativeGasUsed());
    w.putBigInteger(price);
    optionalLong(w, r.blobGasUsed());
    w.putBigInteger(r.blobGasPrice().orElse(null));
    w.putBigInteger(gasUsed.multiply(price).add(blobFee));
    w.putBigInteger(b.baseFeePerGas().map(base -> gasUsed.multiply(base).add(blobFee)).orElse(null));
    w.putString(r.contractAddress().orElse(null));
    w.putString(r.root().map(EthBlockRows::hex).orElse(null));
    w.putInt(r.logs().size());
    w.endRow();
  }

  private static void writeLog(RowWriter w, long number, EthLog log) {
    w.beginRow();
    w.putLong(number);
    w.putInt(log.logIndex());
    w.putString(hex(log.transactionHash()));
    w.putInt(log.transactionIndex());
    w.putString(log.address());
    for (int i = 0; i < 4; i++) {
      w.putString(i < log.topics().size() ? hex(log.topics().get(i)) : null);
    }
    w.putString(log.data());
    w.endRow();
  }

  private static void writeTrace(RowWriter w, long number, int index, EthTrace t, String traceId) {
    w.beginRow();
    w.putLong(number);
    w.putInt(index);
    w.putString(t.transactionHash().map(EthBlockRows::hex).orElse(null));
    optionalInt(w, t.transactionIndex());
    w.putString(t.traceAddress().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
    w.putInt(t.depth());
    w.putString(t.traceType());
    w.putString(t.callType().orElse(null));
    w.putString(t.rewardType().orElse(null));
    w.putString(t.fromAddress().orElse(null));
    w.putString(t.toAddress().orElse(null));
    w.putBigInteger(t.value());
    w.putString(t.input().orElse(null));
    w.putString(t.output().orElse(null));
    optionalLong(w, t.gas().map(BigInteger::longValueExact));
    optionalLong(w, t.gasUsed().map(BigInteger::longValueExact));
    w.putInt(t.subtraces());
    w.putString(t.error().orElse(null));
    w.putBoolean(t.reverted());
    w.putString(traceId);
    w.endRow();
  }

  private static void optionalInt(RowWriter w, Optional<Integer> v) {
    if (v.isPresent()) {
      w.putInt(v.get());
    } else {
      w.putNull();
    }
  }

  private static void optionalLong(RowWriter w, Optional<Long> v) {
    if (v.isPresent()) {
      w.putLong(v.get());
    } else {
      w.putNull();
    }
  }

  static String hex(Hash32 h) {
    return "0x" + h;
  }
}
