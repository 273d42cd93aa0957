package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ERC-721 and ERC-1155 traffic: mints of small, random 256-bit and edge ids (0 and 2^256-1), transfers by owners,
 * single and batch ERC-1155 transfers. As with {@link TokenMoves}, plans only spend what the planning ledger holds.
 */
final class CollectibleMoves {
  static final long GAS = 200_000;
  static final long BATCH_GAS = 400_000;
  /** The ERC-1155 id whose whole supply, 2^256-1, is minted at start; never minted again (it would overflow). */
  static final BigInteger FULL_SUPPLY_ID = DevnetLedger.MAX_UINT256;
  private static final int SMALL_IDS = 16;

  private final ActivityContext ctx;
  /** Every ERC-721 id ever planned for a mint, so that none is minted twice. */
  private final Set<BigInteger> nftIds = new HashSet<>();
  private long nextSmallNftId = 1;

  CollectibleMoves(ActivityContext ctx) {
    this.ctx = requireNonNull(ctx, "ctx is null");
  }

  void plan(DevnetLedger planning, List<PlannedTransaction> out) {
    int mints = 1 + ctx.random.nextInt(2);
    for (int i = 0; i < mints; i++) {
      out.add(mintNft(newNftId(), ctx.recipient()));
    }
    int moves = 1 + ctx.random.nextInt(2);
    for (int i = 0; i < moves; i++) {
      moveNft(planning).ifPresent(out::add);
    }
    int multiMints = 1 + ctx.random.nextInt(2);
    for (int i = 0; i < multiMints; i++) {
      out.add(mintMulti(multiId(), ctx.recipient(), ctx.upTo(BigInteger.valueOf(1_000_000_000))));
    }
    int singles = 1 + ctx.random.nextInt(2);
    for (int i = 0; i < singles; i++) {
      moveMulti(planning).ifPresent(out::add);
    }
    moveMultiBatch(planning).ifPresent(out::add);
  }

  /** A new ERC-721 id: the edges 0 and 2^256-1 first, then mostly small ones and sometimes a random 256-bit one. */
  BigInteger newNftId() {
    for (BigInteger edge : List.of(BigInteger.ZERO, DevnetLedger.MAX_UINT256)) {
      if (nftIds.add(edge)) {
        return edge;
      }
    }
    BigInteger id;
    do {
      id = ctx.random.nextInt(4) == 0 ? new BigInteger(256, ctx.random) : BigInteger.valueOf(nextSmallNftId++);
    } while (!nftIds.add(id));
    return id;
  }

  /** An ERC-1155 id to mint: one of a few small ids, or a random one of up to 256 bits. */
  BigInteger multiId() {
    BigInteger id = ctx.random.nextInt(4) == 0 ? new BigInteger(256, ctx.random) : BigInteger.valueOf(1 + ctx.random.nextInt(SMALL_IDS));
    return id.equals(FULL_SUPPLY_ID) ? BigInteger.ONE : id;
  }

  PlannedTransaction mintNft(BigInteger id, String to) {
    return ctx.plan(
        EvmActivityKind.NFT_MINT,
        ctx.account(),
        ctx.contracts().nft(),
        BigInteger.ZERO,
        Abi.call("mint(address,uint256)", AbiValue.address(to), AbiValue.uint(id)),
        GAS,
        true,
        (ledger, receipt) -> ledger.setNftOwner(id, to));
  }

  /** An ERC-721 token of a dev account, moved by transferFrom or by one of the two safeTransferFrom. */
  private Optional<PlannedTransaction> moveNft(DevnetLedger planning) {
    List<BigInteger> ids = planning.nftsOwnedBy(ctx.accounts);
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    BigInteger id = ids.get(ctx.random.nextInt(ids.size()));
    String from = planning.nftOwner(id);
    String to = ctx.recipientOtherThan(from);
    planning.removeNft(id);
    int style = ctx.random.nextInt(3);
    String data =
        switch (style) {
          case 0 -> Abi.call("transferFrom(address,address,uint256)", AbiValue.address(from), AbiValue.address(to), AbiValue.uint(id));
          case 1 -> Abi.call("safeTransferFrom(address,address,uint256)", AbiValue.address(from), AbiValue.address(to), AbiValue.uint(id));
          default -> Abi.call(
              "safeTransferFrom(address,address,uint256,bytes)", AbiValue.address(from), AbiValue.address(to), AbiValue.uint(id), AbiValue.bytes(randomBytes()));
        };
    EvmActivityKind kind = style == 0 ? EvmActivityKind.NFT_TRANSFER : EvmActivityKind.NFT_SAFE_TRANSFER;
    return Optional.of(ctx.plan(kind, from, ctx.contracts().nft(), BigInteger.ZERO, data, GAS, true, (ledger, receipt) -> ledger.setNftOwner(id, to)));
  }

