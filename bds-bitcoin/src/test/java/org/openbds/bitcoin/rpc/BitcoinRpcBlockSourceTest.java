package org.openbds.bitcoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.RetryPolicy;
import org.openbds.api.SourceBlock;
import org.openbds.bitcoin.codec.DoubleSha256;

/**
 * The RPC block source against a hand-written fake node: a chain of header-only blocks it can replace (a reorg) or
 * shorten, and faults it injects on request (busy answers, a node that is starting, garbage).
 */
class BitcoinRpcBlockSourceTest {
  private final ObjectMapper json = new ObjectMapper();
  private final List<byte[]> chain = new CopyOnWriteArrayList<>();
  private final AtomicInteger busyAnswers = new AtomicInteger();
  private final AtomicInteger warmupAnswers = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile boolean garbage;
  private volatile boolean waitSupported = true;
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    extend(0, 120);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      JsonNode request = json.readTree(exchange.getRequestBody());
      int status = 200;
      String answer;
      if (busyAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        status = 503;
        answer = "Work queue depth exceeded";
      } else if (warmupAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        status = 500;
        answer = "{\"result\":null,\"error\":{\"code\":-28,\"message\":\"Loading block index...\"},\"id\":1}";
      } else if (request.isArray()) {
        ArrayNode out = json.createArrayNode();
        for (JsonNode r : request) {
          out.add(answer(r));
        }
        answer = json.writeValueAsString(out);
      } else {
        ObjectNode a = answer(request);
        status = a.get("error").isNull() ? 200 : 500;
        answer = json.writeValueAsString(a);
      }
      if (garbage && answer.contains("\"result\":\"0")) {
        answer = answer.substring(0, answer.length() - 7);
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(bytes);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Replaces the chain above {@code keep} blocks with {@code count} new blocks marked {@code branch}. */
  private void extend(int branch, int count) {
    for (int i = 0; i < count; i++) {
      byte[] header = new byte[80 + 1 + (chain.size() % 7) * 100];
      if (!chain.isEmpty()) {
        System.arraycopy(hashOf(chain.get(chain.size() - 1)).toBytes(), 0, header, 4, 32);
        reverse(header, 4);
      }
      header[0] = (byte) branch;
      header[76] = (byte) chain.size();
      header[77] = (byte) (chain.size() >> 8);
      chain.add(header);
    }
  }

  private static void reverse(byte[] b, int offset) {
    for (int i = 0; i < 16; i++) {
      byte t = b[offset + i];
      b[offset + i] = b[offset + 31 - i];
      b[offset + 31 - i] = t;
    }
  }

  private static Hash32 hashOf(byte[] block) {
    return Hash32.fromWireOrder(new DoubleSha256().hash(block, 0, 80), 0);
  }

  private ObjectNode answer(JsonNode r) {
    ObjectNode a = json.createObjectNode();
    a.set("id", r.get("id"));
    a.putNull("error");
    String method = r.get("method").asText();
    JsonNode p = r.get("params");
    switch (method) {
      case "getblockcount" -> a.put("result", chain.size() - 1);
      case "getblockhash" -> {
        int h = p.get(0).asInt();
        if (h >= chain.size()) {
          a.putNull("result");
          a.set("error", json.createObjectNode().put("code", -8).put("message", "Block height out of range"));
        } else {
          a.put("result", hashOf(chain.get(h)).toHex());
        }
      }
      case "getblock" -> {
        Hash32 wanted = Hash32.parse(p.get(0).asText());
        a.putNull("result");
        for (byte[] b : chain) {
          if (hashOf(b).equals(wanted)) {
            a.put("result", HexFormat.of().formatHex(b));
          }
        }
      }
      case "waitforblockheight" -> {
        if (!waitSupported) {
          a.putNull("result");
          a.set("error", json.createObjectNode().put("code", -32601).put("message", "Method not found"));
        } else {
          a.set("result", json.createObjectNode().put("height", chain.size() - 1).put("hash", hashOf(chain.get(chain.size() - 1)).toHex()));
        }
      }
      default -> {
        a.putNull("result");
        a.set("error", json.createObjectNode().put("code", -32601).put("message", "Method not found"));
      }
    }
    return a;
  }

  private NodeSource source(int concurrency, RetryPolicy retry) {
    return BitcoinRpcBlockSource.open(
        new NodeSettings("http://u:p@127.0.0.1:" + server.getAddress().getPort(), Optional.empty(), Duration.ofSeconds(5), concurrency, retry));
  }

  private static List<SourceBlock> drain(NodeSource.BlockStream stream) {
    List<SourceBlock> out = new ArrayList<>();
    stream.forEachRemaining(out::add);
    stream.close();
    return out;
  }

  @Test
  void deliversTheChainInHeightOrderAcrossConcurrentBatches() {
    try (NodeSource s = source(3, RetryPolicy.none())) {
      assertThat(s.tipHeight()).isEqualTo(119);
      List<SourceBlock> blocks = drain(s.blocks(5, 119));
      assertThat(blocks).hasSize(115);
      for (int i = 0; i < blocks.size(); i++) {
        SourceBlock b = blocks.get(i);
        assertThat(b.height()).isEqualTo(5 + i);
        assertThat(b.hash()).isEqualTo(hashOf(chain.get(5 + i)));
        assertThat(b.parent()).isEqualTo(hashOf(chain.get(4 + i)));
        assertThat(b.payload()).isEqualTo(chain.get(5 + i));
        assertThat(b.origin()).contains("block " + (5 + i));
      }
      assertThat(s.hashAt(119)).contains(hashOf(chain.get(119)));
      assertThat(s.hashAt(120)).isEmpty();
    }
  }

  @Test
  void endsWhereTheNodesChainEnds() {
    try (NodeSource s = source(2, RetryPolicy.none())) {
      assertThat(drain(s.blocks(100, 500))).extracting(SourceBlock::height).endsWith(119L).hasSize(20);
      assertThat(drain(s.blocks(200, 300))).isEmpty();
    }
  }

  @Test
  void followsAReplacedBranch() {
    try (NodeSource s = source(2, RetryPolicy.none())) {
      Hash32 old = s.hashAt(110).orElseThrow();
      chain.subList(100, chain.size()).clear();
      extend(1, 25);
      assertThat(s.hashAt(110)).isPresent().isNotEqualTo(Optional.of(old));
      List<SourceBlock> blocks = drain(s.blocks(100, 124));
      assertThat(blocks).hasSize(25);
      assertThat(blocks.get(0).parent()).isEqualTo(hashOf(chain.get(99)));
      assertThat(blocks.get(0).payload()[0]).isEqualTo((byte) 1);
    }
  }

  @Test
  void retriesABusyOrStartingNode() {
    try (NodeSource s = source(2, new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(10)))) {
      busyAnswers.set(3);
      warmupAnswers.set(2);
      assertThat(s.tipHeight()).isEqualTo(119);
      busyAnswers.set(2);
      assertThat(drain(s.blocks(0, 119))).hasSize(120);
    }
  }

