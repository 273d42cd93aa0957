package org.openbds.ethereum.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written Ethereum JSON-RPC node on a loopback port. It serves a chain of plain value-transfer blocks that a
 * test builds ({@link #mine}), replaces from a height (a reorg, {@link #reorg}) and asks about ({@link #hash}, {@link
 * #balance}); it records every request, and injects faults on request: no {@code eth_getBlockReceipts}, a change of
 * the chain just before the first call of a method, answers cut short, and a hold that keeps the first requests
 * waiting until enough of them are in flight together.
 *
 * <p>Blocks are numbered from 0 without gaps; every transfer pays {@link #TRANSFER_GAS} gas at {@link #GAS_PRICE} wei.
 * Traces, Parity-style ({@code trace_block}) or Geth-style ({@code debug_traceBlockByNumber}), are one call per
 * transaction.
 */
final class FakeEthNode implements AutoCloseable {
  static final long GAS_PRICE = 1_000_000_000L;
  static final long TRANSFER_GAS = 21_000;
  static final String MINER = address(0xbeef);

  /** A plain transfer of {@code wei} from one account to another. */
  record Transfer(String from, String to, long wei) {}

  /** An ERC-20 {@code Transfer} event, logged in the receipt of the block's first transaction. */
  record TokenMove(String token, String from, String to, long amount) {}

  private record Block(long number, int branch, String miner, List<String> uncleMiners, List<Transfer> transfers, List<TokenMove> tokenMoves) {}

  private static final String TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
  private static final String BALANCE_OF = "0x70a08231";

  private final ObjectMapper json = new ObjectMapper();
  private final List<Block> chain = new ArrayList<>(); // guarded by this
  private int branch; // guarded by this
  private final List<List<JsonNode>> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Map<String, Runnable> beforeFirstCall = new ConcurrentHashMap<>();
  /** Token contract → the first height at which it has code. */
  private final Map<String, Long> tokenCode = new ConcurrentHashMap<>();
  /** Token contract → the error its balanceOf answers with, [code, message]. */
  private final Map<String, Object[]> balanceOfErrors = new ConcurrentHashMap<>();
  private volatile boolean blockReceipts = true;
  private volatile String truncatedMethod = "";
  private volatile CountDownLatch hold = new CountDownLatch(0);
  private final ExecutorService handlers = Executors.newFixedThreadPool(8);
  private final HttpServer server;

  FakeEthNode() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // more handler threads than any test's concurrency, so that too many requests at once would be seen
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static String address(long n) {
    return String.format("0x%040x", n);
  }

  // ---- the chain

  /** Appends a block by {@link #MINER} without uncles. */
  void mine(Transfer... transfers) {
    mine(MINER, List.of(), transfers);
  }

  /** Appends a block; its uncle {@code i} is at the height {@code i + 1} below it. */
  synchronized void mine(String miner, List<String> uncleMiners, Transfer... transfers) {
    chain.add(new Block(chain.size(), branch, miner, List.copyOf(uncleMiners), List.of(transfers), List.of()));
  }

  /** Appends a block by {@link #MINER} whose first transaction logs {@code moves}. */
  synchronized void mine(List<TokenMove> moves, Transfer... transfers) {
    if (transfers.length == 0) {
      throw new IllegalArgumentException("token moves need a transaction to log them");
    }
    chain.add(new Block(chain.size(), branch, MINER, List.of(), List.of(transfers), List.copyOf(moves)));
  }

  /** Gives {@code token} code from {@code height} on (its creation). */
  void token(String token, long height) {
    tokenCode.put(token, height);
  }

  /** Makes {@code token}'s balanceOf answer with a JSON-RPC error. */
  void balanceOfFails(String token, int code, String message) {
    balanceOfErrors.put(token, new Object[] {code, message});
  }

  /** What a token's {@code balanceOf(holder)} answers at {@code height}. */
  static BigInteger tokenBalance(String holder, long height) {
    return new BigInteger(holder.substring(2), 16).multiply(BigInteger.valueOf(1_000)).add(BigInteger.valueOf(height));
  }

  /** Drops the blocks from {@code height} on; blocks mined from now on are on a new branch (other hashes). */
  synchronized void reorg(long height) {
    chain.subList((int) height, chain.size()).clear();
    branch++;
  }

  synchronized long tip() {
    return chain.size() - 1;
  }

  /** The hash of the block at {@code height}, {@code 0x} and 64 hex digits. */
  synchronized String hash(long height) {
    return blockHash(chain.get((int) height));
  }

  synchronized String transactionHash(long height, int index) {
    return transactionHash(chain.get((int) height), index);
  }

  /** What the node answers to {@code eth_getBalance(address, height)}. */
  static BigInteger balance(String address, long height) {
    return new BigInteger(address.substring(2), 16).shiftLeft(32).add(BigInteger.valueOf(height));
  }

  // ---- faults

  void withoutBlockReceipts() {
    blockReceipts = false;
  }

  /** Runs {@code change} once, just before the node answers the first call of {@code method}. */
  void beforeFirstCall(String method, Runnable change) {
    beforeFirstCall.put(method, change);
  }

  /** Cuts in half every answer to a request holding a call of {@code method}. */
  void truncateAnswersTo(String method) {
    truncatedMethod = method;
  }

  /**
   * Holds the next {@code requests} requests until all of them are in flight together, or for at most 5 s (less than
   * the tests' request timeout, so that too few requests at once fail as such).
   */
  void holdUntilInFlight(int requests) {
    hold = new CountDownLatch(requests);
  }

  // ---- what the node was asked

  /** The most requests the node was handling at once (counted from receipt of a request until its answer starts). */
  int maxInFlight() {
    return maxInFlight.get();
  }

  /** The number of calls in each request that held a call of {@code method}, in order of arrival. */
  List<Integer> batchSizes(String method) {
    return requests.stream().filter(r -> r.stream().anyMatch(c -> method(c).equals(method))).map(List::size).toList();
  }

  /** The parameters of every call of {@code method}, in order of arrival. */
  List<JsonNode> params(String method) {
    return requests.stream().flatMap(List::stream).filter(c -> method(c).equals(method)).map(c -> c.get("params")).toList();
  }

  void forgetRequests() {
    requests.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }

  // ---- serving

  private void handle(HttpExchange exchange) throws IOException {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    byte[] body;
    try {
      JsonNode request = json.readTree(exchange.getRequestBody());
      List<JsonNode> calls = new ArrayList<>();
      (request.isArray() ? request : json.createArrayNode().add(request)).forEach(calls::add);
      requests.add(calls);
      CountDownLatch held = hold;
      held.countDown();
      held.await(5, TimeUnit.SECONDS);
      calls.stream().map(c -> beforeFirstCall.remove(method(c))).filter(r -> r != null).forEach(Runnable::run);
      JsonNode answer;
      if (request.isArray()) {
        ArrayNode answers = json.createArrayNode();
        calls.forEach(c -> answers.add(answer(c)));
        answer = answers;
      } else {
        answer = answer(request);
      }
      body = json.writeValueAsBytes(answer);
      if (calls.stream().anyMatch(c -> method(c).equals(truncatedMethod))) {
        body = Arrays.copyOf(body, body.length / 2);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      body = new byte[0];
    } finally {
      // before the answer leaves: a client's next request must not overlap this one in the count
      inFlight.decrementAndGet();
    }
    exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String method(JsonNode call) {
    return call.path("method").asText();
  }

  private synchronized ObjectNode answer(JsonNode call) {
    ObjectNode a = json.createObjectNode().put("jsonrpc", "2.0");
    a.set("id", call.get("id"));
    JsonNode p = call.path("params");
    switch (method(call)) {
      case "eth_blockNumber" -> a.put("result", hex(chain.size() - 1));
      case "eth_getBlockByNumber" -> a.set("result", atHeight(p.get(0)) == null ? NullNode.getInstance() : block(atHeight(p.get(0)), p.get(1).asBoolean()));
      case "eth_getBlockReceipts" -> {
        if (!blockReceipts) {
          return unknownMethod(a, call);
        }
        Block b = atHeight(p.get(0));
        a.set("result", b == null ? NullNode.getInstance() : receipts(b));
      }
      case "eth_getTransactionReceipt" -> {
        a.putNull("result");
        for (Block b : chain) {
          for (int i = 0; i < b.transfers().size(); i++) {
            if (transactionHash(b, i).equals(p.get(0).asText())) {
              a.set("result", receipt(b, i));
            }
          }
        }
      }
      case "trace_block" -> {
        Block b = atHeight(p.get(0));
        a.set("result", b == null ? NullNode.getInstance() : parityTraces(b));
      }
      case "debug_traceBlockByNumber" -> {
        Block b = atHeight(p.get(0));
        a.set("result", b == null ? NullNode.getInstance() : gethTraces(b));
      }
      case "eth_getUncleByBlockHashAndIndex" -> {
        a.putNull("result");
        int index = (int) quantity(p.get(1));
        for (Block b : chain) {
          if (blockHash(b).equals(p.get(0).asText()) && index < b.uncleMiners().size()) {
            a.putObject("result").put("number", hex(b.number() - 1 - index)).put("hash", uncleHash(b, index)).put("miner", b.uncleMiners().get(index));
          }
        }
      }
      case "eth_getBalance" -> a.put("result", "0x" + balance(p.get(0).asText(), quantity(p.get(1))).toString(16));
      case "eth_getCode" -> {
        Long created = tokenCode.get(p.get(0).asText());
        a.put("result", created != null && quantity(p.get(1)) >= created ? "0x6080604052" : "0x");
      }
      case "eth_call" -> {
        String to = p.get(0).path("to").asText();
        String data = p.get(0).path("data").asText();
        Object[] error = balanceOfErrors.get(to);
        if (data.startsWith(BALANCE_OF) && error == null) {
          a.put("result", String.format("0x%064x", tokenBalance("0x" + data.substring(data.length() - 40), quantity(p.get(1)))));
        } else if (data.startsWith(BALANCE_OF)) {
          a.putObject("error").put("code", (Integer) error[0]).put("message", (String) error[1]);
        } else {
          // name(), symbol(), decimals(), totalSupply(): this token tells none of them
          a.putObject("error").put("code", 3).put("message", "execution reverted");
        }
      }
      default -> unknownMethod(a, call);
    }
    return a;
  }

  private ObjectNode unknownMethod(ObjectNode a, JsonNode call) {
    a.putObject("error").put("code", EthRpcClient.METHOD_NOT_FOUND).put("message", "the method " + method(call) + " does not exist/is not available");
    return a;
  }

  private Block atHeight(JsonNode tag) {
    long height = quantity(tag);
    return height < chain.size() ? chain.get((int) height) : null;
  }

  private ObjectNode block(Block b, boolean fullTransactions) {
    ObjectNode o = json.createObjectNode();
    o.put("number", hex(b.number()));
    o.put("hash", blockHash(b));
    o.put("parentHash", b.number() == 0 ? hash(0, 0, 0, 0) : blockHash(chain.get((int) b.number() - 1)));
    o.put("nonce", "0x0000000000000000");
    o.put("sha3Uncles", hash(2, b.branch(), b.number(), 0));
    o.put("logsBloom", "0x" + "00".repeat(256));
    o.put("transactionsRoot", hash(3, b.branch(), b.number(), 0));
    o.put("stateRoot", hash(4, b.branch(), b.number(), 0));
    o.put("receiptsRoot", hash(5, b.branch(), b.number(), 0));
    o.put("miner", b.miner());
    o.put("difficulty", "0x1");
    o.put("size", "0x220");
    o.put("extraData", "0x");
    o.put("gasLimit", hex(30_000_000));
    o.put("gasUsed", hex(TRANSFER_GAS * b.transfers().size()));
    o.put("timestamp", hex(1_700_000_000L + 12 * b.number()));
    ArrayNode uncles = o.putArray("uncles");
    for (int i = 0; i < b.uncleMiners().size(); i++) {
      uncles.add(uncleHash(b, i));
    }
    ArrayNode transactions = o.putArray("transactions");
    for (int i = 0; i < b.transfers().size(); i++) {
      Transfer t = b.transfers().get(i);
      if (!fullTransactions) {
        transactions.add(transactionHash(b, i));
        continue;
      }
      transactions.addObject()
          .put("hash", transactionHash(b, i)).put("nonce", hex(i)).put("transactionIndex", hex(i))
          .put("blockHash", blockHash(b)).put("blockNumber", hex(b.number()))
          .put("from", t.from()).put("to", t.to()).put("value", hex(t.wei()))
          .put("gas", hex(TRANSFER_GAS)).put("gasPrice", hex(GAS_PRICE)).put("input", "0x").put("type", "0x0");
    }
    return o;
  }

  private ArrayNode receipts(Block b) {
    ArrayNode out = json.createArrayNode();
    for (int i = 0; i < b.transfers().size(); i++) {
      out.add(receipt(b, i));
    }
    return out;
  }

  private ObjectNode receipt(Block b, int i) {
    Transfer t = b.transfers().get(i);
    ObjectNode r = json.createObjectNode()
        .put("transactionHash", transactionHash(b, i)).put("transactionIndex", hex(i))
        .put("blockHash", blockHash(b)).put("blockNumber", hex(b.number()))
        .put("from", t.from()).put("to", t.to())
        .put("cumulativeGasUsed", hex(TRANSFER_GAS * (i + 1))).put("gasUsed", hex(TRANSFER_GAS))
        .put("effectiveGasPrice", hex(GAS_PRICE)).put("status", "0x1").put("logsBloom", "0x" + "00".repeat(256));
    ArrayNode logs = r.putArray("logs");
    for (int k = 0; i == 0 && k < b.tokenMoves().size(); k++) {
      TokenMove m = b.tokenMoves().get(k);
      ObjectNode log = logs.addObject()
          .put("address", m.token()).put("data", String.format("0x%064x", m.amount())).put("logIndex", hex(k))
          .put("transactionIndex", hex(i)).put("transactionHash", transactionHash(b, i))
          .put("blockHash", blockHash(b)).put("blockNumber", hex(b.number())).put("removed", false);
      log.putArray("topics").add(TRANSFER_TOPIC).add(word(m.from())).add(word(m.to()));
    }
    return r;
  }

  private ArrayNode parityTraces(Block b) {
    ArrayNode out = json.createArrayNode();
    for (int i = 0; i < b.transfers().size(); i++) {
      Transfer t = b.transfers().get(i);
      ObjectNode trace = out.addObject();
      trace.putObject("action").put("callType", "call").put("from", t.from()).put("to", t.to())
          .put("gas", hex(0)).put("input", "0x").put("value", hex(t.wei()));
      trace.put("blockHash", blockHash(b)).put("blockNumber", b.number());
      trace.putObject("result").put("gasUsed", hex(0)).put("output", "0x");
      trace.put("subtraces", 0);
      trace.putArray("traceAddress");
      trace.put("transactionHash", transactionHash(b, i)).put("transactionPosition", i).put("type", "call");
    }
    return out;
  }

  /** Geth's {@code callTracer} answer: one call tree per transaction, named by its hash. */
  private ArrayNode gethTraces(Block b) {
    ArrayNode out = json.createArrayNode();
    for (int i = 0; i < b.transfers().size(); i++) {
      Transfer t = b.transfers().get(i);
      ObjectNode entry = out.addObject().put("txHash", transactionHash(b, i));
      entry.putObject("result").put("type", "CALL").put("from", t.from()).put("to", t.to()).put("value", hex(t.wei()))
          .put("gas", hex(TRANSFER_GAS)).put("gasUsed", hex(TRANSFER_GAS)).put("input", "0x");
    }
    return out;
  }

  private static String word(String address) {
    return "0x" + "0".repeat(24) + address.substring(2);
  }

  private static String blockHash(Block b) {
    return hash(1, b.branch(), b.number(), 0);
  }

  private static String transactionHash(Block b, int index) {
    return hash(6, b.branch(), b.number(), index);
  }

  private static String uncleHash(Block b, int index) {
    return hash(7, b.branch(), b.number(), index);
  }

  /** A made-up hash, distinct for each kind of object, branch, height and index. */
  private static String hash(int kind, int branch, long height, int index) {
    return String.format("0x%08x%024x%016x%016x", kind, branch, height, index);
  }

  private static String hex(long quantity) {
    return "0x" + Long.toHexString(quantity);
  }

  private static long quantity(JsonNode hex) {
    return Long.parseLong(hex.asText().substring(2), 16);
  }
}
