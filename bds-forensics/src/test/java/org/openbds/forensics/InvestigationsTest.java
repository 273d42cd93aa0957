package org.openbds.forensics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.bitcoin.blockfile.BlockFileSource;
import org.openbds.bitcoin.generate.GeneratorConfig;
import org.openbds.bitcoin.generate.SyntheticChainGenerator;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.split.BitcoinSplitter;
import org.openbds.core.BlockImporter;
import org.openbds.core.ImportConfig;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.forensics.cluster.ClusterConfig;
import org.openbds.forensics.cluster.UtxoWarehouseClustering;
import org.openbds.forensics.evidence.CaseFile;
import org.openbds.forensics.flow.Outpoint;
import org.openbds.forensics.flow.UtxoWarehouseFlowGraph;
import org.openbds.forensics.labels.Label;
import org.openbds.forensics.labels.LabelStore;
import org.openbds.forensics.path.PathFinder;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;
import org.openbds.forensics.trace.Trace;
import org.openbds.forensics.trace.TraceRequest;
import org.openbds.forensics.trace.Tracer;

/**
 * The façade the CLI and the API share, over a generated chain imported by the real importer: its traces and case
 * files are the tracer's own, its clusters the clusters table's, its errors name their parameter, and it refuses a
 * family no flow model follows.
 */
class InvestigationsTest {
  static final ChainId CHAIN = new ChainId("btc");
  static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
  @TempDir static Path dir;
  static DuckDbWarehouse warehouse;
  static String busy;

