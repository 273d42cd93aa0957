package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/**
 * Seeded, randomized EVM traffic on an {@link AnvilNode}, among its {@value AnvilNode#ACCOUNTS} dev accounts and
 * fresh addresses: ether transfers of types 0, 1 and 2, ERC-20 / ERC-721 / ERC-1155 traffic (ids and amounts up to
 * 2^256-1), internal value transfers through the Forwarder (nested calls, a reverted subtree, CREATE and CREATE2 with
 * value, SELFDESTRUCT) and failed top-level transactions. {@link #start} deploys the contracts and hands out tokens;
 * each {@link #round()} sends a few dozen transactions with automine off and mines them into one or two blocks.
 *
 * <p>The activity keeps its own ledger of what the token contracts hold, updated from its transactions' receipts; a
 * transaction whose outcome differs from the plan fails the round with {@link ErrorCode#NODE_ERROR}. The ledger only
 * knows the activity's transactions: other traffic on the same contracts makes it wrong. Every choice comes from a
 * {@link java.util.Random} with the given seed, so a seed replays the same plans on a fresh node. Not thread-safe.
 */
public final class EvmActivity {
  /** How far back {@link #reorg} can go. */
  public static final int MAX_REORG_DEPTH = 64;
  static final long DEPLOY_GAS = 5_000_000;
  private static final int SETUP_NFTS = 24;
  private static final int SETUP_MULTI_MINTS = 24;
  private static final int SETUP_APPROVALS = 6;

  private final AnvilNode node;
  private final ActivityContext ctx;
  private final TransactionRunner runner;
  private final EtherMoves ether;
  private final TokenMoves tokens;
  private final CollectibleMoves collectibles;
  private final ForwarderMoves forwarder;
  private final FailureMoves failures;
  private DevnetLedger ledger = new DevnetLedger();
  /** The ledger as of each recent block that holds activity transactions (a reorg returns to one). */
  private final TreeMap<Long, DevnetLedger> ledgerByHeight = new TreeMap<>();
  /** A reorg may not replace this block or any below it (the deployment, or the end of a bulk load). */
  private long reorgFloor;
  private int rounds;
  private int blocksMined;
  private int reorgs;

  private EvmActivity(AnvilNode node, long seed) {
    this.node = node;
    this.ctx = new ActivityContext(node, seed, CompiledContracts.load());
    this.runner = new TransactionRunner(node);
    this.ether = new EtherMoves(ctx);
    this.tokens = new TokenMoves(ctx);
    this.collectibles = new CollectibleMoves(ctx);
    this.forwarder = new ForwarderMoves(ctx);
    this.failures = new FailureMoves(ctx);
  }

  /**
   * Deploys the test contracts (one block) and hands out tokens, allowances and a Forwarder child to the dev accounts
   * (one or two more), so that the first round has something to move.
   */
  public static EvmActivity start(AnvilNode node, long seed) {
    requireNonNull(node, "node is null");
    EvmActivity activity = new EvmActivity(node, seed);
    activity.deploy();
    activity.handOut();
    activity.reorgFloor = node.rpc().blockNumber();
    return activity;
  }

  /** One round: a few dozen transactions of every kind, mined into one block (two if they do not fit). */
  public void round() {
    ctx.refreshBaseFee();
    DevnetLedger planning = ledger.copy();
    List<PlannedTransaction> plans = new ArrayList<>();
    ether.plan(plans);
    tokens.plan(planning, plans);
    collectibles.plan(planning, plans);
    forwarder.plan(planning, plans);
    failures.plan(planning, plans);
    // plans do not depend on each other, so any order in the block is right; sending them shuffled mixes the senders
    Collections.shuffle(plans, ctx.random);
    runAndRecord(plans);
    rounds++;
  }

  public void rounds(int n) {
    for (int i = 0; i < n; i++) {
      round();
    }
  }

  /**
   * Replaces the last {@code depth} blocks by a branch of as many blocks holding different transactions (ether
   * transfers, token mints and transfers, NFT mints), then mines one more block on it, so that the new branch is
   * longer. The ledger returns to the replaced heights first. Returns the reorg with the new tip.
   */
  public Reorg reorg(int depth) {
    long tip = node.rpc().blockNumber();
    long base = tip - depth;
    if (depth < 1 || depth > MAX_REORG_DEPTH || base < reorgFloor) {
      throw new BdsException(
          ErrorCode.INVALID_ARGUMENT,
          "a reorg of depth " + depth + ": the activity can now replace 1 to " + Math.min(MAX_REORG_DEPTH, tip - reorgFloor)
              + " blocks (none at or below block " + reorgFloor + ", where its deployment or last bulk load ended)");
    }
    ledger = ledgerByHeight.floorEntry(base).getValue().copy();
    ledgerByHeight.tailMap(base, false).clear();
    ctx.refreshBaseFee();
    DevnetLedger planning = ledger.copy();
    List<List<PlannedTransaction>> branch = new ArrayList<>();
    List<ReorgTransaction> transactions = new ArrayList<>();
    for (int offset = 0; offset < depth; offset++) {
      List<PlannedTransaction> block = new ArrayList<>();
      int count = 1 + ctx.random.nextInt(3);
      for (int i = 0; i < count; i++) {
        block.add(branchTransaction(planning));
      }
      for (PlannedTransaction p : block) {
        transactions.add(new ReorgTransaction(p.request(), offset));
      }
      branch.add(block);
    }
    Reorg replaced = node.reorg(depth, transactions);
    for (int offset = 0; offset < depth; offset++) {
      recordBranchBlock(base + 1 + offset, branch.get(offset));
    }
    blocksMined += depth;
    runAndRecord(List.of(ether.transfer(ctx.feeStyle())));
    reorgs++;
    long newTip = node.rpc().blockNumber();
    return new Reorg(replaced.firstHeight(), replaced.orphanedBlocks(), replaced.replacementBlocks(), node.blockHashes(newTip, newTip).get(0), newTip);
  }

