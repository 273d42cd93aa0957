package org.openbds.xrp.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openbds.api.CapturedRows;
import org.openbds.api.SourceBlock;
import org.openbds.xrp.binary.HashedLedgerIntegrity;
import org.openbds.xrp.codec.XrpLedgerDecoder;
import org.openbds.xrp.source.LedgerFileSource;

/**
 * The two runs of consecutive mainnet ledgers in the shared data chain by parent hash, and each ledger's
 * {@code total_coins} is its parent's less exactly the fees its transactions burnt, read back from the rows.
 */
class XrpConsecutiveLedgersTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"11119612, 7, 92", "11616410, 4, 14"})
  void consecutiveLedgersChainAndBurnExactlyTheirFees(long first, int count, int transactions) throws IOException {
    Path mock = RealXrpData.root().resolve("ledgers/ripple+rippled-historical-database/test/mock/ledgers");
    for (long i = first; i < first + count; i++) {
      Files.createSymbolicLink(dir.resolve(i + ".json"), mock.resolve(i + ".json"));
    }
    XrpSplitter splitter = new XrpSplitter(new XrpLedgerDecoder(0, HashedLedgerIntegrity.standard()));
    String parentHash = null;
    long parentCoins = -1;
    int ledgers = 0;
    int txs = 0;
    try (LedgerFileSource source = LedgerFileSource.open(dir)) {
      Iterator<SourceBlock> blocks = source.blocksAfter(Optional.empty());
      while (blocks.hasNext()) {
        CapturedRows rows = CapturedRows.of(splitter.resolve(splitter.decode(blocks.next())), XrpTables.TABLES);
        Map<String, Object> l = rows.row(XrpTables.LEDGERS);
        long coins = (Long) l.get("total_coins");
        if (parentHash != null) {
          assertThat(l.get("parent_hash")).isEqualTo(parentHash);
          assertThat(coins).isEqualTo(parentCoins - (Long) l.get("fees_burnt"));
        }
        long fees = rows.rows(XrpTables.TRANSACTIONS).stream().mapToLong(t -> (Long) t.get("fee")).sum();
        assertThat(l.get("fees_burnt")).isEqualTo(fees);
        parentHash = (String) l.get("ledger_hash");
        parentCoins = coins;
        ledgers++;
        txs += rows.rows(XrpTables.TRANSACTIONS).size();
      }
    }
    assertThat(ledgers).isEqualTo(count);
    assertThat(txs).isEqualTo(transactions);
  }
}
