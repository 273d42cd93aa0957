package org.openbds.xrp.binary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.Hash32;
import org.openbds.api.RealData;

/**
 * The codec and hashes against recorded mainnet answers (shared/data/real/xrp): every hash the network printed must
 * come out of our serialization, and the files whose bodies were edited by their authors must be caught. The
 * manifest beside the data says, per file, what an independent check found; these tests must find the same.
 */
class XrplRealDataTest {
  private static final XrplHashes HASHES = new XrplHashes(XrplBinaryCodec.standard());
  private static Path data;
  private static JsonNode manifest;

  @BeforeAll
  static void locate() {
    data = RealData.dir("xrp");
    manifest = XrplFixtureReader.readTree(data.resolve("expected/manifest.json"));
  }

  @Test
  void everyPrintedTransactionHashIsReproduced() {
    int matched = 0;
    int expected = 0;
    for (JsonNode entry : manifest) {
      String file = entry.get("file").asText();
      if (file.startsWith("edge-cases/")) {
        continue;
      }
      int inFile = 0;
      for (XrplFixtureReader.FoundTransaction tx : XrplFixtureReader.read(data.resolve(file)).transactions()) {
        if (tx.hash().isPresent()) {
          assertThat(HASHES.transactionHash(tx.fields())).as(file).isEqualTo(tx.hash().get());
          inFile++;
        }
      }
      assertThat(inFile).as(file).isEqualTo(entry.get("tx").get("hashOk").asInt());
      matched += inFile;
      expected += entry.get("tx").get("hashOk").asInt();
    }
    assertThat(matched).isEqualTo(expected).isEqualTo(391);
    System.out.println("XRPL transaction hashes reproduced: " + matched);
  }

  @Test
  void editedTransactionsAreCaughtAndUneditedOnesStillMatch() {
    int caught = 0;
    int matched = 0;
    for (JsonNode entry : manifest) {
      String file = entry.get("file").asText();
      if (!file.startsWith("edge-cases/")) {
        continue;
      }
      int bad = 0;
      int ok = 0;
      for (XrplFixtureReader.FoundTransaction tx : XrplFixtureReader.read(data.resolve(file)).transactions()) {
        if (tx.hash().isPresent()) {
          if (computedHash(tx.fields()).equals(tx.hash())) {
            ok++;
          } else {
            bad++;
          }
        }
      }
      assertThat(ok).as(file).isEqualTo(entry.get("tx").get("hashOk").asInt());
      assertThat(bad).as(file).isEqualTo(entry.get("tx").get("hashBad").asInt());
      caught += bad;
      matched += ok;
    }
    assertThat(caught).isEqualTo(5);
    System.out.println("XRPL edge cases: " + caught + " edited transactions caught, " + matched + " others matched");
  }

  @Test
  void transactionTreeRootsAreReproducedAndEditsCaught() {
    List<String> reproduced = new ArrayList<>();
    List<String> caught = new ArrayList<>();
    for (JsonNode entry : manifest) {
      for (JsonNode expected : entry.get("ledgers")) {
        String verdict = expected.path("txTree").asText("");
        if (!verdict.equals("OK") && !verdict.equals("MISMATCH")) {
          continue;
        }
        String file = entry.get("file").asText();
        XrplFixtureReader.FoundLedger ledger = ledger(file, expected.get("index").asLong());
        Optional<Hash32> root = computedRoot(ledger);
        if (verdict.equals("OK")) {
          assertThat(root).as(file).contains(ledger.transactionHash());
          reproduced.add(file);
        } else {
          assertThat(root).as(file).isNotEqualTo(Optional.of(ledger.transactionHash()));
          caught.add(file);
        }
      }
    }
    assertThat(reproduced).hasSize(20);
    assertThat(caught).hasSize(2);
    System.out.println(
        "XRPL transaction trees: " + reproduced.size() + " roots reproduced, " + caught.size() + " edits caught");
  }

