package org.openbds.ethereum.split;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.ethereum.codec.EthBlock;
import org.openbds.ethereum.codec.EthBlockBundle;
import org.openbds.ethereum.codec.EthReceipt;
import org.openbds.ethereum.codec.EthTrace;
import org.openbds.ethereum.codec.EthTransaction;
import org.openbds.ethereum.codec.EthWithdrawal;
import org.openbds.ethereum.profile.RewardSchedule;

/**
 * Derives every native balance change of a block from the block, its receipts and its call traces, in the chain's
 * own rules:
 *
 * <ul>
 *   <li>the sender of each transaction pays {@code gas_used * effective_gas_price} plus the blob fee, whether the
 *       transaction succeeded or not;
 *   <li>the fee recipient gets {@code gas_used * (effective_gas_price - base_fee)} where the block has a base fee
 *       (the base fee and blob fees are burnt), the whole fee otherwise;
 *   <li>value moves along every call, creation and self-destruct frame that did not revert (its own error or an
 *       ancestor's); CALLCODE, DELEGATECALL and STATICCALL frames move none to another account;
 *   <li>proof-of-work block, nephew and uncle rewards as the {@link RewardSchedule} says; withdrawals credit their
 *       address.
 * </ul>
 *
 * Without traces (a node without a trace API) only the top-level value of successful transactions is known; internal
 * transfers are then missing, which the reconciliation against the node shows.
 */
public final class NativeBalanceChanges {
  private NativeBalanceChanges() {}

  /** An uncle as the including block needs it: its number and miner. */
  public record Uncle(long number, String miner) {}

  public static List<BalanceChange> of(EthBlockBundle bundle, List<Uncle> uncles, RewardSchedule rewards) {
    EthBlock block = bundle.block();
    List<BalanceChange> out = new ArrayList<>();
    Optional<BigInteger> baseFee = block.baseFeePerGas();
    for (int i = 0; i < block.transactions().size(); i++) {
      EthTransaction tx = block.transactions().get(i);
      EthReceipt receipt = bundle.receipts().get(i);
      Optional<Integer> index = Optional.of(i);
      BigInteger price = effectiveGasPrice(block, tx, receipt);
      BigInteger gasUsed = BigInteger.valueOf(receipt.gasUsed());
      BigInteger blobFee = blobFee(receipt);
      BigInteger fee = gasUsed.multiply(price).add(blobFee);
      add(out, tx.from(), BalanceChange.Kind.FEE, fee.negate(), index, tx);
      BigInteger minerPart = baseFee.map(b -> gasUsed.multiply(price.subtract(b))).orElse(gasUsed.multiply(price));
      if (minerPart.signum() < 0) {
        throw new BdsException(ErrorCode.MALFORMED_BLOCK,
            "block " + block.number() + " transaction " + tx.hash() + ": effective gas price " + price + " below the base fee " + baseFee.orElseThrow());
      }
      add(out, block.miner(), BalanceChange.Kind.MINER_FEE, minerPart, index, tx);
      if (bundle.traces().isEmpty() && successful(receipt) && tx.value().signum() > 0) {
        String to = tx.to().or(receipt::contractAddress).orElseThrow(
            () -> new BdsException(ErrorCode.MALFORMED_BLOCK, "block " + block.number() + " transaction " + tx.hash() + ": a creation without a contract address"));
        add(out, tx.from(), BalanceChange.Kind.VALUE, tx.value().negate(), index, tx);
        add(out, to, BalanceChange.Kind.VALUE, tx.value(), index, tx);
      }
    }
    for (EthTrace t : bundle.traces().orElse(List.of())) {
      if (t.reverted() || t.value().signum() == 0 || "reward".equals(t.traceType()) || !movesValue(t)) {
        continue;
      }
      String where = "block " + block.number() + " trace " + t.traceAddress() + " of " + t.transactionHash().map(Object::toString).orElse("-");
      String from = t.fromAddress().orElseThrow(() -> new BdsException(ErrorCode.MALFORMED_BLOCK, where + ": value moved without a sender"));
      String to = t.toAddress().orElseThrow(() -> new BdsException(ErrorCode.MALFORMED_BLOCK, where + ": value moved without a recipient"));
      Optional<Integer> index = t.transactionIndex();
      out.add(new BalanceChange(from, BalanceChange.Kind.VALUE, t.value().negate(), index, t.transactionHash()));
      out.add(new BalanceChange(to, BalanceChange.Kind.VALUE, t.value(), index, t.transactionHash()));
    }
    BigInteger reward = rewards.blockReward(block.number());
    if (reward.signum() > 0) {
      BigInteger nephews = rewards.nephewReward(block.number()).multiply(BigInteger.valueOf(uncles.size()));
      out.add(new BalanceChange(block.miner(), BalanceChange.Kind.BLOCK_REWARD, reward.add(nephews), Optional.empty(), Optional.empty()));
      for (Uncle u : uncles) {
        BigInteger r = rewards.uncleReward(block.number(), u.number());
        if (r.signum() > 0) {
          out.add(new BalanceChange(u.miner(), BalanceChange.Kind.UNCLE_REWARD, r, Optional.empty(), Optional.empty()));
        }
      }
    }
    for (EthWithdrawal w : block.withdrawals().orElse(List.of())) {
      if (w.amountGwei().signum() > 0) {
        out.add(new BalanceChange(w.address(), BalanceChange.Kind.WITHDRAWAL, w.amountWei(), Optional.empty(), Optional.empty()));
      }
    }
    return out;
  }

  private static void add(List<BalanceChange> out, String address, BalanceChange.Kind kind, BigInteger delta, Optional<Integer> index, EthTransaction tx) {
    if (delta.signum() != 0) {
      out.add(new BalanceChange(address, kind, delta, index, Optional.of(tx.hash())));
    }
  }

  private static boolean movesValue(EthTrace t) {
    if (!"call".equals(t.traceType())) {
      return true; // create and suicide move value to another account
    }
    String callType = t.callType().orElse("call");
    return "call".equals(callType);
  }

  static boolean successful(EthReceipt receipt) {
    return receipt.status().map(s -> s == 1).orElse(true);
  }

  /** What the sender paid per gas: the receipt's figure, or what the transaction's type implies where it lacks one. */
  public static BigInteger effectiveGasPrice(EthBlock block, EthTransaction tx, EthReceipt receipt) {
    if (receipt.effectiveGasPrice().isPresent()) {
      return receipt.effectiveGasPrice().get();
    }
    if (tx.maxFeePerGas().isPresent() && block.baseFeePerGas().isPresent()) {
      BigInteger tip = tx.maxPriorityFeePerGas().orElse(BigInteger.ZERO);
      return tx.maxFeePerGas().get().min(block.baseFeePerGas().get().add(tip));
    }
    return tx.gasPrice().orElseThrow(
        () -> new BdsException(ErrorCode.MALFORMED_BLOCK, "block " + block.number() + " transaction " + tx.hash() + ": no gas price and no effective gas price"));
  }

  public static BigInteger blobFee(EthReceipt receipt) {
    if (receipt.blobGasUsed().isEmpty() || receipt.blobGasPrice().isEmpty()) {
      return BigInteger.ZERO;
    }
    return BigInteger.valueOf(receipt.blobGasUsed().get()).multiply(receipt.blobGasPrice().get());
  }
}