  @BeforeAll
  static void importChain() {
    ChainProfile profile = ChainProfiles.load("btc");
    Path blocks = dir.resolve("blocks");
    new SyntheticChainGenerator(GeneratorConfig.defaults(profile, blocks).withSeed(11).withTargetTransactions(2_000).withAverageTransactionsPerBlock(15))
        .generate();
    warehouse = DuckDbWarehouse.open(dir.resolve("data"));
    try (BlockFileSource source = BlockFileSource.open(blocks, profile.network(ChainProfiles.SYNTHETIC), OptionalLong.empty())) {
      new BlockImporter<>(warehouse, CHAIN, ChainProfiles.SYNTHETIC, new BitcoinSplitter(profile, profile.network(ChainProfiles.SYNTHETIC), false),
          ImportConfig.defaults(), p -> {}).run(source);
    }
    busy = (String) warehouse.query("SELECT address FROM btc.outputs WHERE address IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
        .rows().get(0).get(0);
    new LabelStore(warehouse).importLabels(List.of(
        new Label("btc", busy, "exchange", "Busy Exchange", "test list", "tester", LocalDate.parse("2026-11-20"), Optional.empty())));
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  static Investigations investigations() {
    return new Investigations(warehouse, CHAIN, "bitcoin");
  }

  @Test
  void aTraceIsTheTracersOwnAndItsCaseFileCarriesTheLabelsAndTheTip() throws Exception {
    String start = (String) warehouse.query("SELECT o.txid || ':' || o.vout FROM btc.outputs o WHERE o.address <> ? AND o.spent_txid IS NOT NULL"
        + " ORDER BY o.block_height, o.txid, o.vout LIMIT 1", busy).rows().get(0).get(0);
    Investigations.TraceOutcome outcome = investigations().trace(new Investigations.TraceParameters(
        start, Direction.FORWARD, TaintModel.HAIRCUT, 6, 0, Optional.empty(), Optional.empty(), Map.of(), List.of("exchange"), 10_000));
    String json = investigations().caseFile(outcome, "OpenBDS test", NOW);

    // the same request to the tracer itself, with the labelled address as a stop written out by hand
    Trace direct = new Tracer(new UtxoWarehouseFlowGraph(warehouse, CHAIN)).trace(new TraceRequest(List.of(Outpoint.parse(start)), Direction.FORWARD,
        TaintModel.HAIRCUT, 6, 0, Optional.empty(), Optional.empty(), Map.of(busy, "exchange: Busy Exchange (test list, tester, 2026-11-20)"), 10_000));
    assertThat(outcome.trace()).isEqualTo(direct);

    JsonNode c = new ObjectMapper().readTree(json);
    assertThat(c.path("format").asText()).isEqualTo(CaseFile.FORMAT);
    assertThat(c.path("created_at").asText()).isEqualTo(NOW.toString());
    assertThat(c.path("software").asText()).isEqualTo("OpenBDS test");
    assertThat(c.path("chain").path("tip_height").asLong()).isEqualTo(((Number) warehouse.query("SELECT max(height) FROM btc.blocks").rows().get(0).get(0)).longValue());
    assertThat(c.path("request").path("from").asText()).isEqualTo(start);
    assertThat(c.path("steps")).hasSize(direct.steps().size());
    List<String> stoppedAt = new ArrayList<>();
    c.path("frontier").forEach(e -> {
      if (e.path("reason").asText().equals("stop_address")) {
        stoppedAt.add(e.path("address").asText());
      }
    });
    if (!stoppedAt.isEmpty()) {
      assertThat(stoppedAt).containsOnly(busy);
      assertThat(c.path("labels").path(busy).get(0).asText()).isEqualTo("exchange: Busy Exchange (test list, tester, 2026-11-20)");
    }
    assertThat(outcome.describedLabels().keySet()).allMatch(busy::equals);
  }

  @Test
  void anAddressIsTracedFromEveryOutputItReceived() {
    Investigations.TraceOutcome outcome = investigations().trace(new Investigations.TraceParameters(
        busy, Direction.BACKWARD, TaintModel.FIFO, 2, 0, Optional.empty(), Optional.empty(), Map.of(), List.of(), 10_000));
    long received = ((Number) warehouse.query("SELECT count(*) FROM btc.outputs WHERE address = ?", busy).rows().get(0).get(0)).longValue();
    assertThat(outcome.trace().request().start()).hasSize((int) received);
    assertThat(outcome.trace().frontierAmount()).isEqualTo(outcome.trace().started());
  }

  @Test
  void badParametersAreNamed() {
    Investigations i = investigations();
    assertParameter(() -> i.trace(parameters("abc:1", 3)), "from", "a txid must be 64 hex digits");
    assertParameter(() -> i.trace(parameters("nobody", 3)), "from", "no output of btc pays 'nobody'");
    assertParameter(() -> i.trace(parameters("00".repeat(32) + ":0", 3)), "from", "no transaction " + "00".repeat(32));
    String txid = (String) warehouse.query("SELECT txid FROM btc.transactions WHERE output_count = 2 LIMIT 1").rows().get(0).get(0);
    assertParameter(() -> i.trace(parameters(txid + ":2", 3)), "from", "has 2 outputs, so no output 2");
    assertParameter(() -> parameters(busy, 0), "hops", "hops must be between 1 and 100");
    assertParameter(() -> parameters(busy, 101), "hops", "hops must be between 1 and 100");
    assertParameter(() -> new Investigations.TraceParameters(busy, Direction.FORWARD, TaintModel.POISON, 2, -1, Optional.empty(), Optional.empty(),
        Map.of(), List.of(), 10), "min_value", "must not be negative");
    assertParameter(() -> new Investigations.TraceParameters(busy, Direction.FORWARD, TaintModel.POISON, 2, 0, Optional.empty(), Optional.empty(),
        Map.of(), List.of("banks"), 10), "stop_at_labels", "no label category 'banks'");
    assertParameter(() -> i.paths(busy, busy, 3, 5), "to", "two different addresses");
    assertParameter(() -> i.paths(busy, "other", 21, 5), "max_hops", "between 1 and 20");
    assertParameter(() -> i.address(busy, -1), "others", "between 0 and 10000");
  }

  @Test
  void eachFamilyHasItsFlowModel() {
    assertThat(Investigations.flowModel("ltc", "bitcoin")).isEqualTo(Investigations.FlowModel.UTXO);
    assertThat(investigations().graph()).isInstanceOf(UtxoWarehouseFlowGraph.class);
    assertThat(Investigations.flowModel("eth", "ethereum")).isEqualTo(Investigations.FlowModel.ACCOUNT);
    assertThatThrownBy(() -> new Investigations(warehouse, new ChainId("xrp"), "xrpl"))
        .isInstanceOf(BdsException.class).hasMessage("xrp is of the xrpl family; tracing reads Bitcoin-family and Ethereum-family chains");
    Investigations accounts = new Investigations(warehouse, new ChainId("eth"), "ethereum");
    assertThatThrownBy(accounts::graph).isInstanceOf(BdsException.class).hasMessageContaining("eth has no outputs");
    assertThat(accounts.clusters(List.of("0x0000000000000000000000000000000000000001")).configuration()).isEmpty();
    assertParameter(() -> accounts.accountPaths("0x01", "0x0000000000000000000000000000000000000001", "native", 3, 5), "from", "40 hex digits");
    assertParameter(() -> investigations().trace(new Investigations.TraceParameters(busy, "0x0000000000000000000000000000000000000001",
        Direction.FORWARD, TaintModel.POISON, 2, java.math.BigInteger.ZERO, Optional.empty(), Optional.empty(), Map.of(), List.of(), 10)), "asset", "account chain");
  }

  @Test
  void clustersAreTheClusterTablesAndPathsThePathFindersOwn() {
    List<String> sample = new ArrayList<>();
    warehouse.query("SELECT address FROM btc.address_dictionary ORDER BY address_id LIMIT 300").rows().forEach(r -> sample.add((String) r.get(0)));
    sample.add("nobody");
    new UtxoWarehouseClustering(warehouse, CHAIN, ClusterConfig.DEFAULT).update(true);
    Investigations.Clusters clusters = investigations().clusters(sample);
    assertThat(clusters.configuration()).contains(ClusterConfig.DEFAULT.id());
    List<List<Object>> expected = warehouse.query("SELECT d.address, c.cluster_id, (SELECT count(*) FROM btc.clusters x WHERE x.cluster_id = c.cluster_id)"
        + " FROM btc.clusters c JOIN btc.address_dictionary d USING (address_id) WHERE d.address_id IN"
        + " (SELECT address_id FROM btc.address_dictionary ORDER BY address_id LIMIT 300)").rows();
    assertThat(expected).as("addresses of the sample in clusters").isNotEmpty();
    assertThat(clusters.byAddress()).hasSize(expected.size());
    for (List<Object> r : expected) {
      assertThat(clusters.byAddress().get((String) r.get(0)))
          .isEqualTo(new Investigations.ClusterMembership(((Number) r.get(1)).longValue(), ((Number) r.get(2)).longValue()));
    }

    List<Object> pair = warehouse.query("SELECT i.address, o.address FROM btc.inputs i JOIN btc.outputs o ON o.txid = i.txid"
        + " WHERE i.address IS NOT NULL AND o.address IS NOT NULL AND i.address <> o.address AND o.value > 0 AND i.value > 0"
        + " ORDER BY i.block_height DESC, i.txid LIMIT 1").rows().get(0);
    List<PathFinder.Path> paths = investigations().paths((String) pair.get(0), (String) pair.get(1), 4, 3);
    assertThat(paths).isNotEmpty().isEqualTo(new PathFinder(new UtxoWarehouseFlowGraph(warehouse, CHAIN))
        .find((String) pair.get(0), (String) pair.get(1), 4, 3));
  }

  private static Investigations.TraceParameters parameters(String from, int hops) {
    return new Investigations.TraceParameters(from, Direction.FORWARD, TaintModel.HAIRCUT, hops, 0, Optional.empty(), Optional.empty(), Map.of(),
        List.of(), 1_000);
  }

  private static void assertParameter(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String parameter, String message) {
    assertThatThrownBy(call).isInstanceOf(InvalidParameterException.class).hasMessageContaining(message)
        .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo(parameter));
  }
}
