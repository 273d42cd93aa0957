package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ERC-20 traffic: mints, transfers (of every token, the huge one's amounts up to 2^256-1), approvals and transfers by
 * approved spenders. Plans spend only what the planning ledger holds, and that ledger is debited and never credited
 * within a round, so no transaction depends on another of the same block: their order in the block does not matter.
 */
final class TokenMoves {
  static final long GAS = 150_000;

  private final ActivityContext ctx;

  TokenMoves(ActivityContext ctx) {
    this.ctx = requireNonNull(ctx, "ctx is null");
  }

  void plan(DevnetLedger planning, List<PlannedTransaction> out) {
    DeployedContracts c = ctx.contracts();
    int mints = 1 + ctx.random.nextInt(2);
    for (int i = 0; i < mints; i++) {
      List<String> mintable = List.of(c.testToken(), c.bytes32Token(), c.brokenToken());
      out.add(mint(mintable.get(ctx.random.nextInt(mintable.size())), ctx.recipient(), ctx.amount()));
    }
    // every token moves each round, plus a few more transfers of any of them
    List<String> tokens = new ArrayList<>(c.erc20Tokens());
    int extra = ctx.random.nextInt(3);
    for (int i = 0; i < extra; i++) {
      tokens.add(c.erc20Tokens().get(ctx.random.nextInt(c.erc20Tokens().size())));
    }
    for (String token : tokens) {
      transfer(planning, token).ifPresent(out::add);
    }
    // transfers by spenders before approvals, and never both for one pair: an approval may lower an allowance, and
    // the two come from different senders, so their order in the block is the node's choice
    Set<String> spentPairs = new HashSet<>();
    for (String token : c.erc20Tokens()) {
      transferFrom(planning, token, spentPairs).ifPresent(out::add);
    }
    String token = c.erc20Tokens().get(ctx.random.nextInt(c.erc20Tokens().size()));
    String owner = ctx.account();
    String spender = ctx.otherAccount(owner);
    if (!spentPairs.contains(token + owner + spender)) {
      out.add(approve(token, owner, spender, ctx.random.nextInt(3) == 0 ? DevnetLedger.MAX_UINT256 : ctx.amount()));
    }
  }

  PlannedTransaction mint(String token, String to, BigInteger amount) {
    return ctx.plan(
        EvmActivityKind.TOKEN_MINT,
        ctx.account(),
        token,
        BigInteger.ZERO,
        Abi.call("mint(address,uint256)", AbiValue.address(to), AbiValue.uint(amount)),
        GAS,
        true,
        (ledger, receipt) -> ledger.credit(token, to, amount));
  }

  /** A transfer of {@code token} by a dev account that holds some, to anyone; none if no dev account holds any. */
  java.util.Optional<PlannedTransaction> transfer(DevnetLedger planning, String token) {
    List<String> holders = new ArrayList<>(planning.holders(token));
    holders.retainAll(ctx.accounts);
    if (holders.isEmpty()) {
      return java.util.Optional.empty();
    }
    String from = holders.get(ctx.random.nextInt(holders.size()));
    String to = ctx.recipientOtherThan(from);
    BigInteger amount = ctx.upTo(planning.balance(token, from));
    planning.debit(token, from, amount);
    return java.util.Optional.of(
        ctx.plan(
            EvmActivityKind.TOKEN_TRANSFER,
            from,
            token,
            BigInteger.ZERO,
            Abi.call("transfer(address,uint256)", AbiValue.address(to), AbiValue.uint(amount)),
            GAS,
            true,
            (ledger, receipt) -> {
              ledger.debit(token, from, amount);
              ledger.credit(token, to, amount);
            }));
  }

  private java.util.Optional<PlannedTransaction> transferFrom(DevnetLedger planning, String token, Set<String> spentPairs) {
    List<String[]> pairs = new ArrayList<>();
    for (String[] pair : planning.allowancePairs(token)) {
      if (planning.balance(token, pair[0]).signum() > 0 && ctx.accounts.contains(pair[1])) {
        pairs.add(pair);
      }
    }
    if (pairs.isEmpty()) {
      return java.util.Optional.empty();
    }
    String[] pair = pairs.get(ctx.random.nextInt(pairs.size()));
    String owner = pair[0];
    String spender = pair[1];
    String to = ctx.recipientOtherThan(owner);
    BigInteger amount = ctx.upTo(planning.balance(token, owner).min(planning.allowance(token, owner, spender)));
    planning.debit(token, owner, amount);
    planning.spendAllowance(token, owner, spender, amount);
    spentPairs.add(token + owner + spender);
    return java.util.Optional.of(
        ctx.plan(
            EvmActivityKind.TOKEN_TRANSFER_FROM,
            spender,
            token,
            BigInteger.ZERO,
            Abi.call("transferFrom(address,address,uint256)", AbiValue.address(owner), AbiValue.address(to), AbiValue.uint(amount)),
            GAS,
            true,
            (ledger, receipt) -> {
              ledger.spendAllowance(token, owner, spender, amount);
              ledger.debit(token, owner, amount);
              ledger.credit(token, to, amount);
            }));
  }

  PlannedTransaction approve(String token, String owner, String spender, BigInteger amount) {
    return ctx.plan(
        EvmActivityKind.TOKEN_APPROVE,
        owner,
        token,
        BigInteger.ZERO,
        Abi.call("approve(address,uint256)", AbiValue.address(spender), AbiValue.uint(amount)),
        GAS,
        true,
        (ledger, receipt) -> ledger.setAllowance(token, owner, spender, amount));
  }
}