  /**
   * For benchmarks: {@code transactions} ether and TestToken transfers among the dev accounts and a hundred fresh
   * addresses, sent in JSON-RPC batches, {@code perBlock} to a block. Reorgs cannot reach below its last block.
   */
  public BulkResult bulk(int transactions, int perBlock) {
    BulkLoad load = new BulkLoad(ctx, runner, ledger);
    BulkResult result = load.run(transactions, perBlock);
    blocksMined += (int) result.blocks();
    ledgerByHeight.put(result.lastBlock(), ledger.copy());
    reorgFloor = result.lastBlock();
    return result;
  }

  public DeployedContracts contracts() {
    return ctx.contracts();
  }

  /** Every address the activity sent from or to, paid, created or named (lower-case, sorted). */
  public Set<String> touchedAddresses() {
    return Collections.unmodifiableSet(new TreeSet<>(ctx.touched));
  }

  /** Fresh addresses that were offered ether only inside reverted subtrees: each must hold nothing. */
  public List<String> refusedAddresses() {
    return forwarder.refused();
  }

  /** ERC-20 balances the activity expects, by token, then holder (zero balances of former holders included). */
  public Map<String, Map<String, BigInteger>> erc20Balances() {
    return ledger.erc20Balances();
  }

  /** ERC-721 owners the activity expects, by token id. */
  public Map<BigInteger, String> nftOwners() {
    return ledger.nftOwners();
  }

  /** ERC-1155 balances the activity expects, by holder, then id. */
  public Map<String, Map<BigInteger, BigInteger>> multiBalances() {
    return ledger.multiBalances();
  }

  /** The hashes of the transactions that failed as planned (some may have left the chain in a reorg since). */
  public List<Hash32> failedTransactions() {
    return List.copyOf(ctx.failed);
  }

  public EvmActivityCounts counts() {
    return new EvmActivityCounts(rounds, blocksMined, ctx.counts(), reorgs);
  }

  private void deploy() {
    CompiledContracts compiled = ctx.compiled;
    String deployer = ctx.accounts.get(0);
    List<String> code =
        List.of(
            compiled.contract("TestToken").deployment(AbiValue.string("Test Token"), AbiValue.string("TST"), AbiValue.uint(18)),
            compiled.contract("TestToken").deployment(AbiValue.string("Huge Token"), AbiValue.string("HUGE"), AbiValue.uint(0)),
            compiled.contract("Bytes32Token").deployment(),
            compiled.contract("BrokenToken").deployment(),
            compiled.contract("TestNft").deployment(),
            compiled.contract("TestMulti").deployment(),
            compiled.contract("Forwarder").deployment());
    ctx.refreshBaseFee();
    List<PlannedTransaction> plans = new ArrayList<>();
    for (String c : code) {
      plans.add(ctx.plan(EvmActivityKind.DEPLOYMENT, deployer, null, BigInteger.ZERO, c, DEPLOY_GAS, true, TransactionEffect.NONE));
    }
    // sent in order from one account, so the chain order of the receipts is the order of the plans
    List<MinedTransaction> mined = runInBlocks(plans);
    List<String> addresses = mined.stream().map(m -> Hex.address(m.receipt().path("contractAddress").asText())).toList();
    ctx.deployed(new DeployedContracts(addresses.get(0), addresses.get(1), addresses.get(2), addresses.get(3), addresses.get(4), addresses.get(5), addresses.get(6)));
    record(mined);
  }