  @Test
  void ledgerHeaderHashesAreReproducedAndEditsCaught() {
    int reproduced = 0;
    int caught = 0;
    for (JsonNode entry : manifest) {
      for (JsonNode expected : entry.get("ledgers")) {
        String verdict = expected.path("headerHash").asText("");
        if (!verdict.equals("OK") && !verdict.equals("MISMATCH")) {
          continue;
        }
        String file = entry.get("file").asText();
        XrplFixtureReader.FoundLedger ledger = ledger(file, expected.get("index").asLong());
        Hash32 computed = ledger.computedHeaderHash().orElseThrow();
        if (verdict.equals("OK")) {
          assertThat(computed).as(file).isEqualTo(Hash32.parse(expected.get("hash").asText()));
          assertThat(ledger.declaredHash()).as(file).contains(computed);
          reproduced++;
        } else {
          assertThat(ledger.declaredHash()).as(file).isPresent().isNotEqualTo(Optional.of(computed));
          caught++;
        }
      }
    }
    assertThat(reproduced).isEqualTo(22);
    assertThat(caught).isEqualTo(1);
    System.out.println("XRPL ledger headers: " + reproduced + " hashes reproduced, " + caught + " edit caught");
  }

  /**
   * Ledgers (most of 2013) whose metadata holds negative XRP amounts, which some codecs refuse: the format has a sign
   * bit for XRP and the network hashed them, so their trees must come out right too.
   */
  @Test
  void treesWithHistoricNegativeXrpAreReproduced() {
    List<String> reproduced = new ArrayList<>();
    for (JsonNode entry : manifest) {
      for (JsonNode expected : entry.get("ledgers")) {
        if (!expected.path("txTree").asText("").startsWith("codec-error")) {
          continue;
        }
        String file = entry.get("file").asText();
        XrplFixtureReader.FoundLedger ledger = ledger(file, expected.get("index").asLong());
        assertThat(computedRoot(ledger)).as(file).contains(ledger.transactionHash());
        reproduced.add(file);
      }
    }
    assertThat(reproduced).hasSize(11);
    System.out.println("XRPL transaction trees with negative XRP: " + reproduced.size() + " roots reproduced");
  }

  /** hashLedgerTransactions.json holds the transactions of hashLedger.json's ledger, printed without their hashes. */
  @Test
  void transactionsPrintedWithoutHashesRebuildTheirLedgersTree() {
    Path dir = data.resolve("ledgers/XRPLF+xrpl.js/packages/xrpl/test/fixtures/requests");
    XrplFixtureReader.FoundLedger ledger = XrplFixtureReader.read(dir.resolve("hashLedger.json")).ledgers().get(0);
    List<XrplTransactionEntry> entries = new ArrayList<>();
    Path txs =
        data.resolve("transactions/XRPLF+xrpl.js/packages/xrpl/test/fixtures/requests/hashLedgerTransactions.json");
    for (XrplFixtureReader.FoundTransaction tx : XrplFixtureReader.read(txs).transactions()) {
      entries.add(new XrplTransactionEntry(tx.fields(), tx.meta().orElseThrow()));
    }
    assertThat(entries).hasSize(7);
    assertThat(HASHES.transactionTreeRoot(entries)).isEqualTo(ledger.transactionHash());
  }

  private static XrplFixtureReader.FoundLedger ledger(String file, long index) {
    return XrplFixtureReader.read(data.resolve(file)).ledgers().stream()
        .filter(l -> l.index() == index)
        .findFirst()
        .orElseThrow(() -> new AssertionError(file + " has no ledger " + index));
  }

  /** Empty when the ledger's own data cannot be serialized: an edited file may hold what no ledger can. */
  private static Optional<Hash32> computedRoot(XrplFixtureReader.FoundLedger ledger) {
    List<XrplTransactionEntry> entries = new ArrayList<>();
    for (XrplFixtureReader.FoundTransaction tx : ledger.transactions()) {
      entries.add(new XrplTransactionEntry(tx.fields(), tx.meta().orElseThrow()));
    }
    try {
      return Optional.of(HASHES.transactionTreeRoot(entries));
    } catch (BdsException e) {
      return Optional.empty();
    }
  }

  private static Optional<Hash32> computedHash(JsonNode tx) {
    try {
      return Optional.of(HASHES.transactionHash(tx));
    } catch (BdsException e) {
      return Optional.empty();
    }
  }
}
