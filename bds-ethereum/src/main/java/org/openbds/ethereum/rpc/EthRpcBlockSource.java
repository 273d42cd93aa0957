package org.openbds.ethereum.rpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.PrefetchingBlockStream;
import org.openbds.api.RetryPolicy;
import org.openbds.api.SourceBlock;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.concurrent.ConcurrentHashMap;
import org.openbds.ethereum.codec.EthBlockBundle;
import org.openbds.ethereum.codec.EthLog;
import org.openbds.ethereum.codec.EthPayload;
import org.openbds.ethereum.codec.EthReceipt;
import org.openbds.ethereum.codec.TraceStyle;
import org.openbds.ethereum.profile.EthChainProfile;
import org.openbds.ethereum.profile.RewardSchedule;
import org.openbds.ethereum.split.BalanceChange;
import org.openbds.ethereum.split.DecodedPayloads;
import org.openbds.ethereum.split.EthSourcePayload;
import org.openbds.ethereum.split.NativeBalanceChanges;
import org.openbds.ethereum.split.NodeFacts;
import org.openbds.ethereum.token.TokenHolding;
import org.openbds.ethereum.token.TokenMetadataReader;
import org.openbds.ethereum.token.TokenStandard;
import org.openbds.ethereum.token.TokenTransfer;
import org.openbds.ethereum.token.TokenTransferExtractor;

/**
 * The best chain of an Ethereum execution client, block by block: {@code eth_getBlockByNumber} with full
 * transactions, the receipts ({@code eth_getBlockReceipts}, or one {@code eth_getTransactionReceipt} per transaction
 * where a node lacks it) and the call traces ({@code trace_block} or {@code debug_traceBlockByNumber} with the
 * {@code callTracer}), all batched, up to {@link NodeSettings#concurrency()} batches in flight. The payload of each
 * {@link SourceBlock} is an {@link EthSourcePayload}: the node's answers plus the {@link NodeFacts} the splitter
 * needs from the node's state — the miners of included uncles, the opening balance (at the block before) of every
 * address this source has not delivered before, and the metadata calls ({@code eth_call} at the block) of token
 * contracts it has not delivered before. What "delivered before" means is forgotten from a height on whenever blocks
 * from that height are asked for again (a reorg), so a replaced branch gets its facts afresh.
 *
 * <p>A block the node does not have yet is a normal answer (the stream ends there). Receipts and traces are checked
 * to belong to the block fetched; when the node reorganized between the calls they do not, and the batch is fetched
 * again (a retryable {@link ErrorCode#NODE_LAGGING}).
 *
 * <p>Node option {@value #TRACES_OPTION}: {@code auto} (default: {@code trace_block} where the node has it, else
 * {@code debug_traceBlockByNumber}), {@code parity}, {@code geth} or {@code none}.
 */
public final class EthRpcBlockSource implements NodeSource {
  public static final String TRACES_OPTION = "traces";
  private static final TokenTransferExtractor TRANSFERS = new TokenTransferExtractor();
  static final int MAX_BATCH_BLOCKS = 100;
  /** About this many transactions per batch: receipts and traces grow with them. */
  static final int TARGET_BATCH_TRANSACTIONS = 4_000;
  private static final long POLL_MILLIS = 50;

  private final EthRpcClient rpc;
  private final RetryPolicy retry;
  private final int concurrency;
  private final TraceStyle traceStyle;
  private final ExecutorService fetchers;
  private final String endpoint;
  private final ObjectMapper json = new ObjectMapper();
  private final RewardSchedule rewards;
  private final DecodedPayloads decoded;
  /** Address → lowest height whose block carried its opening balance. */
  private final ConcurrentHashMap<String, Long> openedAt = new ConcurrentHashMap<>();
  /** Token contract → lowest height whose block carried its metadata answers. */
  private final ConcurrentHashMap<String, Long> tokensAt = new ConcurrentHashMap<>();
  /** Token contract → whether it had code at the block before the synced range (so its holdings predate the range). */
  private final ConcurrentHashMap<String, Boolean> olderThanRange = new ConcurrentHashMap<>();
  /** Holding key of a token older than the range → lowest height whose block carried its opening. */
  private final ConcurrentHashMap<String, Long> holdingsAt = new ConcurrentHashMap<>();
  /** The lowest height of the synced range, as the runtime declared it; -1 until then. */
  private volatile long declaredRangeStart = -1;
  /** The lowest height asked for, standing in for the range start when none was declared. */
  private final java.util.concurrent.atomic.AtomicLong lowestAsked = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
  private volatile boolean blockReceipts = true;
  /** Mean transactions per block so far, to size the next batches. */
  private volatile double meanTransactions = 50;