  private void handOut() {
    DeployedContracts c = ctx.contracts();
    ctx.refreshBaseFee();
    List<PlannedTransaction> plans = new ArrayList<>();
    for (String account : ctx.accounts) {
      for (String token : List.of(c.testToken(), c.bytes32Token(), c.brokenToken())) {
        plans.add(tokens.mint(token, account, ActivityContext.ETHER.multiply(BigInteger.valueOf(1 + ctx.random.nextInt(1_000_000)))));
      }
    }
    plans.add(tokens.mint(c.hugeToken(), ctx.account(), DevnetLedger.MAX_UINT256));
    for (int i = 0; i < SETUP_NFTS; i++) {
      plans.add(collectibles.mintNft(collectibles.newNftId(), ctx.account()));
    }
    for (int i = 0; i < SETUP_MULTI_MINTS; i++) {
      plans.add(collectibles.mintMulti(collectibles.multiId(), ctx.account(), BigInteger.valueOf(1 + ctx.random.nextInt(1_000_000_000))));
    }
    plans.add(collectibles.mintMulti(CollectibleMoves.FULL_SUPPLY_ID, ctx.account(), DevnetLedger.MAX_UINT256));
    for (int i = 0; i < SETUP_APPROVALS; i++) {
      String token = c.erc20Tokens().get(i % c.erc20Tokens().size());
      String owner = ctx.account();
      plans.add(tokens.approve(token, owner, ctx.otherAccount(owner), i == 0 ? DevnetLedger.MAX_UINT256 : ctx.amount()));
    }
    DevnetLedger planning = ledger.copy();
    forwarder.plan(planning, plans);
    record(runInBlocks(plans));
  }

  /** A transaction of a reorg's new branch: independent of the others, like a round's. */
  private PlannedTransaction branchTransaction(DevnetLedger planning) {
    DeployedContracts c = ctx.contracts();
    return switch (ctx.random.nextInt(4)) {
      case 0 -> tokens.mint(c.testToken(), ctx.recipient(), ctx.amount());
      case 1 -> tokens.transfer(planning, c.erc20Tokens().get(ctx.random.nextInt(4))).orElseGet(() -> ether.transfer(ctx.feeStyle()));
      case 2 -> collectibles.mintNft(collectibles.newNftId(), ctx.recipient());
      default -> ether.transfer(ctx.feeStyle());
    };
  }

  /** Checks a block of the new branch against its plan (same transactions, all successful) and records it. */
  private void recordBranchBlock(long height, List<PlannedTransaction> planned) {
    String what = "block " + height + " of the new branch";
    JsonNode block = node.call("eth_getBlockByNumber", Hex.quantity(height), true);
    JsonNode receipts = node.call("eth_getBlockReceipts", Hex.quantity(height));
    JsonNode txs = block.path("transactions");
    if (txs.size() != planned.size() || receipts.size() != planned.size()) {
      throw new BdsException(ErrorCode.NODE_ERROR, what + " holds " + txs.size() + " transactions, " + planned.size() + " were given to anvil_reorg");
    }
    List<PlannedTransaction> left = new ArrayList<>(planned);
    List<MinedTransaction> mined = new ArrayList<>();
    for (int i = 0; i < txs.size(); i++) {
      JsonNode tx = txs.get(i);
      PlannedTransaction plan =
          left.stream()
              .filter(p -> sameTransaction(p, tx))
              .findFirst()
              .orElseThrow(() -> new BdsException(ErrorCode.NODE_ERROR, what + " holds a transaction that was not planned: " + tx));
      left.remove(plan);
      mined.add(new MinedTransaction(plan, Hex.hash(what, tx.get("hash")), height, i, receipts.get(i)));
    }
    for (MinedTransaction m : mined) {
      runner.check(m);
    }
    record(mined);
  }

  private static boolean sameTransaction(PlannedTransaction plan, JsonNode tx) {
    Map<String, Object> r = plan.request();
    return r.get("from").equals(tx.path("from").asText())
        && r.get("to").equals(tx.path("to").asText())
        && new BigInteger(((String) r.get("value")).substring(2), 16).equals(Hex.bigQuantity("value", tx.get("value")))
        && r.get("data").equals(tx.path("input").asText());
  }

  private void runAndRecord(List<PlannedTransaction> plans) {
    record(runInBlocks(plans));
  }

  /** Runs the transactions with automine off, so that they share blocks; automine is back on afterwards. */
  private List<MinedTransaction> runInBlocks(List<PlannedTransaction> plans) {
    node.setAutomine(false);
    try {
      List<MinedTransaction> mined = new ArrayList<>(runner.run(plans));
      blocksMined += (int) mined.stream().mapToLong(MinedTransaction::blockNumber).distinct().count();
      return mined;
    } finally {
      node.setAutomine(true);
    }
  }

  /** Applies the effects of mined transactions in chain order and keeps the ledger of each block. */
  private void record(List<MinedTransaction> mined) {
    List<MinedTransaction> ordered = new ArrayList<>(mined);
    ordered.sort(java.util.Comparator.comparingLong(MinedTransaction::blockNumber).thenComparingInt(MinedTransaction::index));
    for (int i = 0; i < ordered.size(); i++) {
      MinedTransaction m = ordered.get(i);
      if (m.plan().expectSuccess()) {
        m.plan().effect().apply(ledger, m.receipt());
      } else {
        ctx.failed.add(m.hash());
      }
      if (i + 1 == ordered.size() || ordered.get(i + 1).blockNumber() != m.blockNumber()) {
        ledgerByHeight.put(m.blockNumber(), ledger.copy());
      }
    }
    if (!ledgerByHeight.isEmpty()) {
      Long keep = ledgerByHeight.floorKey(ledgerByHeight.lastKey() - MAX_REORG_DEPTH);
      if (keep != null) {
        ledgerByHeight.headMap(keep, false).clear();
      }
    }
  }
}
