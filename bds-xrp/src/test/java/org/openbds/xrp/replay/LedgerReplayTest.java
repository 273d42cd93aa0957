package org.openbds.xrp.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.SourceBlock;
import org.openbds.api.RealData;
import org.openbds.xrp.binary.HashedLedgerIntegrity;
import org.openbds.xrp.codec.XrpLedgerDecoder;
import org.openbds.xrp.source.LedgerFileSource;
import org.openbds.xrp.split.XrpDecodedLedger;
import org.openbds.xrp.split.XrpSplitter;

/** Replayed ledgers form a chain that passes every check the real one does: links, hashes, coins. */
class LedgerReplayTest {
  @TempDir Path dir;

  @Test
  void replayedLedgersChainAndPassEveryCheck() throws IOException {
    byte[] template = Files.readAllBytes(RealData.dir("xrp")
        .resolve("ledgers/XRPLF+xrpl4j/xrpl4j-core/src/test/resources/special-object-ledgers/ledger-result-94084608.json"));
    LedgerReplay replay = LedgerReplay.of(template, 1_000, 12);
    assertThat(replay.transactionsPerLedger()).isEqualTo(83);
    replay.writeTo(dir);
    assertThat(Files.list(dir).count()).isEqualTo(12);

    XrpSplitter splitter = new XrpSplitter(new XrpLedgerDecoder(0, HashedLedgerIntegrity.standard()));
    long previousCoins = -1;
    long previousClose = -1;
    int ledgers = 0;
    try (LedgerFileSource source = LedgerFileSource.open(dir)) {
      assertThat(source.expectedTip().getAsLong()).isEqualTo(1_011);
      Iterator<SourceBlock> blocks = source.blocksAfter(Optional.empty());
      while (blocks.hasNext()) {
        XrpDecodedLedger l = splitter.decode(blocks.next());
        splitter.resolve(l);
        assertThat(l.ledger().index()).isEqualTo(1_000 + ledgers);
        assertThat(l.transactionCount()).isEqualTo(83);
        if (previousCoins >= 0) {
          assertThat(l.ledger().totalCoins()).isEqualTo(previousCoins - replay.feesPerLedger());
          assertThat(l.ledger().closeTime()).isEqualTo(previousClose + 4);
        }
        previousCoins = l.ledger().totalCoins();
        previousClose = l.ledger().closeTime();
        ledgers++;
      }
    }
    assertThat(ledgers).isEqualTo(12);
  }
}
