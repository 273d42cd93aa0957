package org.openbds.xrp.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openbds.api.BdsException;
import org.openbds.api.CapturedRows;
import org.openbds.api.ErrorCode;
import org.openbds.xrp.binary.HashedLedgerIntegrity;
import org.openbds.xrp.codec.XrpLedger;
import org.openbds.xrp.codec.XrpLedgerDecoder;
import org.openbds.xrp.codec.XrpTransaction;
import org.junit.jupiter.api.Test;

/**
 * Every complete mainnet ledger of the shared real data goes through the splitter and comes out as its manifest
 * says: index, hash, parent, transaction count, types and results; its rows fit the schema; each transaction's
 * balance changes conserve XRP (the splitter refuses a ledger where they do not).
 */
class XrpLedgerConformanceTest {
  private final XrpSplitter splitter = new XrpSplitter(new XrpLedgerDecoder(0, HashedLedgerIntegrity.standard()));

  @Test
  void everyCompleteLedgerSplitsAsItsManifestSays() {
    int ledgers = 0;
    int transactions = 0;
    for (RealXrpData.ManifestLedger m : RealXrpData.ledgers()) {
      if (!m.relative().startsWith("ledgers/") || !m.complete()) {
        continue;
      }
      XrpDecodedLedger decoded = splitter.decode(RealXrpData.block(m.file()));
      XrpLedger l = decoded.ledger();
      assertThat(l.index()).as(m.relative()).isEqualTo(m.index());
      assertThat(l.hash().toHex()).as(m.relative()).isEqualToIgnoringCase(m.ledger().get("hash").asText());
      assertThat(l.parentHash().toHex()).as(m.relative()).isEqualToIgnoringCase(m.ledger().get("parent").asText());
      assertThat(l.transactionCount()).as(m.relative()).isEqualTo(m.ledger().get("ntx").asInt());
      assertThat(counts(l, XrpTransaction::type)).as(m.relative()).isEqualTo(manifestCounts(m.tx().get("types")));
      assertThat(counts(l, XrpTransaction::result)).as(m.relative()).isEqualTo(manifestCounts(m.tx().get("results")));

      CapturedRows rows = CapturedRows.of(decoded.rows(), XrpTables.TABLES);
      Map<String, Object> ledgerRow = rows.row(XrpTables.LEDGERS);
      assertThat(ledgerRow.get("ledger_index")).isEqualTo(m.index());
      assertThat(ledgerRow.get("tx_count")).isEqualTo(l.transactionCount());
      long fees = l.transactions().stream().mapToLong(XrpTransaction::fee).sum();
      assertThat(ledgerRow.get("fees_burnt")).isEqualTo(fees);
      List<Map<String, Object>> txRows = rows.rows(XrpTables.TRANSACTIONS);
      assertThat(txRows).hasSize(l.transactionCount());
      for (int i = 0; i < txRows.size(); i++) {
        assertThat(txRows.get(i).get("position")).isEqualTo(i);
      }
      // XRP conservation, read back from the rows: Σ drops of a transaction's changes = −fee
      Map<Integer, Long> xrpByTx = new TreeMap<>();
      for (Map<String, Object> b : rows.rows(XrpTables.BALANCE_CHANGES)) {
        if (b.get("drops") != null) {
          xrpByTx.merge((Integer) b.get("position"), (Long) b.get("drops"), Long::sum);
        }
      }
      for (XrpTransaction t : l.transactions()) {
        assertThat(xrpByTx.getOrDefault(t.position(), 0L)).as(m.relative() + " tx " + t.position()).isEqualTo(-t.fee());
      }
      // every transaction of a family with a detail table has its row there
      long detailed = l.transactions().stream().filter(t -> DetailTable.of(t.family()).isPresent()).count();
      long detailRows = DetailTable.ALL.stream().mapToLong(d -> rows.rows(d.name()).size()).sum();
      assertThat(detailRows).as(m.relative()).isEqualTo(detailed);
      ledgers++;
      transactions += l.transactionCount();
    }
    assertThat(ledgers).isEqualTo(21);
    assertThat(transactions).isEqualTo(354);
  }

  @Test
  void answersWithoutTheLedgersTransactionsAreRefused() {
    for (RealXrpData.ManifestLedger m : RealXrpData.ledgers()) {
      if (m.relative().startsWith("ledgers/") && !m.ledger().has("expanded")) {
        assertThatThrownBy(() -> splitter.decode(RealXrpData.block(m.file())))
            .as(m.relative())
            .isInstanceOf(BdsException.class)
            .hasMessageContaining("no transactions list")
            .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.MALFORMED_BLOCK));
      }
    }
  }

  private static Map<String, Integer> counts(XrpLedger l, java.util.function.Function<XrpTransaction, String> key) {
    Map<String, Integer> out = new TreeMap<>();
    l.transactions().forEach(t -> out.merge(key.apply(t), 1, Integer::sum));
    return out;
  }

  private static Map<String, Integer> manifestCounts(JsonNode node) {
    Map<String, Integer> out = new TreeMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
    return out;
  }
}
