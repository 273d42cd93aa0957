package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;

/**
 * Top-level transactions that fail, each with an explicit gas limit so that anvil mines them (status 0) instead of
 * refusing them when it estimates gas: a function that always reverts, a transfer of more than any balance, a mint that
 * overflows the total supply, a call of a reverting view, and an NFT sent by safeTransferFrom to a contract that does
 * not accept it. Every round makes the first and one of the others.
 */
final class FailureMoves {
  static final long GAS = 300_000;

  private final ActivityContext ctx;

  FailureMoves(ActivityContext ctx) {
    this.ctx = requireNonNull(ctx, "ctx is null");
  }

  void plan(DevnetLedger planning, List<PlannedTransaction> out) {
    DeployedContracts c = ctx.contracts();
    out.add(fail(c.forwarder(), ctx.ether(), Abi.call("alwaysReverts()")));
    switch (ctx.random.nextInt(4)) {
      case 0 -> out.add(fail(c.testToken(), BigInteger.ZERO, Abi.call("transfer(address,uint256)", AbiValue.address(ctx.recipient()), AbiValue.uint(DevnetLedger.MAX_UINT256))));
      // the huge token's supply is already 2^256-1
      case 1 -> out.add(fail(c.hugeToken(), BigInteger.ZERO, Abi.call("mint(address,uint256)", AbiValue.address(ctx.recipient()), AbiValue.uint(BigInteger.ONE))));
      case 2 -> out.add(fail(c.brokenToken(), BigInteger.ZERO, Abi.call("name()")));
      default -> {
        List<BigInteger> ids = planning.nftsOwnedBy(ctx.accounts);
        if (ids.isEmpty()) {
          out.add(fail(c.forwarder(), BigInteger.ZERO, Abi.call("alwaysReverts()")));
        } else {
          BigInteger id = ids.get(ctx.random.nextInt(ids.size()));
          String owner = planning.nftOwner(id);
          // kept out of this round's other moves: it stays with its owner
          planning.removeNft(id);
          out.add(
              ctx.plan(
                  EvmActivityKind.FAILED,
                  owner,
                  c.nft(),
                  BigInteger.ZERO,
                  Abi.call("safeTransferFrom(address,address,uint256)", AbiValue.address(owner), AbiValue.address(c.forwarder()), AbiValue.uint(id)),
                  GAS,
                  false,
                  TransactionEffect.NONE));
        }
      }
    }
  }

  private PlannedTransaction fail(String to, BigInteger value, String data) {
    return ctx.plan(EvmActivityKind.FAILED, ctx.account(), to, value, data, GAS, false, TransactionEffect.NONE);
  }
}
