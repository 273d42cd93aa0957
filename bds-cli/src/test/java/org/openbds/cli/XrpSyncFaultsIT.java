package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.cli.XrpSyncHarness.FIRST;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openbds.api.BlockRef;
import org.openbds.core.ImportProgress;
import org.openbds.core.SyncListener;
import org.openbds.xrp.rpc.FakeRippled;

/**
 * XRP sync when things go wrong between it and rippled: the server goes away in the middle of a catch-up and comes
 * back; requests time out or meet {@code tooBusy} and HTTP 503; answers are garbage or cut short; the credentials are
 * wrong; a ledger is altered in transit. Retryable faults are waited out and the sync completes; the others stop it
 * with a clear error and a non-zero exit, the warehouse as it was at its last commit (every ledger before the faulty
 * one, nothing of it), and a later sync completes it.
 */
class XrpSyncFaultsIT {
  private static final long LAST = FIRST + 149;

  @TempDir Path dir;

  private XrpSyncHarness.ReplayedChain served(FakeRippled node, long last) {
    XrpSyncHarness.ReplayedChain chain = new XrpSyncHarness.ReplayedChain((int) (last - FIRST + 1));
    chain.serve(node, FIRST, last);
    return chain;
  }

  @Test
  void syncWaitsForAServerThatWentAwayAndResumesWhenItIsBack() throws Exception {
    try (FakeRippled node = new FakeRippled()) {
      served(node, LAST);
      AtomicBoolean away = new AtomicBoolean();
      AtomicReference<CompletableFuture<Void>> back = new AtomicReference<>();
      SyncListener goAwayOnce =
          new SyncListener() {
            @Override
            public void progress(ImportProgress p) {
              if (away.compareAndSet(false, true)) {
                // the first commit of the catch-up: the server stops listening, and is back three seconds later
                node.goAway();
                back.set(CompletableFuture.runAsync(() -> {
                  try {
                    Thread.sleep(3000);
                    node.comeBack();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }));
              }
            }
          };
      long started = System.nanoTime();
      var result = XrpSyncHarness.syncToTip(dir.resolve("data"), node.httpUrl(), goAwayOnce);
      back.get().join();
      assertThat(away).isTrue();
      assertThat(System.nanoTime() - started).as("sync waited for the server").isGreaterThan(3_000_000_000L);
      assertThat(result.tip().map(BlockRef::height)).contains(LAST);
      XrpSyncHarness.assertHoldsThrough(dir.resolve("data"), LAST);
      XrpSyncHarness.verify(dir.resolve("data"), node.httpUrl());

      // with --node-wait, sync gives up on a server that stays away, saying so
      node.goAway();
      Cli.Result impatient = XrpSyncHarness.cliSync(dir.resolve("impatient"), node.httpUrl(), "--node-wait", "1");
      node.comeBack();
      assertThat(impatient.exitCode()).isNotZero();
      assertThat(impatient.err()).contains("NODE_UNAVAILABLE").contains("cannot connect to " + node.httpUrl());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "ws"})
  void timeoutsTooBusyAndOverloadAreRetried(String scheme) throws Exception {
    try (FakeRippled node = new FakeRippled()) {
      served(node, LAST);
      long[] faulty = {FIRST + 10, FIRST + 40, FIRST + 41, FIRST + 90};
      node.faultAt(faulty[0], new FakeRippled.Fault.Delay(Duration.ofSeconds(4)));
      node.faultAt(faulty[1], FakeRippled.error("tooBusy", "The server is too busy to help you now."));
      node.faultAt(faulty[1], FakeRippled.error("tooBusy", "The server is too busy to help you now."));
      // HTTP 503, or over the WebSocket a connection dropped with requests in flight
      node.faultAt(faulty[2], new FakeRippled.Fault.Unavailable());
      node.faultAt(faulty[3], FakeRippled.error("slowDown", "You are placing too much load on the server."));
      node.fault("server_info", new FakeRippled.Fault.Delay(Duration.ofSeconds(4)));
      String url = scheme.equals("http") ? node.httpUrl() : node.wsUrl();
      Path data = dir.resolve("data");
      Cli.Result r = XrpSyncHarness.cliSync(data, url, "--rpc-timeout", "1");
      assertThat(r.exitCode()).as(r.err()).isZero();
      XrpSyncHarness.assertHoldsThrough(data, LAST);
      for (long f : faulty) {
        assertThat(node.requests("ledger").stream().filter(p -> p.path("ledger_index").asLong() == f && p.path("transactions").asBoolean()))
            .as("requests for ledger %d", f).hasSizeGreaterThanOrEqualTo(f == faulty[1] ? 3 : 2);
      }
      XrpSyncHarness.verify(data, url);
    }
  }

  @Test
  void garbageOrATruncatedAnswerStopsSyncAtTheLastCommit() throws Exception {
    try (FakeRippled node = new FakeRippled()) {
      served(node, LAST);
      Path data = dir.resolve("data");
      long garbage = FIRST + 70;
      node.faultAt(garbage, new FakeRippled.Fault.Garbage());
      Cli.Result r = XrpSyncHarness.cliSync(data, node.httpUrl(), "--batch-tx", "400");
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.err()).contains("MALFORMED_RESPONSE").contains("ledger");
      XrpSyncHarness.assertHoldsThrough(data, garbage - 1);

      long truncated = FIRST + 120;
      node.faultAt(truncated, new FakeRippled.Fault.Truncated());
      Cli.Result cut = XrpSyncHarness.cliSync(data, node.httpUrl(), "--batch-tx", "400");
      assertThat(cut.exitCode()).isNotZero();
      assertThat(cut.err()).contains("MALFORMED_RESPONSE").contains("ledger");
      XrpSyncHarness.assertHoldsThrough(data, truncated - 1);

      // the warehouse at the last commit is the one an uninterrupted sync up to it makes
      Path reference = dir.resolve("reference");
      try (FakeRippled shorter = new FakeRippled()) {
        served(shorter, truncated - 1);
        XrpSyncHarness.syncToTip(reference, shorter.httpUrl(), new SyncListener() {});
      }
      assertThat(XrpSyncHarness.fingerprint(data)).isEqualTo(XrpSyncHarness.fingerprint(reference));

      Cli.Result healed = XrpSyncHarness.cliSync(data, node.httpUrl());
      assertThat(healed.exitCode()).as(healed.err()).isZero();
      XrpSyncHarness.assertHoldsThrough(data, LAST);
      XrpSyncHarness.verify(data, node.httpUrl());
    }
  }