  PlannedTransaction mintMulti(BigInteger id, String to, BigInteger amount) {
    return ctx.plan(
        EvmActivityKind.MULTI_MINT,
        ctx.account(),
        ctx.contracts().multi(),
        BigInteger.ZERO,
        Abi.call("mint(address,uint256,uint256,bytes)", AbiValue.address(to), AbiValue.uint(id), AbiValue.uint(amount), AbiValue.bytes(new byte[0])),
        GAS,
        true,
        (ledger, receipt) -> ledger.creditMulti(to, id, amount));
  }

  private Optional<PlannedTransaction> moveMulti(DevnetLedger planning) {
    Optional<String> holder = multiHolder(planning);
    if (holder.isEmpty()) {
      return Optional.empty();
    }
    String from = holder.get();
    List<BigInteger> ids = planning.multiIds(from);
    BigInteger id = ids.get(ctx.random.nextInt(ids.size()));
    BigInteger amount = ctx.upTo(planning.multiBalance(from, id));
    String to = ctx.recipientOtherThan(from);
    planning.debitMulti(from, id, amount);
    String data =
        Abi.call(
            "safeTransferFrom(address,address,uint256,uint256,bytes)",
            AbiValue.address(from),
            AbiValue.address(to),
            AbiValue.uint(id),
            AbiValue.uint(amount),
            AbiValue.bytes(randomBytes()));
    return Optional.of(
        ctx.plan(
            EvmActivityKind.MULTI_TRANSFER,
            from,
            ctx.contracts().multi(),
            BigInteger.ZERO,
            data,
            GAS,
            true,
            (ledger, receipt) -> {
              ledger.debitMulti(from, id, amount);
              ledger.creditMulti(to, id, amount);
            }));
  }

  private Optional<PlannedTransaction> moveMultiBatch(DevnetLedger planning) {
    Optional<String> holder = multiHolder(planning);
    if (holder.isEmpty()) {
      return Optional.empty();
    }
    String from = holder.get();
    List<BigInteger> held = new ArrayList<>(planning.multiIds(from));
    java.util.Collections.shuffle(held, ctx.random);
    List<BigInteger> ids = List.copyOf(held.subList(0, 1 + ctx.random.nextInt(Math.min(4, held.size()))));
    List<BigInteger> amounts = new ArrayList<>();
    for (BigInteger id : ids) {
      BigInteger amount = ctx.upTo(planning.multiBalance(from, id));
      planning.debitMulti(from, id, amount);
      amounts.add(amount);
    }
    String to = ctx.recipientOtherThan(from);
    String data =
        Abi.call(
            "safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)",
            AbiValue.address(from),
            AbiValue.address(to),
            AbiValue.uints(ids),
            AbiValue.uints(amounts),
            AbiValue.bytes(new byte[0]));
    List<BigInteger> sent = List.copyOf(amounts);
    return Optional.of(
        ctx.plan(
            EvmActivityKind.MULTI_BATCH_TRANSFER,
            from,
            ctx.contracts().multi(),
            BigInteger.ZERO,
            data,
            BATCH_GAS,
            true,
            (ledger, receipt) -> {
              for (int i = 0; i < ids.size(); i++) {
                ledger.debitMulti(from, ids.get(i), sent.get(i));
                ledger.creditMulti(to, ids.get(i), sent.get(i));
              }
            }));
  }

  /** A dev account holding some ERC-1155 token, if any does. */
  private Optional<String> multiHolder(DevnetLedger planning) {
    List<String> holders = ctx.accounts.stream().filter(a -> !planning.multiIds(a).isEmpty()).toList();
    return holders.isEmpty() ? Optional.empty() : Optional.of(holders.get(ctx.random.nextInt(holders.size())));
  }

  private byte[] randomBytes() {
    byte[] b = new byte[ctx.random.nextInt(40)];
    ctx.random.nextBytes(b);
    return b;
  }
}
