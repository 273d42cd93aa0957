package org.openbds.xrp.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.openbds.api.BdsException;
import org.openbds.api.CapturedRows;
import org.openbds.api.ErrorCode;
import org.openbds.api.SourceBlock;
import org.openbds.xrp.binary.HashedLedgerIntegrity;
import org.openbds.xrp.codec.XrpLedgerDecoder;
import org.junit.jupiter.api.Test;

/**
 * Every file of {@code edge-cases/} (real but unusual or altered answers) is refused with a message naming what is
 * wrong, or, for the 2013 ledgers with negative XRP balances that mainnet really holds, stored with the anomaly named
 * on the transaction. None goes through as if nothing were the matter.
 */
class XrpEdgeCaseTest {
  private final XrpSplitter splitter = new XrpSplitter(new XrpLedgerDecoder(0, HashedLedgerIntegrity.standard()));

  @Test
  void everyEdgeCaseIsRefusedOrFlagged() throws IOException {
    Path dir = RealXrpData.root().resolve("edge-cases");
    Map<String, String> outcomes = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path f : files) {
      String name = dir.relativize(f).toString();
      try {
        byte[] payload = Files.readAllBytes(f);
        XrpLedgerDecoder.LedgerHeader h = XrpLedgerDecoder.header(XrpLedgerDecoder.parse(payload, name), name);
        XrpDecodedLedger decoded = splitter.decode(new SourceBlock(h.index(), h.hash(), h.parent(), payload, name));
        List<Object> anomalies = CapturedRows.of(decoded.rows(), XrpTables.TABLES).rows(XrpTables.TRANSACTIONS).stream()
            .map(r -> r.get("anomalies")).filter(a -> a != null).map(a -> (Object) a).toList();
        assertThat(anomalies).as(name + " was stored without an anomaly").isNotEmpty();
        outcomes.put(name, "flagged: " + anomalies.get(0));
      } catch (BdsException e) {
        assertThat(e.code()).as(name).isEqualTo(ErrorCode.MALFORMED_BLOCK);
        assertThat(e.getMessage()).as(name).contains(name);
        outcomes.put(name, "refused: " + e.getMessage());
      }
    }
    outcomes.forEach((k, v) -> System.out.println(k + " -> " + v));
    assertThat(outcomes).hasSize(files.size()).hasSizeGreaterThanOrEqualTo(25);
  }
}