  @Test
  void wrongCredentialsAreAClearError() throws Exception {
    try (FakeRippled node = new FakeRippled(Optional.of("bds:secret"))) {
      served(node, FIRST + 19);
      String url = node.httpUrl().replace("http://", "http://bds:wrong@");
      Cli.Result r = XrpSyncHarness.cliSync(dir.resolve("data"), url);
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.err()).contains("NODE_ERROR").contains("refused the request (HTTP 401)").contains("check the credentials").doesNotContain("wrong");
      Cli.Result right = XrpSyncHarness.cliSync(dir.resolve("data"), node.httpUrl().replace("http://", "http://bds:secret@"));
      assertThat(right.exitCode()).as(right.err()).isZero();
      XrpSyncHarness.assertHoldsThrough(dir.resolve("data"), FIRST + 19);
    }
  }

  @Test
  void aLedgerAlteredInTransitIsRefusedWithNothingOfItWritten() throws Exception {
    try (FakeRippled node = new FakeRippled()) {
      XrpSyncHarness.ReplayedChain chain = served(node, LAST);
      long altered = FIRST + 80;
      String good = chain.ledger(altered);
      String tampered = good.replaceFirst("\"Fee\":\"(\\d+)\"", "\"Fee\":\"$11\"");
      assertThat(tampered).isNotEqualTo(good);
      node.put(tampered);
      Path data = dir.resolve("data");
      Cli.Result r = XrpSyncHarness.cliSync(data, node.httpUrl(), "--batch-tx", "400");
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.err()).contains("MALFORMED_BLOCK").contains("ledger " + altered).contains("altered");
      XrpSyncHarness.assertHoldsThrough(data, altered - 1);

      node.put(good);
      Cli.Result healed = XrpSyncHarness.cliSync(data, node.httpUrl());
      assertThat(healed.exitCode()).as(healed.err()).isZero();
      XrpSyncHarness.assertHoldsThrough(data, LAST);
      XrpSyncHarness.verify(data, node.httpUrl());
    }
  }
}