  @Test
  void givesUpOnABusyNodeAfterTheRetryBudget() {
    try (NodeSource s = source(1, new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(100)))) {
      busyAnswers.set(1_000_000);
      assertThatThrownBy(s::tipHeight)
          .isInstanceOf(BdsException.class)
          .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.NODE_UNAVAILABLE));
    }
  }

  @Test
  void garbageIsFatalAndNamesTheCall() {
    try (NodeSource s = source(2, RetryPolicy.forever())) {
      garbage = true;
      NodeSource.BlockStream stream = s.blocks(0, 119);
      assertThatThrownBy(() -> drain(stream))
          .isInstanceOf(BdsException.class)
          .hasMessageContaining("getblock")
          .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.MALFORMED_RESPONSE));
    }
  }

  @Test
  void awaitsNewBlocksWithTheNodeOrByPolling() {
    try (NodeSource s = source(1, RetryPolicy.none())) {
      BlockRef tip = new BlockRef(119, hashOf(chain.get(119)));
      BlockRef behind = new BlockRef(100, hashOf(chain.get(100)));
      assertThat(s.awaitNewTip(behind, Duration.ofSeconds(5))).isEqualTo(119);
      waitSupported = false;
      long t0 = System.nanoTime();
      assertThat(s.awaitNewTip(tip, Duration.ofMillis(300))).isEqualTo(119);
      assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(300_000_000L);
      assertThat(s.awaitNewTip(behind, Duration.ofSeconds(5))).isEqualTo(119);
    }
  }
}
