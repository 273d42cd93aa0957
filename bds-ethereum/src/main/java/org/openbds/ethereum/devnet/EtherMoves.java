package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;

/** Plain ether transfers between dev accounts and to fresh addresses, of each transaction type. */
final class EtherMoves {
  private final ActivityContext ctx;

  EtherMoves(ActivityContext ctx) {
    this.ctx = requireNonNull(ctx, "ctx is null");
  }

  /** One transfer of each type, and up to three more of any. */
  void plan(List<PlannedTransaction> out) {
    for (FeeStyle style : FeeStyle.values()) {
      out.add(transfer(style));
    }
    int extra = ctx.random.nextInt(4);
    for (int i = 0; i < extra; i++) {
      out.add(transfer(ctx.feeStyle()));
    }
  }

  PlannedTransaction transfer(FeeStyle style) {
    String from = ctx.account();
    BigInteger value = ctx.ether();
    return ctx.plan(kind(style), from, ctx.recipientOtherThan(from), value, "0x", ActivityContext.TRANSFER_GAS, style, true, TransactionEffect.NONE);
  }

  static EvmActivityKind kind(FeeStyle style) {
    return switch (style) {
      case LEGACY -> EvmActivityKind.ETH_LEGACY;
      case ACCESS_LIST -> EvmActivityKind.ETH_ACCESS_LIST;
      case DYNAMIC_FEE -> EvmActivityKind.ETH_DYNAMIC_FEE;
    };
  }
}
