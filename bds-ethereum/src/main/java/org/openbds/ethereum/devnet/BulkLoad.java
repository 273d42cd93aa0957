package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.ethereum.rpc.EthRpcClient;

/**
 * Many cheap transactions fast, for benchmarks: ether transfers and TestToken transfers of small amounts among the dev
 * accounts and a hundred fresh addresses, with explicit gas (anvil then does not estimate it),
 * sent in JSON-RPC batches and mined a block at a time. Instead of a receipt per transaction it checks the result as a
 * whole: the mined blocks hold exactly the transactions sent, and every participant's token balance is the ledger's.
 */
final class BulkLoad {
  static final int MAX_PER_BLOCK = 1_000;
  private static final int RECIPIENTS = 100;
  private static final long TOKEN_GAS = 80_000;
  private static final long ETHER_GAS = 21_000;
  /** Tokens each dev account holds before the load: far more than its transfers can spend. */
  private static final BigInteger FLOAT = ActivityContext.ETHER.multiply(BigInteger.TEN.pow(6));

  private final ActivityContext ctx;
  private final TransactionRunner runner;
  private final DevnetLedger ledger;

  BulkLoad(ActivityContext ctx, TransactionRunner runner, DevnetLedger ledger) {
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.ledger = requireNonNull(ledger, "ledger is null");
  }

  BulkResult run(int transactions, int perBlock) {
    if (transactions < 1 || perBlock < 1 || perBlock > MAX_PER_BLOCK) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a bulk load sends at least one transaction, 1 to " + MAX_PER_BLOCK + " a block; not " + transactions + " by " + perBlock);
    }
    long started = System.nanoTime();
    AnvilNode node = ctx.node;
    String token = ctx.contracts().testToken();
    long firstBlock = node.rpc().blockNumber() + 1;
    List<String> recipients = new ArrayList<>(ctx.accounts);
    for (int i = 0; i < RECIPIENTS; i++) {
      recipients.add(ctx.freshAddress());
    }
    ctx.touched.addAll(recipients);
    int sent = 0;
    int ethTransfers = 0;
    node.setAutomine(false);
    try {
      sent += topUp(token);
      for (int done = 0; done < transactions; ) {
        ctx.refreshBaseFee();
        int n = Math.min(perBlock, transactions - done);
        List<PlannedTransaction> plans = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          String from = ctx.account();
          String to = recipients.get(ctx.random.nextInt(recipients.size()));
          FeeStyle style = ctx.random.nextBoolean() ? FeeStyle.LEGACY : FeeStyle.DYNAMIC_FEE;
          Map<String, Object> request;
          EvmActivityKind kind;
          if (ctx.random.nextBoolean()) {
            kind = EvmActivityKind.BULK_ETH_TRANSFER;
            request = ctx.request(from, to, BigInteger.valueOf(1 + ctx.random.nextInt(1_000_000)), "0x", ETHER_GAS, style);
            ethTransfers++;
          } else {
            kind = EvmActivityKind.BULK_TOKEN_TRANSFER;
            BigInteger amount = BigInteger.valueOf(ctx.random.nextInt(1_000_000));
            request = ctx.request(from, token, BigInteger.ZERO, Abi.call("transfer(address,uint256)", AbiValue.address(to), AbiValue.uint(amount)), TOKEN_GAS, style);
            ledger.debit(token, from, amount);
            ledger.credit(token, to, amount);
          }
          ctx.count(kind);
          plans.add(new PlannedTransaction(kind, request, true, TransactionEffect.NONE));
        }
        runner.send(plans);
        node.call("evm_mine");
        done += n;
        sent += n;
      }
      runner.mineUntilEmpty(transactions / perBlock + 2);
    } finally {
      node.setAutomine(true);
    }
    long lastBlock = node.rpc().blockNumber();
    checkMined(firstBlock, lastBlock, sent);
    checkBalances(token, recipients);
    return new BulkResult(transactions, ethTransfers, transactions - ethTransfers, firstBlock, lastBlock, Duration.ofNanos(System.nanoTime() - started));
  }

  /** Mints to the dev accounts that hold less than the float; how many mints it sent. */
  private int topUp(String token) {
    ctx.refreshBaseFee();
    List<PlannedTransaction> mints = new ArrayList<>();
    for (String account : ctx.accounts) {
      if (ledger.balance(token, account).compareTo(FLOAT) < 0) {
        BigInteger amount = FLOAT;
        mints.add(ctx.plan(
            EvmActivityKind.TOKEN_MINT, ctx.accounts.get(0), token, BigInteger.ZERO,
            Abi.call("mint(address,uint256)", AbiValue.address(account), AbiValue.uint(amount)), TokenMoves.GAS, true,
            (l, receipt) -> l.credit(token, account, amount)));
      }
    }
    for (MinedTransaction m : runner.run(mints)) {
      m.plan().effect().apply(ledger, m.receipt());
    }
    return mints.size();
  }

  private void checkMined(long firstBlock, long lastBlock, int sent) {
    List<EthRpcClient.Call> calls = new ArrayList<>();
    for (long h = firstBlock; h <= lastBlock; h++) {
      calls.add(EthRpcClient.Call.of("eth_getBlockTransactionCountByNumber", Hex.quantity(h)));
    }
    long mined = 0;
    for (EthRpcClient.Answer a : ctx.node.rpc().batch(calls)) {
      mined += Hex.longQuantity("eth_getBlockTransactionCountByNumber", a.get());
    }
    if (mined != sent) {
      throw new BdsException(ErrorCode.NODE_ERROR, "blocks " + firstBlock + ".." + lastBlock + " hold " + mined + " transactions; the bulk load sent " + sent);
    }
  }

  private void checkBalances(String token, List<String> holders) {
    List<EthRpcClient.Call> calls =
        holders.stream().map(h -> EthRpcClient.Call.of("eth_call", Map.of("to", token, "data", Abi.call("balanceOf(address)", AbiValue.address(h))), "latest")).toList();
    List<EthRpcClient.Answer> answers = ctx.node.rpc().batch(calls);
    for (int i = 0; i < holders.size(); i++) {
      BigInteger onNode = Abi.uint("balanceOf", answers.get(i).get().asText());
      BigInteger expected = ledger.balance(token, holders.get(i));
      if (!onNode.equals(expected)) {
        throw new BdsException(
            ErrorCode.NODE_ERROR, "after the bulk load " + holders.get(i) + " holds " + onNode + " TestToken, the transfers sent make " + expected + ": one failed");
      }
    }
  }
}
