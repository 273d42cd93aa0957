package org.openbds.xrp.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openbds.xrp.rpc.FakeRippled.synthetic;
import static org.openbds.xrp.rpc.FakeRippled.syntheticHash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.RetryPolicy;
import org.openbds.api.SourceBlock;
import org.openbds.api.RealData;
import org.openbds.xrp.rpc.CompleteLedgers.LedgerRange;
import org.openbds.xrp.rpc.FakeRippled.AnswerStyle;
import org.openbds.xrp.rpc.FakeRippled.Fault;

/**
 * The rippled node source against a hand-written fake rippled ({@link FakeRippled}), over JSON-RPC and WebSocket
 * alike: recorded mainnet ledgers delivered in order with their bytes untouched, the validated tip, retries through a
 * busy or unavailable server, answers that are not JSON, holes in the server's history, ledgers not validated yet, and
 * following the tip.
 */
class RippledNodeSourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RetryPolicy QUICK_RETRIES = new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(10));
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** How the source reaches the fake. */
  enum Transport {
    HTTP,
    WEBSOCKET
  }

  private FakeRippled node;

  @BeforeEach
  void start() throws IOException {
    node = new FakeRippled();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void deliversConsecutiveMainnetLedgersInOrderWithTheirBytesAsServed(Transport transport) throws IOException {
    Path dir = RealData.dir("xrp").resolve("ledgers/ripple+rippled-historical-database/test/mock/ledgers");
    List<JsonNode> recorded = new ArrayList<>();
    for (long index = 11119612; index <= 11119618; index++) {
      String text = Files.readString(dir.resolve(index + ".json"));
      recorded.add(JSON.readTree(text));
      assertThat(node.put(text)).isEqualTo(index);
    }
    try (RippledNodeSource source = source(transport, 3, RetryPolicy.none(), TIMEOUT)) {
      assertThat(source.tipHeight()).isEqualTo(11119618);
      List<SourceBlock> blocks = drain(source.blocks(11119612, 11119700));

      assertThat(blocks).extracting(SourceBlock::height).containsExactly(11119612L, 11119613L, 11119614L, 11119615L, 11119616L, 11119617L, 11119618L);
      for (int i = 0; i < blocks.size(); i++) {
        SourceBlock b = blocks.get(i);
        JsonNode ledger = recorded.get(i);
        assertThat(b.hash()).isEqualTo(Hash32.parse(ledger.get("hash").asText()));
        assertThat(b.parent()).isEqualTo(Hash32.parse(ledger.get("parent_hash").asText()));
        if (i > 0) {
          assertThat(b.parent()).isEqualTo(blocks.get(i - 1).hash());
        }
        assertThat(b.payload()).isEqualTo(node.served(b.height()));
        assertThat(JSON.readTree(b.payload()).path("ledger")).isEqualTo(ledger);
        assertThat(b.origin()).isEqualTo(source.endpoint() + " ledger " + b.height());
      }
      assertThat(source.hashAt(11119615)).contains(blocks.get(3).hash());
    }
    JsonNode asked = node.requests("ledger").get(0);
    assertThat(asked.path("transactions").asBoolean()).isTrue();
    assertThat(asked.path("expand").asBoolean()).isTrue();
    assertThat(asked.path("binary").asBoolean(true)).isFalse();
    assertThat(node.maxInFlight()).isBetween(1, 3);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void asManyLedgersAreFetchedAheadAsTheConcurrencyAllowsAndNoMore(Transport transport) {
    putSynthetic(1, 40);
    try (RippledNodeSource source = source(transport, 3, RetryPolicy.none(), Duration.ofSeconds(10))) {
      // the first three ledger requests wait for each other, so the fake sees three at once if the source sends them
      node.holdUntilInFlight("ledger", 3);
      long started = System.nanoTime();
      List<SourceBlock> blocks = drain(source.blocks(1, 40));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      assertThat(blocks).extracting(SourceBlock::height).containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
    }
    assertThat(node.maxInFlight()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(AnswerStyle.class)
  void readsTheIndexAsANumberOrAStringAndTheHashBesideOrInTheLedger(AnswerStyle style) {
    node.answerStyle(style);
    putSynthetic(1, 4);
    try (RippledNodeSource source = source(Transport.HTTP, 2, RetryPolicy.none(), TIMEOUT)) {
      List<SourceBlock> blocks = drain(source.blocks(2, 4));
      assertThat(blocks).extracting(SourceBlock::height).containsExactly(2L, 3L, 4L);
      assertThat(blocks).extracting(SourceBlock::hash).containsExactly(hash(2), hash(3), hash(4));
      assertThat(blocks).extracting(SourceBlock::parent).containsExactly(hash(1), hash(2), hash(3));
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void onlyValidatedLedgersAreTheTipOrHaveAHash(Transport transport) {
    putSynthetic(1, 5);
    node.putClosed(synthetic(6));
    try (RippledNodeSource source = source(transport, 2, RetryPolicy.none(), TIMEOUT)) {
      assertThat(source.tipHeight()).isEqualTo(5);
      assertThat(source.hashAt(5)).contains(hash(5));
      assertThat(source.hashAt(6)).isEmpty();
      assertThat(source.hashAt(7)).isEmpty();
      assertThat(drain(source.blocks(3, 10))).extracting(SourceBlock::height).containsExactly(3L, 4L, 5L);
      assertThat(drain(source.blocks(6, 10))).isEmpty();

      node.validate(6);
      assertThat(source.tipHeight()).isEqualTo(6);
      assertThat(drain(source.blocks(6, 10))).extracting(SourceBlock::hash).containsExactly(hash(6));
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aLedgerAnsweredAsNotValidatedIsAskedForAgainUntilItIs(Transport transport) {
    putSynthetic(1, 5);
    node.answerNotValidated(4, 2);
    try (RippledNodeSource source = source(transport, 1, QUICK_RETRIES, TIMEOUT)) {
      assertThat(drain(source.blocks(1, 5))).extracting(SourceBlock::height).containsExactly(1L, 2L, 3L, 4L, 5L);
    }
    assertThat(ledgerRequests(4)).isEqualTo(3);
  }

  @Test
  void withoutRetriesALedgerNotValidatedStopsTheStreamAsLagging() {
    putSynthetic(1, 5);
    node.answerNotValidated(4, 1);
    try (RippledNodeSource source = source(Transport.HTTP, 1, RetryPolicy.none(), TIMEOUT);
        NodeSource.BlockStream stream = source.blocks(1, 5)) {
      List<Long> delivered = new ArrayList<>();
      assertThatThrownBy(() -> stream.forEachRemaining(b -> delivered.add(b.height())))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_LAGGING))
          .hasMessageContaining("ledger 4 but not as validated");
      assertThat(delivered).containsExactly(1L, 2L, 3L);
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void retriesThroughABusyOrUnavailableServerAndATimeout(Transport transport) {
    putSynthetic(1, 6);
    node.fault("server_info", FakeRippled.error("tooBusy", "The server is too busy to help you now."));
    node.fault("ledger", FakeRippled.error("tooBusy", "The server is too busy to help you now."));
    node.fault("ledger", new Fault.Unavailable());
    node.fault("ledger", new Fault.Delay(Duration.ofSeconds(5)));
    node.fault("ledger", FakeRippled.error("noNetwork", "Not synced to the network."));
    try (RippledNodeSource source = source(transport, 2, QUICK_RETRIES, Duration.ofMillis(300))) {
      assertThat(source.tipHeight()).isEqualTo(6);
      List<SourceBlock> blocks = drain(source.blocks(1, 6));
      assertThat(blocks).extracting(SourceBlock::height).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
      assertThat(blocks).extracting(SourceBlock::hash).containsExactly(hash(1), hash(2), hash(3), hash(4), hash(5), hash(6));
    }
    assertThat(node.requests("server_info")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(node.requests("ledger")).hasSize(6 + 4);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void garbageOrTruncatedAnswersAreMalformedNamingTheMethod(Transport transport) {
    putSynthetic(1, 3);
    node.fault("ledger", new Fault.Garbage());
    node.fault("server_info", new Fault.Truncated());
    try (RippledNodeSource source = source(transport, 1, QUICK_RETRIES, TIMEOUT)) {
      assertThatThrownBy(source::tipHeight)
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_RESPONSE))
          .hasMessageStartingWith("server_info: malformed answer")
          .hasMessageContaining("not JSON");
      assertThatThrownBy(() -> drain(source.blocks(1, 3)))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_RESPONSE))
          .hasMessageStartingWith("ledger: malformed answer")
          .hasMessageContaining("<html>");
      // not retried: a server that answers garbage will answer it again
      assertThat(node.requests("server_info")).hasSize(2);
      assertThat(node.requests("ledger")).hasSize(1);
      // and the source works again once the server does
      assertThat(drain(source.blocks(1, 3))).hasSize(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aHoleInTheServersHistoryIsAnErrorNamingTheMissingLedgers(Transport transport) {
    putSynthetic(1, 20);
    node.drop(8, 10);
    try (RippledNodeSource source = source(transport, 2, QUICK_RETRIES, TIMEOUT);
        NodeSource.BlockStream stream = source.blocks(5, 15)) {
      assertThat(source.completeLedgers().ranges()).containsExactly(new LedgerRange(1, 7), new LedgerRange(11, 20));
      List<Long> delivered = new ArrayList<>();
      assertThatThrownBy(() -> stream.forEachRemaining(b -> delivered.add(b.height())))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_ERROR))
          .hasMessageContaining("does not have ledgers 8–10 (complete_ledgers 1-7,11-20)");
      assertThat(delivered).containsExactly(5L, 6L, 7L);
      assertThatThrownBy(() -> source.hashAt(9)).hasMessageContaining("does not have ledgers 8–10");
    }
  }

  @Test
  void ledgersFromZeroAreRefusedNamingTheServersHistory() {
    putSynthetic(5, 9);
    try (RippledNodeSource source = source(Transport.HTTP, 1, RetryPolicy.none(), TIMEOUT)) {
      assertThatThrownBy(() -> source.blocks(0, 9))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
          .hasMessageContaining("asked for ledgers from 0")
          .hasMessageContaining("--start-height")
          .hasMessageContaining("complete_ledgers 5-9");
    }
  }

  @Test
  void ledgersAboveTheCompleteHistoryAreNotThereYet() {
    putSynthetic(1, 10);
    node.claimValidated(12);
    try (RippledNodeSource source = source(Transport.HTTP, 1, RetryPolicy.none(), TIMEOUT);
        NodeSource.BlockStream stream = source.blocks(9, 20)) {
      List<Long> delivered = new ArrayList<>();
      assertThatThrownBy(() -> stream.forEachRemaining(b -> delivered.add(b.height())))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_LAGGING))
          .hasMessageContaining("does not have ledgers 11–12 yet (complete_ledgers 1-10, validated 12)");
      assertThat(delivered).containsExactly(9L, 10L);
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void awaitNewTipReturnsOnceANewLedgerIsValidated(Transport transport) throws Exception {
    putSynthetic(1, 3);
    try (RippledNodeSource source = source(transport, 2, RetryPolicy.none(), TIMEOUT)) {
      BlockRef tip = new BlockRef(3, hash(3));
      assertThat(source.awaitNewTip(tip, Duration.ofMillis(50))).isEqualTo(3);

      int polled = node.requests("server_info").size();
      CompletableFuture<Long> newTip = CompletableFuture.supplyAsync(() -> source.awaitNewTip(tip, Duration.ofSeconds(30)));
      assertThat(node.awaitRequests("server_info", polled + 2, Duration.ofSeconds(10))).isTrue();
      assertThat(newTip).isNotDone();
      node.put(synthetic(4));
      assertThat(newTip.get(10, TimeUnit.SECONDS)).isEqualTo(4);
      assertThat(drain(source.blocks(4, 4))).extracting(SourceBlock::hash).containsExactly(hash(4));
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void wrongCredentialsAreANodeError(Transport transport) throws IOException {
    try (FakeRippled guarded = new FakeRippled(Optional.of("alice:s3cret"))) {
      guarded.put(synthetic(1));
      String url = transport == Transport.HTTP ? guarded.httpUrl() : guarded.wsUrl();
      String wrong = url.replace("://", "://alice:guess@");
      try (RippledNodeSource source = RippledNodeSource.open(settings(wrong, 1, QUICK_RETRIES, TIMEOUT))) {
        assertThat(source.endpoint()).doesNotContain("alice").doesNotContain("guess");
        assertThatThrownBy(source::tipHeight)
            .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_ERROR))
            .hasMessageContaining("401")
            .hasMessageContaining("credentials");
      }
      try (RippledNodeSource source = RippledNodeSource.open(settings(url.replace("://", "://alice:s3cret@"), 1, QUICK_RETRIES, TIMEOUT))) {
        assertThat(source.tipHeight()).isEqualTo(1);
      }
    }
  }

  @Test
  void settingsRippledCannotUseAreRejected() {
    assertThatThrownBy(() -> RippledNodeSource.open(settings("localhost:5005", 1, RetryPolicy.none(), TIMEOUT)))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("http://127.0.0.1:5005");
    assertThatThrownBy(() -> RippledNodeSource.open(settings(node.httpUrl(), 1, RetryPolicy.none(), TIMEOUT).withCookieFile(Optional.of(Path.of("cookie")))))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG));
    assertThatThrownBy(() -> RippledNodeSource.open(settings(node.httpUrl(), 1, RetryPolicy.none(), TIMEOUT).withOption("traces", "geth")))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
        .hasMessageContaining("traces");
  }

  // ---- helpers

  private void putSynthetic(long first, long last) {
    LongStream.rangeClosed(first, last).forEach(i -> node.put(synthetic(i)));
  }

  private int ledgerRequests(long index) {
    return (int) node.requests("ledger").stream().filter(p -> p.path("ledger_index").asLong() == index).count();
  }

  private RippledNodeSource source(Transport transport, int concurrency, RetryPolicy retry, Duration timeout) {
    return RippledNodeSource.open(settings(transport == Transport.HTTP ? node.httpUrl() : node.wsUrl(), concurrency, retry, timeout));
  }

  private static NodeSettings settings(String url, int concurrency, RetryPolicy retry, Duration timeout) {
    return new NodeSettings(url, Optional.empty(), timeout, concurrency, retry);
  }

  private static Hash32 hash(long index) {
    return Hash32.parse(syntheticHash(index));
  }

  private static List<SourceBlock> drain(NodeSource.BlockStream stream) {
    try (stream) {
      List<SourceBlock> out = new ArrayList<>();
      stream.forEachRemaining(out::add);
      return out;
    }
  }
}