  EthRpcBlockSource(EthRpcClient rpc, RetryPolicy retry, int concurrency, TraceStyle traceStyle, RewardSchedule rewards, DecodedPayloads decoded) {
    this.rpc = requireNonNull(rpc, "rpc is null");
    this.rewards = requireNonNull(rewards, "rewards is null");
    this.decoded = requireNonNull(decoded, "decoded is null");
    this.retry = requireNonNull(retry, "retry is null");
    this.traceStyle = requireNonNull(traceStyle, "traceStyle is null");
    this.concurrency = concurrency;
    this.endpoint = rpc.endpoint().toString();
    AtomicInteger n = new AtomicInteger();
    this.fetchers =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "eth-fetch-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens a source for a network of a chain: checks that the node serves that network (its chain id) and detects the
   * node's trace API unless the settings name it. The blocks it decodes to read their facts are left in {@code decoded}
   * for a splitter of the same process.
   */
  public static EthRpcBlockSource open(NodeSettings settings, EthChainProfile profile, EthChainProfile.EthNetwork network, DecodedPayloads decoded) {
    settings.requireOnlyOptions("ethereum", Set.of(TRACES_OPTION));
    if (settings.cookieFile().isPresent()) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "Ethereum nodes have no cookie file: give credentials, if any, in the URL");
    }
    EthRpcClient rpc = EthRpcClient.fromUrl(settings.url(), settings.timeout());
    long chainId = settings.retry().call("eth_chainId at " + rpc.endpoint(), rpc::chainId);
    if (!network.chainIds().contains(chainId)) {
      String serves = profile.networks().values().stream().filter(n -> n.chainIds().contains(chainId)).map(EthChainProfile.EthNetwork::name).findFirst()
          .map(n -> "; it serves " + profile.chain() + " " + n + " (use --network " + n + ")").orElse("");
      throw new BdsException(ErrorCode.INVALID_CONFIG,
          rpc.endpoint() + " reports chain id " + chainId + ", not " + profile.chain() + " " + network.name() + " (chain id " + network.chainIds() + ")" + serves);
    }
    String traces = settings.options().getOrDefault(TRACES_OPTION, "auto");
    TraceStyle style;
    switch (traces) {
      case "parity" -> style = TraceStyle.PARITY;
      case "geth" -> style = TraceStyle.GETH;
      case "none" -> style = TraceStyle.NONE;
      case "auto" -> style = settings.retry().call("detecting the trace API of " + rpc.endpoint(), () -> detectTraceStyle(rpc));
      default -> throw new BdsException(ErrorCode.INVALID_CONFIG, "traces must be auto, parity, geth or none, got " + traces);
    }
    return new EthRpcBlockSource(rpc, settings.retry(), settings.concurrency(), style, network.rewards(), decoded);
  }

  /** The trace API the node answers: Parity-style where it has it, else Geth-style; an error when it has neither. */
  static TraceStyle detectTraceStyle(EthRpcClient rpc) {
    List<EthRpcClient.Answer> answers =
        rpc.batch(List.of(
            EthRpcClient.Call.of("trace_block", "0x0"),
            EthRpcClient.Call.of("debug_traceBlockByNumber", "0x0", Map.of("tracer", "callTracer"))));
    if (answers.get(0).error().map(e -> !unsupported(e)).orElse(true)) {
      return TraceStyle.PARITY;
    }
    if (answers.get(1).error().map(e -> !unsupported(e)).orElse(true)) {
      return TraceStyle.GETH;
    }
    throw new BdsException(ErrorCode.INVALID_CONFIG,
        rpc.endpoint() + " answers neither trace_block nor debug_traceBlockByNumber: internal transfers, and so native balances, "
            + "cannot be derived; enable a trace API on the node (e.g. Erigon/Reth --http.api trace, Geth --http.api debug) or sync with --traces none");
  }

  private static boolean unsupported(EthRpcClient.RpcError e) {
    String m = e.getMessage().toLowerCase(java.util.Locale.ROOT);
    return e.rpcCode() == EthRpcClient.METHOD_NOT_FOUND || m.contains("does not exist") || m.contains("not available") || m.contains("method not found");
  }

  public TraceStyle traceStyle() {
    return traceStyle;
  }

  public EthRpcClient client() {
    return rpc;
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  @Override
  public long tipHeight() {
    return retry.call("eth_blockNumber at " + endpoint, rpc::blockNumber);
  }

  @Override
  public Optional<Hash32> hashAt(long height) {
    return retry.call("eth_getBlockByNumber " + height + " at " + endpoint, () -> {
      JsonNode block = rpc.call("eth_getBlockByNumber", hex(height), false);
      return block.isNull() ? Optional.<Hash32>empty() : Optional.of(hash(block, "hash", "block " + height));
    });
  }

  @Override
  public long awaitNewTip(BlockRef known, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long knownHeight = known == null ? -1 : known.height();
    while (true) {
      long tip = tipHeight();
      if (tip > knownHeight || System.nanoTime() >= deadline) {
        return tip;
      }
      if (known != null && !hashAt(known.height()).equals(Optional.of(known.hash()))) {
        return tip;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return tip;
      }
    }
  }

  @Override
  public void rangeStartsAt(long height) {
    if (height < 0) {
      throw new IllegalArgumentException("range start " + height);
    }
    if (height != declaredRangeStart) {
      // which tokens predate the range depends on where it starts
      olderThanRange.clear();
      declaredRangeStart = height;
    }
  }

  private long rangeStart() {
    long declared = declaredRangeStart;
    return declared >= 0 ? declared : lowestAsked.get();
  }

  @Override
  public BlockStream blocks(long from, long to) {
    // blocks from here on may be on another branch than those delivered before: their facts are needed afresh
    openedAt.values().removeIf(h -> h >= from);
    tokensAt.values().removeIf(h -> h >= from);
    holdingsAt.values().removeIf(h -> h >= from);
    lowestAsked.accumulateAndGet(from, Math::min);
    return new PrefetchingBlockStream(fetchers, concurrency, from, to, this::batchBlocks, this::fetchWithRetry, endpoint);
  }

  private int batchBlocks() {
    return (int) Math.max(1, Math.min(MAX_BATCH_BLOCKS, TARGET_BATCH_TRANSACTIONS / Math.max(1, meanTransactions)));
  }

  private List<SourceBlock> fetchWithRetry(long from, int count) {
    return retry.call("blocks from " + from + " at " + endpoint, () -> fetch(from, count));
  }

  /** The blocks at {@code from} … {@code from + count - 1} with receipts and traces; fewer where the node's chain ends. */
  List<SourceBlock> fetch(long from, int count) {
    List<EthRpcClient.Call> blockCalls = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      blockCalls.add(EthRpcClient.Call.of("eth_getBlockByNumber", hex(from + i), true));
    }
    List<JsonNode> blocks = new ArrayList<>(count);
    List<EthPayload.Part> blockParts = new ArrayList<>(count);
    for (EthRpcClient.Answer a : rpc.batch(blockCalls)) {
      JsonNode b = a.get();
      if (b.isNull()) {
        break; // not there yet: the chain ends here for now
      }
      blocks.add(b);
      blockParts.add(new EthPayload.Part(b, a.resultBytes()));
    }
    if (blocks.isEmpty()) {
      return List.of();
    }
    List<EthPayload.Part> receipts = receipts(blocks);
    List<EthPayload.Part> traces = traces(blocks);
    List<SourceBlock> out = new ArrayList<>(blocks.size());
    long transactions = 0;
    for (int i = 0; i < blocks.size(); i++) {
      JsonNode block = blocks.get(i);
      long height = from + i;
      String origin = endpoint + " block " + height;
      Hash32 hash = hash(block, "hash", origin);
      checkSameBlock(origin, hash, receipts.get(i).tree());
      transactions += block.path("transactions").size();
      EthBlockBundle bundle = EthSourcePayload.bundle(block, receipts.get(i).tree(), traceStyle, traces.get(i).tree(), origin);
      NodeFacts facts = facts(bundle, origin);
      // the node's answers go into the payload as the node sent them
      byte[] payload = EthSourcePayload.encode(blockParts.get(i), receipts.get(i), traceStyle, traces.get(i), facts);
      decoded.put(payload, new EthSourcePayload(bundle, facts));
      out.add(new SourceBlock(height, hash, hash(block, "parentHash", origin), payload, origin));
    }
    meanTransactions = (meanTransactions + (double) transactions / blocks.size()) / 2;
    return out;
  }

  /** Reads from the node what the splitter will need beyond the block: uncle miners, opening balances, token metadata. */
  private NodeFacts facts(EthBlockBundle bundle, String origin) {
    long number = bundle.block().number();
    List<NativeBalanceChanges.Uncle> uncles = uncles(bundle, origin);
    Set<String> touched = new LinkedHashSet<>();
    for (BalanceChange c : NativeBalanceChanges.of(bundle, uncles, rewards)) {
      touched.add(c.address());
    }
    List<String> newAddresses = new ArrayList<>();
    for (String a : touched) {
      if (openedAt.merge(a, number, Math::min) == number) {
        newAddresses.add(a);
      }
    }
    Map<String, BigInteger> openings = new LinkedHashMap<>();
    if (!newAddresses.isEmpty()) {
      List<EthRpcClient.Call> calls = new ArrayList<>();
      for (String a : newAddresses) {
        calls.add(EthRpcClient.Call.of("eth_getBalance", a, number == 0 ? "0x0" : hex(number - 1)));
      }
      List<EthRpcClient.Answer> answers = rpc.batch(calls);
      for (int i = 0; i < newAddresses.size(); i++) {
        // before genesis every balance is nothing: genesis allocations are the block's own changes there
        openings.put(newAddresses.get(i), number == 0 ? BigInteger.ZERO : wei(answers.get(i).get(), "eth_getBalance " + newAddresses.get(i), origin));
      }
    }
    Set<String> tokens = new LinkedHashSet<>();
    List<TokenTransfer> transfers = new ArrayList<>();
    for (EthReceipt r : bundle.receipts()) {
      for (EthLog log : r.logs()) {
        List<TokenTransfer> found = TRANSFERS.extract(log).transfers();
        if (!found.isEmpty()) {
          tokens.add(log.address());
          transfers.addAll(found);
        }
      }
    }
    Map<String, NodeFacts.TokenCalls> tokenCalls = new LinkedHashMap<>();
    List<String> newTokens = new ArrayList<>();
    for (String t : tokens) {
      if (tokensAt.merge(t, number, Math::min) == number) {
        newTokens.add(t);
      }
    }
    if (!newTokens.isEmpty()) {
      List<String> selectors = List.of(TokenMetadataReader.NAME, TokenMetadataReader.SYMBOL, TokenMetadataReader.DECIMALS, TokenMetadataReader.TOTAL_SUPPLY);
      List<EthRpcClient.Call> calls = new ArrayList<>();
      for (String t : newTokens) {
        for (String selector : selectors) {
          calls.add(EthRpcClient.Call.of("eth_call", Map.of("to", t, "data", selector), hex(number)));
        }
      }
      List<EthRpcClient.Answer> answers = rpc.batch(calls);
      for (int i = 0; i < newTokens.size(); i++) {
        List<Optional<String>> a = new ArrayList<>();
        for (int k = 0; k < selectors.size(); k++) {
          EthRpcClient.Answer answer = answers.get(i * selectors.size() + k);
          // a revert or any other error answer means the contract does not tell; that is recorded as unknown
          a.add(answer.error().isPresent() || !answer.result().isTextual() ? Optional.empty() : Optional.of(answer.result().asText()));
        }
        tokenCalls.put(newTokens.get(i), new NodeFacts.TokenCalls(a.get(0), a.get(1), a.get(2), a.get(3)));
      }
    }
    return new NodeFacts(uncles, openings, tokenCalls, tokenOpenings(number, tokens, transfers, origin));
  }

  /**
   * The holdings at the block before of tokens older than the synced range (they had code at the block before its
   * start, or at genesis), for each holding the block touches that this source has not delivered before. Younger
   * contracts need none: every holding they have was made by a transfer within the range.
   */
  private Map<String, NodeFacts.TokenOpening> tokenOpenings(long number, Set<String> tokens, List<TokenTransfer> transfers, String origin) {
    if (transfers.isEmpty()) {
      return Map.of();
    }
    List<String> unknown = tokens.stream().filter(t -> !olderThanRange.containsKey(t)).toList();
    if (!unknown.isEmpty()) {
      String before = hex(Math.max(0, rangeStart() - 1));
      List<EthRpcClient.Call> calls = new ArrayList<>();
      for (String t : unknown) {
        calls.add(EthRpcClient.Call.of("eth_getCode", t, before));
      }
      List<EthRpcClient.Answer> answers = rpc.batch(calls);
      for (int i = 0; i < unknown.size(); i++) {
        JsonNode code = answers.get(i).get();
        if (!code.isTextual() || !code.asText().startsWith("0x")) {
          throw EthRpcClient.malformed(origin + " eth_getCode " + unknown.get(i), "not hex bytes: " + code);
        }
        olderThanRange.putIfAbsent(unknown.get(i), code.asText().length() > 2);
      }
    }
    List<TokenHolding> fresh = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (TokenTransfer t : transfers) {
      if (!olderThanRange.getOrDefault(t.tokenAddress(), false)) {
        continue;
      }
      for (TokenHolding h : TokenHolding.changedBy(t)) {
        if (seen.add(h.key()) && holdingsAt.merge(h.key(), number, Math::min) == number) {
          fresh.add(h);
        }
      }
    }
    if (fresh.isEmpty()) {
      return Map.of();
    }
    List<EthRpcClient.Call> calls = new ArrayList<>();
    for (TokenHolding h : fresh) {
      calls.add(EthRpcClient.Call.of("eth_call", Map.of("to", h.token(), "data", h.callData()), hex(number - 1)));
    }
    List<EthRpcClient.Answer> answers = rpc.batch(calls);
    Map<String, NodeFacts.TokenOpening> out = new LinkedHashMap<>();
    for (int i = 0; i < fresh.size(); i++) {
      TokenHolding h = fresh.get(i);
      EthRpcClient.Answer a = answers.get(i);
      Optional<TokenHolding.Held> held;
      if (a.error().isPresent()) {
        requireContractFailure(a.error().get(), h, number - 1, origin);
        // a contract that fails the call does not tell, except that an ERC-721 id without an owner makes ownerOf revert
        held = h.standard() == TokenStandard.ERC721 ? Optional.of(h.nobody()) : Optional.empty();
      } else {
        held = a.result().isTextual() ? h.read(a.result().asText()) : Optional.empty();
      }
      out.put(h.key(), new NodeFacts.TokenOpening(h, held));
    }
    return out;
  }

  /**
   * Lets an error answer to a holding call pass as the contract's own failure (a revert, an invalid opcode, running out
   * of gas), and throws when it is the node that cannot run the call: a node without the state of that block (not an
   * archive node) would otherwise make every holding look unknown.
   */
  private static void requireContractFailure(EthRpcClient.RpcError e, TokenHolding h, long height, String origin) {
    String m = e.getMessage().toLowerCase(java.util.Locale.ROOT);
    if (m.contains("missing trie node") || m.contains("header not found") || m.contains("unknown block") || m.contains("not available")
        || m.contains("unavailable") || m.contains("pruned") || m.contains("historical state")) {
      throw new BdsException(ErrorCode.NODE_ERROR,
          origin + ": the node cannot read token " + h.token() + " at block " + height + " (" + e.getMessage() + "); a sync that starts in"
              + " the middle of a chain reads the holdings of older tokens at the block before they are first touched, which needs an"
              + " archive node");
    }
  }

  private List<NativeBalanceChanges.Uncle> uncles(EthBlockBundle bundle, String origin) {
    int count = bundle.block().uncles().size();
    if (count == 0) {
      return List.of();
    }
    List<EthRpcClient.Call> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      calls.add(EthRpcClient.Call.of("eth_getUncleByBlockHashAndIndex", "0x" + bundle.block().hash(), hex(i)));
    }
    List<NativeBalanceChanges.Uncle> out = new ArrayList<>();
    List<EthRpcClient.Answer> answers = rpc.batch(calls);
    for (int i = 0; i < count; i++) {
      JsonNode u = answers.get(i).get();
      if (u.isNull()) {
        throw new BdsException(ErrorCode.NODE_LAGGING, origin + ": the node no longer has uncle " + i + " of the block");
      }
      String miner = u.path("miner").asText("");
      if (!miner.matches("0x[0-9a-fA-F]{40}")) {
        throw EthRpcClient.malformed(origin, "uncle " + i + " has no miner address: " + u.path("miner"));
      }
      out.add(new NativeBalanceChanges.Uncle(EthRpcClient.quantity("uncle number", u.path("number")), miner.toLowerCase(java.util.Locale.ROOT)));
    }
    return out;
  }

  private static BigInteger wei(JsonNode value, String what, String origin) {
    String s = value.asText("");
    if (!value.isTextual() || !s.matches("0x[0-9a-fA-F]{1,64}")) {
      throw EthRpcClient.malformed(origin + " " + what, "not a hex quantity: " + value);
    }
    return new BigInteger(s.substring(2), 16);
  }

  private List<EthPayload.Part> receipts(List<JsonNode> blocks) {
    if (blockReceipts) {
      List<EthRpcClient.Call> calls = new ArrayList<>(blocks.size());
      for (JsonNode b : blocks) {
        calls.add(EthRpcClient.Call.of("eth_getBlockReceipts", b.get("number").asText()));
      }
      List<EthRpcClient.Answer> answers = rpc.batch(calls);
      if (answers.stream().noneMatch(a -> a.error().filter(EthRpcBlockSource::unsupported).isPresent())) {
        List<EthPayload.Part> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < answers.size(); i++) {
          JsonNode r = answers.get(i).get();
          if (!r.isArray()) {
            throw new BdsException(ErrorCode.NODE_LAGGING, "eth_getBlockReceipts " + blocks.get(i).get("number").asText() + " at " + endpoint + ": no receipts yet");
          }
          out.add(new EthPayload.Part(r, answers.get(i).resultBytes()));
        }
        return out;
      }
      blockReceipts = false; // the node lacks it: one receipt per transaction from now on
    }
    List<EthRpcClient.Call> calls = new ArrayList<>();
    for (JsonNode b : blocks) {
      for (JsonNode tx : b.path("transactions")) {
        calls.add(EthRpcClient.Call.of("eth_getTransactionReceipt", tx.path("hash").asText()));
      }
    }
    List<EthRpcClient.Answer> answers = rpc.batch(calls);
    List<EthPayload.Part> out = new ArrayList<>(blocks.size());
    int next = 0;
    for (JsonNode b : blocks) {
      ArrayNode list = json.createArrayNode();
      for (int i = 0; i < b.path("transactions").size(); i++) {
        JsonNode r = answers.get(next++).get();
        if (r.isNull()) {
          throw new BdsException(ErrorCode.NODE_LAGGING, "eth_getTransactionReceipt at " + endpoint + ": no receipt yet for a transaction of block " + b.get("number").asText());
        }
        list.add(r);
      }
      out.add(EthPayload.Part.of(list));
    }
    return out;
  }

  private List<EthPayload.Part> traces(List<JsonNode> blocks) {
    if (traceStyle == TraceStyle.NONE) {
      return java.util.Collections.nCopies(blocks.size(), EthPayload.Part.of(json.nullNode()));
    }
    List<EthRpcClient.Call> calls = new ArrayList<>(blocks.size());
    for (JsonNode b : blocks) {
      String number = b.get("number").asText();
      calls.add(traceStyle == TraceStyle.PARITY
          ? EthRpcClient.Call.of("trace_block", number)
          : EthRpcClient.Call.of("debug_traceBlockByNumber", number, Map.of("tracer", "callTracer")));
    }
    List<EthPayload.Part> out = new ArrayList<>(blocks.size());
    List<EthRpcClient.Answer> answers = rpc.batch(calls);
    for (int i = 0; i < answers.size(); i++) {
      JsonNode t = answers.get(i).get();
      if (!t.isArray()) {
        throw new BdsException(ErrorCode.NODE_LAGGING, calls.get(i).method() + " " + blocks.get(i).get("number").asText() + " at " + endpoint + ": no traces yet");
      }
      if (traceStyle == TraceStyle.PARITY) {
        String expected = blocks.get(i).get("hash").asText();
        for (JsonNode trace : t) {
          if (trace.hasNonNull("blockHash") && !trace.get("blockHash").asText().equalsIgnoreCase(expected)) {
            throw new BdsException(ErrorCode.NODE_LAGGING, "trace_block at " + endpoint + ": the node reorganized while block " + blocks.get(i).get("number").asText() + " was fetched");
          }
        }
      } else if (!gethTracesOf(blocks.get(i), t)) {
        throw new BdsException(ErrorCode.NODE_LAGGING, "debug_traceBlockByNumber at " + endpoint + ": the node reorganized while block " + blocks.get(i).get("number").asText() + " was fetched");
      }
      out.add(new EthPayload.Part(t, answers.get(i).resultBytes()));
    }
    return out;
  }

  /**
   * Whether Geth's traces can be those of {@code block}: they carry no block hash, but one entry per transaction, each
   * naming its transaction ({@code txHash}) where the node sends it.
   */
  private static boolean gethTracesOf(JsonNode block, JsonNode traces) {
    JsonNode transactions = block.path("transactions");
    if (traces.size() != transactions.size()) {
      return false;
    }
    Set<String> hashes = new java.util.HashSet<>();
    for (JsonNode tx : transactions) {
      hashes.add(tx.path("hash").asText().toLowerCase(java.util.Locale.ROOT));
    }
    for (JsonNode trace : traces) {
      if (trace.hasNonNull("txHash") && !hashes.contains(trace.get("txHash").asText().toLowerCase(java.util.Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }

  private void checkSameBlock(String origin, Hash32 hash, JsonNode receipts) {
    for (JsonNode r : receipts) {
      if (r.hasNonNull("blockHash") && !r.get("blockHash").asText().equalsIgnoreCase("0x" + hash)) {
        throw new BdsException(ErrorCode.NODE_LAGGING, origin + ": the node reorganized while the block and its receipts were fetched");
      }
    }
  }

  private static Hash32 hash(JsonNode object, String field, String origin) {
    String s = object.path(field).asText("");
    if (!s.startsWith("0x") || s.length() != 66) {
      throw EthRpcClient.malformed(origin, field + " is not a 32-byte hash: " + object.path(field));
    }
    try {
      return Hash32.parse(s.substring(2));
    } catch (BdsException e) {
      throw EthRpcClient.malformed(origin, field + " is not a 32-byte hash: " + s);
    }
  }

  static String hex(long quantity) {
    return "0x" + Long.toHexString(quantity);
  }

  @Override
  public void close() {
    fetchers.shutdownNow();
  }

}
