package org.openbds.ethereum.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openbds.ethereum.rpc.FakeEthNode.MINER;
import static org.openbds.ethereum.rpc.FakeEthNode.address;
import static org.openbds.ethereum.rpc.FakeEthNode.balance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.NodeSource;
import org.openbds.api.RetryPolicy;
import org.openbds.api.SourceBlock;
import org.openbds.ethereum.codec.TraceStyle;
import org.openbds.ethereum.profile.RewardSchedule;
import org.openbds.ethereum.rpc.FakeEthNode.Transfer;
import org.openbds.ethereum.split.DecodedPayloads;
import org.openbds.ethereum.split.EthSourcePayload;
import org.openbds.ethereum.split.NativeBalanceChanges.Uncle;
import org.openbds.ethereum.rpc.FakeEthNode.TokenMove;
import org.openbds.ethereum.split.NodeFacts;
import org.openbds.ethereum.token.TokenHolding;

/**
 * The Ethereum RPC block source against a hand-written fake node ({@link FakeEthNode}) serving a small chain of value
 * transfers built here: where the stream ends, how calls are batched and how many requests are in flight, the receipt
 * fallback, the facts read from the node's state (uncle miners, opening balances), reorganizations while a batch is
 * fetched, and answers that are not JSON.
 */
class EthRpcBlockSourceTest {
  private static final String ALICE = address(0xa11ce);
  private static final String BOB = address(0xb0b);
  private static final String CAROL = address(0xca401);
  private static final String DAVE = address(0xda4e);
  private static final RetryPolicy QUICK_RETRIES = new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5));

  private final DecodedPayloads decoded = new DecodedPayloads();
  private FakeEthNode node;

  @BeforeEach
  void start() throws IOException {
    node = new FakeEthNode();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void theStreamEndsNormallyWhereTheNodesChainEnds() {
    mineTransfers(10);
    try (EthRpcBlockSource s = source(2, TraceStyle.NONE, RetryPolicy.none())) {
      assertThat(s.tipHeight()).isEqualTo(9);
      List<SourceBlock> blocks = drain(s.blocks(5, 20));
      assertThat(blocks).extracting(SourceBlock::height).containsExactly(5L, 6L, 7L, 8L, 9L);
      for (SourceBlock b : blocks) {
        assertThat(b.hash()).isEqualTo(hash(b.height()));
        assertThat(b.parent()).isEqualTo(hash(b.height() - 1));
        assertThat(b.origin()).endsWith("block " + b.height());
      }
      assertThat(drain(s.blocks(10, 20))).isEmpty();
      assertThat(s.hashAt(9)).contains(hash(9));
      assertThat(s.hashAt(10)).isEmpty();
    }
  }

  @Test
  void theCallsOfSeveralBlocksTravelInOneRequest() {
    mineTransfers(6);
    try (EthRpcBlockSource s = source(1, TraceStyle.NONE, RetryPolicy.none())) {
      assertThat(drain(s.blocks(1, 5))).hasSize(5);
    }
    assertThat(node.batchSizes("eth_getBlockByNumber")).containsExactly(5);
    assertThat(calls("eth_getBlockByNumber")).containsExactly("0x1 true", "0x2 true", "0x3 true", "0x4 true", "0x5 true");
    assertThat(node.batchSizes("eth_getBlockReceipts")).containsExactly(5);
    // block 1 is the first to touch its sender, recipient and miner: their three balances are asked for together
    assertThat(node.batchSizes("eth_getBalance")).first().isEqualTo(3);
  }

  @Test
  void noMoreRequestsThanTheConcurrencyAreInFlight() {
    for (int h = 0; h < 300; h++) {
      node.mine(new Transfer(address(1 + h % 3), address(10 + h % 5), h + 1));
    }
    try (EthRpcBlockSource s = source(3, TraceStyle.NONE, RetryPolicy.none())) {
      // the first three requests wait for each other, so the node sees three at once if the source sends them
      node.holdUntilInFlight(3);
      List<SourceBlock> blocks = drain(s.blocks(0, 400));
      assertThat(blocks).extracting(SourceBlock::height).containsExactlyElementsOf(heights(0, 299));
      assertThat(blocks.get(299).hash()).isEqualTo(hash(299));
    }
    assertThat(node.batchSizes("eth_getBlockByNumber")).hasSizeGreaterThan(3);
    assertThat(node.maxInFlight()).isGreaterThan(1).isLessThanOrEqualTo(3);
  }

  @Test
  void oneRequestAtATimeWithConcurrencyOne() {
    for (int h = 0; h < 300; h++) {
      node.mine(new Transfer(ALICE, BOB, h + 1));
    }
    try (EthRpcBlockSource s = source(1, TraceStyle.NONE, RetryPolicy.none())) {
      assertThat(drain(s.blocks(0, 299))).hasSize(300);
    }
    assertThat(node.batchSizes("eth_getBlockByNumber")).hasSizeGreaterThan(1);
    assertThat(node.maxInFlight()).isEqualTo(1);
  }

  @Test
  void aNodeWithoutBlockReceiptsIsAskedForEachTransactionsReceipt() {
    node.mine();
    node.mine(new Transfer(ALICE, BOB, 1));
    node.mine(new Transfer(ALICE, BOB, 2), new Transfer(BOB, CAROL, 3), new Transfer(CAROL, ALICE, 4));
    node.mine();
    node.mine(new Transfer(DAVE, ALICE, 5), new Transfer(ALICE, DAVE, 6));
    List<SourceBlock> withBlockReceipts;
    try (EthRpcBlockSource s = source(1, TraceStyle.NONE, RetryPolicy.none())) {
      withBlockReceipts = drain(s.blocks(0, 4));
    }
    node.withoutBlockReceipts();
    node.forgetRequests();
    try (EthRpcBlockSource s = source(1, TraceStyle.NONE, RetryPolicy.none())) {
      List<SourceBlock> perTransaction = drain(s.blocks(0, 4));

      assertThat(calls("eth_getTransactionReceipt")).containsExactly(
          node.transactionHash(1, 0), node.transactionHash(2, 0), node.transactionHash(2, 1), node.transactionHash(2, 2),
          node.transactionHash(4, 0), node.transactionHash(4, 1));
      assertThat(perTransaction).hasSameSizeAs(withBlockReceipts);
      for (int i = 0; i < perTransaction.size(); i++) {
        SourceBlock a = withBlockReceipts.get(i);
        SourceBlock b = perTransaction.get(i);
        assertThat(List.of(b.height(), b.hash(), b.parent())).isEqualTo(List.of(a.height(), a.hash(), a.parent()));
        assertThat(decode(b)).isEqualTo(decode(a));
      }

      // the source remembers that the node lacks the method
      node.forgetRequests();
      assertThat(drain(s.blocks(2, 4))).hasSize(3);
      assertThat(node.batchSizes("eth_getBlockReceipts")).isEmpty();
      assertThat(calls("eth_getTransactionReceipt")).hasSize(5);
    }
  }

  @Test
  void theMinersOfIncludedUnclesAreReadFromTheNode() {
    String uncleMinerA = address(0x0a);
    String uncleMinerB = address(0x0b);
    node.mine();
    node.mine();
    node.mine();
    node.mine(MINER, List.of(uncleMinerA, uncleMinerB), new Transfer(ALICE, BOB, 7));
    RewardSchedule twoEther = RewardSchedule.steps(Map.of(0L, BigInteger.TWO.multiply(BigInteger.TEN.pow(18))));
    try (EthRpcBlockSource s = source(1, TraceStyle.NONE, RetryPolicy.none(), twoEther)) {
      List<SourceBlock> blocks = drain(s.blocks(1, 3));

      assertThat(calls("eth_getUncleByBlockHashAndIndex")).containsExactly(node.hash(3) + " 0x0", node.hash(3) + " 0x1");
      assertThat(node.batchSizes("eth_getUncleByBlockHashAndIndex")).containsExactly(2);
      assertThat(facts(blocks.get(0)).uncles()).isEmpty();
      NodeFacts facts = facts(blocks.get(2));
      assertThat(facts.uncles()).containsExactly(new Uncle(2, uncleMinerA), new Uncle(1, uncleMinerB));
      // an uncle's miner is rewarded, so its balance before the block is read as well
      assertThat(facts.openings()).containsEntry(uncleMinerA, balance(uncleMinerA, 2)).containsEntry(uncleMinerB, balance(uncleMinerB, 2));
      // what the source decoded is handed to the splitter, and is what the payload's bytes decode to
      for (SourceBlock b : blocks) {
        assertThat(decoded.take(b.payload())).contains(decode(b));
      }
    }
  }

  @Test
  void anAddressesOpeningBalanceIsReadOnceUntilItsBlocksAreAskedForAgain() {
    node.mine();
    node.mine(new Transfer(ALICE, BOB, 5));
    node.mine(new Transfer(ALICE, CAROL, 6));
    node.mine(new Transfer(BOB, ALICE, 7));
    try (EthRpcBlockSource s = source(1, TraceStyle.NONE, RetryPolicy.none())) {
      List<SourceBlock> blocks = drain(s.blocks(1, 3));

      assertThat(facts(blocks.get(0)).openings()).isEqualTo(
          Map.of(ALICE, balance(ALICE, 0), BOB, balance(BOB, 0), MINER, balance(MINER, 0)));
      assertThat(facts(blocks.get(1)).openings()).isEqualTo(Map.of(CAROL, balance(CAROL, 1)));
      assertThat(facts(blocks.get(2)).openings()).isEmpty();
      assertThat(calls("eth_getBalance")).containsExactlyInAnyOrder(ALICE + " 0x0", BOB + " 0x0", MINER + " 0x0", CAROL + " 0x1");

      // a reorg replaces blocks 2 and 3; on the new branch Carol first appears a block later, so what the old
      // branch had read for her must be forgotten, while what block 1 read still holds
      node.reorg(2);
      node.mine(new Transfer(ALICE, DAVE, 8));
      node.mine(new Transfer(DAVE, CAROL, 9));
      node.forgetRequests();
      List<SourceBlock> replaced = drain(s.blocks(2, 3));

      assertThat(replaced.get(0).hash()).isEqualTo(hash(2)).isNotEqualTo(blocks.get(1).hash());
      assertThat(facts(replaced.get(0)).openings()).isEqualTo(Map.of(DAVE, balance(DAVE, 1)));
      assertThat(facts(replaced.get(1)).openings()).isEqualTo(Map.of(CAROL, balance(CAROL, 2)));
      assertThat(calls("eth_getBalance")).containsExactlyInAnyOrder(DAVE + " 0x1", CAROL + " 0x2");
    }
  }

  @Test
  void aBatchWhoseReceiptsComeFromAReorganizedChainIsFetchedAgain() {
    mineTransfers(6);
    Hash32 replacedHash = hash(3);
    node.beforeFirstCall("eth_getBlockReceipts", () -> {
      node.reorg(3);
      mineTransfers(3);
    });
    try (EthRpcBlockSource s = source(1, TraceStyle.NONE, QUICK_RETRIES)) {
      List<SourceBlock> blocks = drain(s.blocks(1, 5));

      assertThat(calls("eth_getBlockByNumber")).filteredOn(c -> c.startsWith("0x1 ")).hasSize(2);
      assertConsistentBranch(blocks, 1, 5);
      assertThat(blocks.get(2).hash()).isNotEqualTo(replacedHash);
      // the batch fetched again still carries the facts its first attempt had read
      assertThat(facts(blocks.get(0)).openings()).containsKeys(ALICE, BOB, MINER);
    }
  }

  @ParameterizedTest
  @EnumSource(value = TraceStyle.class, names = {"PARITY", "GETH"})
  void tracesFromAReorganizedChainAreNodeLaggingAndTheNextFetchIsConsistent(TraceStyle style) {
    String method = style == TraceStyle.PARITY ? "trace_block" : "debug_traceBlockByNumber";
    mineTransfers(6);
    // the receipts are the old block's, the traces already the new one's
    node.beforeFirstCall(method, () -> {
      node.reorg(3);
      mineTransfers(3);
    });
    try (EthRpcBlockSource s = source(1, style, RetryPolicy.none())) {
      NodeSource.BlockStream stream = s.blocks(1, 5);
      assertThatThrownBy(() -> drain(stream))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_LAGGING))
          .hasMessageContaining(method)
          .hasMessageContaining("reorganized");

      List<SourceBlock> blocks = drain(s.blocks(1, 5));
      assertConsistentBranch(blocks, 1, 5);
      assertThat(decode(blocks.get(2)).bundle().traces()).hasValueSatisfying(t -> assertThat(t).hasSize(1));
    }
  }

  @Test
  void anAnswerThatIsNotJsonIsMalformedAndNamesTheMethod() {
    mineTransfers(5);
    try (EthRpcBlockSource s = source(2, TraceStyle.NONE, QUICK_RETRIES)) {
      node.truncateAnswersTo("eth_getBlockReceipts");
      NodeSource.BlockStream stream = s.blocks(0, 4);
      assertThatThrownBy(() -> drain(stream))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_RESPONSE))
          .hasMessageContaining("eth_getBlockReceipts");
      // fatal: not asked again
      assertThat(node.batchSizes("eth_getBlockReceipts")).hasSize(1);

      node.truncateAnswersTo("eth_getBlockByNumber");
      assertThatThrownBy(() -> s.hashAt(2))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_RESPONSE))
          .hasMessageContaining("eth_getBlockByNumber");
    }
  }

  // ---- helpers

  @Test
  void holdingsOfATokenOlderThanTheRangeAreReadAtTheBlockBeforeTheirFirstTransfer() {
    String older = FakeEthNode.address(0x70c1);
    String younger = FakeEthNode.address(0x70c2);
    node.token(older, 1);
    node.token(younger, 4);
    mineTransfers(5);
    node.mine(List.of(new TokenMove(older, ALICE, BOB, 3), new TokenMove(younger, ALICE, BOB, 4)), new Transfer(ALICE, BOB, 1));
    node.mine(List.of(new TokenMove(older, ALICE, CAROL, 2), new TokenMove(older, FakeEthNode.address(0), DAVE, 9)), new Transfer(ALICE, BOB, 1));
    try (EthRpcBlockSource s = source(1, TraceStyle.NONE, RetryPolicy.none())) {
      s.rangeStartsAt(3);
      List<SourceBlock> blocks = drain(s.blocks(3, 7));

      // one look at each token's code at the block before the range: the older one had code, the younger none
      assertThat(calls("eth_getCode")).containsExactlyInAnyOrder(older + " 0x2", younger + " 0x2");
      assertThat(facts(blocks.get(2)).tokenOpenings().values()).containsExactlyInAnyOrder(
          held(TokenHolding.erc20(older, ALICE), 4), held(TokenHolding.erc20(older, BOB), 4));
      // the zero address (a mint) holds nothing; Alice was read already
      assertThat(facts(blocks.get(3)).tokenOpenings().values()).containsExactlyInAnyOrder(
          held(TokenHolding.erc20(older, CAROL), 5), held(TokenHolding.erc20(older, DAVE), 5));
      assertThat(blocks.subList(0, 2)).allSatisfy(b -> assertThat(facts(b).tokenOpenings()).isEmpty());
      assertThat(node.params("eth_call").stream().filter(p -> p.get(0).path("data").asText().startsWith("0x70a08231")))
          .extracting(p -> p.get(0).path("to").asText()).containsOnly(older).hasSize(4);

      // a range that starts at genesis: the same token is younger than it, and nothing is read for its holdings
      node.forgetRequests();
      s.rangeStartsAt(0);
      List<SourceBlock> fromGenesis = drain(s.blocks(0, 7));
      assertThat(calls("eth_getCode")).containsExactlyInAnyOrder(older + " 0x0", younger + " 0x0");
      assertThat(fromGenesis).allSatisfy(b -> assertThat(facts(b).tokenOpenings()).isEmpty());
    }
  }

  @Test
  void aContractThatFailsBalanceOfLeavesItsHoldingUnknownButANodeWithoutTheStateStopsTheSync() {
    String token = FakeEthNode.address(0x70c1);
    node.token(token, 0);
    mineTransfers(2);
    node.mine(List.of(new TokenMove(token, ALICE, BOB, 3)), new Transfer(ALICE, BOB, 1));
    node.balanceOfFails(token, 3, "execution reverted");
    try (EthRpcBlockSource s = source(1, TraceStyle.NONE, RetryPolicy.none())) {
      s.rangeStartsAt(1);
      List<SourceBlock> blocks = drain(s.blocks(1, 3));
      assertThat(blocks).hasSize(2);
      assertThat(facts(blocks.get(1)).tokenOpenings().values()).containsExactlyInAnyOrder(
          new NodeFacts.TokenOpening(TokenHolding.erc20(token, ALICE), Optional.empty()),
          new NodeFacts.TokenOpening(TokenHolding.erc20(token, BOB), Optional.empty()));
    }
    node.balanceOfFails(token, -32000, "missing trie node 5e3f (path ) state 0x5e3f is not available");
    try (EthRpcBlockSource s = source(1, TraceStyle.NONE, RetryPolicy.none())) {
      s.rangeStartsAt(1);
      assertThatThrownBy(() -> drain(s.blocks(1, 3)))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_ERROR))
          .hasMessageContaining("block 2").hasMessageContaining(token).hasMessageContaining("archive node");
    }
  }

  private static NodeFacts.TokenOpening held(TokenHolding h, long height) {
    return new NodeFacts.TokenOpening(h, Optional.of(new TokenHolding.Held(h.holder().orElseThrow(), FakeEthNode.tokenBalance(h.holder().orElseThrow(), height))));
  }

  private EthRpcBlockSource source(int concurrency, TraceStyle traces, RetryPolicy retry) {
    return source(concurrency, traces, retry, RewardSchedule.none());
  }

  private EthRpcBlockSource source(int concurrency, TraceStyle traces, RetryPolicy retry, RewardSchedule rewards) {
    return new EthRpcBlockSource(EthRpcClient.fromUrl(node.url(), Duration.ofSeconds(10)), retry, concurrency, traces, rewards, decoded);
  }

  /** Mines {@code count} blocks of one transfer each. */
  private void mineTransfers(int count) {
    for (int i = 0; i < count; i++) {
      node.mine(new Transfer(ALICE, BOB, i + 1));
    }
  }

  /** The blocks are {@code from}…{@code to} of the node's current chain, each linked to the one before. */
  private void assertConsistentBranch(List<SourceBlock> blocks, long from, long to) {
    assertThat(blocks).extracting(SourceBlock::height).containsExactlyElementsOf(heights(from, to));
    for (SourceBlock b : blocks) {
      assertThat(b.hash()).isEqualTo(hash(b.height()));
      assertThat(b.parent()).isEqualTo(hash(b.height() - 1));
      // the receipts and traces in the payload were checked against this block when decoded
      assertThat(decode(b).bundle().block().hash()).isEqualTo(b.hash());
    }
  }

  private Hash32 hash(long height) {
    return Hash32.parse(node.hash(height).substring(2));
  }

  /** The calls of {@code method} the node was asked, each as its parameters joined by spaces. */
  private List<String> calls(String method) {
    return node.params(method).stream()
        .map(p -> StreamSupport.stream(p.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(" ")))
        .toList();
  }

  private static List<Long> heights(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long h = from; h <= to; h++) {
      out.add(h);
    }
    return out;
  }

  private static EthSourcePayload decode(SourceBlock b) {
    return EthSourcePayload.decode(b.payload(), b.origin());
  }

  private static NodeFacts facts(SourceBlock b) {
    return decode(b).facts();
  }

  private static List<SourceBlock> drain(NodeSource.BlockStream stream) {
    List<SourceBlock> out = new ArrayList<>();
    try (stream) {
      stream.forEachRemaining(out::add);
    }
    return out;
  }
}
