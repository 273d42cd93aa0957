package org.openbds.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartialAggregatesTest {
  private static final Set<String> KEYS = Set.of("i.tx_id");

  @Test
  void aFilteredCountMergesAsTheSumOfItsParts() {
    PartialAggregates.Split s = PartialAggregates.split("count(*) FILTER (WHERE o.script_type = 'p2pkh')", KEYS).orElseThrow();
    assertThat(s.parts()).containsExactly(new PartialAggregates.Part("count(*) FILTER (WHERE o.script_type = 'p2pkh')", false));
    assertThat(s.merged()).isEqualTo("CAST(sum({part:0}) AS BIGINT)");
  }

  @Test
  void scalarFunctionsAndArithmeticAroundAggregatesAreKept() {
    PartialAggregates.Split s =
        PartialAggregates.split("coalesce(sum(i.value * i.held_days), 0) / nullif(sum(i.value), 0)", KEYS).orElseThrow();
    assertThat(s.parts()).extracting(PartialAggregates.Part::aggregate).containsExactly("sum(i.value * i.held_days)", "sum(i.value)");
    assertThat(s.merged()).isEqualTo("coalesce(sum({part:0}), 0) / nullif(sum({part:1}), 0)");
  }

  @Test
  void theSameAggregateTwiceIsOnePart() {
    PartialAggregates.Split s = PartialAggregates.split("max(t.fee) - min(t.fee) + max(t.fee)", KEYS).orElseThrow();
    assertThat(s.parts()).hasSize(2);
    assertThat(s.merged()).isEqualTo("max({part:0}) - min({part:1}) + max({part:0})");
  }

  @Test
  void stringsWithParenthesesAndQuotesDoNotConfuseTheSplit() {
    PartialAggregates.Split s =
        PartialAggregates.split("count(*) FILTER (WHERE i.script_type IN ('a)b', 'it''s'))", KEYS).orElseThrow();
    assertThat(s.parts()).extracting(PartialAggregates.Part::aggregate)
        .containsExactly("count(*) FILTER (WHERE i.script_type IN ('a)b', 'it''s'))");
  }

  @Test
  void aDistinctCountOfABlockKeyIsTheSumOfTheDistinctCountsOfTheParts() {
    PartialAggregates.Split s = PartialAggregates.split("count(DISTINCT i.tx_id) FILTER (WHERE i.sequence < 10)", KEYS).orElseThrow();
    assertThat(s.parts()).extracting(PartialAggregates.Part::aggregate).containsExactly("count(DISTINCT i.tx_id) FILTER (WHERE i.sequence < 10)");
    assertThat(s.merged()).isEqualTo("CAST(sum({part:0}) AS BIGINT)");
  }

  @Test
  void aDistinctCountOfAnyOtherValueMergesTheListsOfDistinctValues() {
    PartialAggregates.Split s = PartialAggregates.split("count(DISTINCT a.address_id) FILTER (WHERE a.active)", KEYS).orElseThrow();
    assertThat(s.parts()).containsExactly(new PartialAggregates.Part("list(DISTINCT a.address_id) FILTER (WHERE a.active)", false));
    assertThat(s.merged()).isEqualTo("CAST(len(list_distinct(flatten(list({part:0})))) AS BIGINT)");
  }

  @Test
  void mediansQuantilesAndMeansMergeTheListsOfTheirValues() {
    PartialAggregates.Split s =
        PartialAggregates.split("quantile_cont(t.fee, [0.1, 0.9]) FILTER (WHERE NOT t.is_coinbase) + median(t.fee) FILTER (WHERE NOT t.is_coinbase) - avg(t.size)", KEYS)
            .orElseThrow();
    assertThat(s.parts())
        .containsExactly(
            new PartialAggregates.Part("list(t.fee) FILTER (WHERE NOT t.is_coinbase)", false), new PartialAggregates.Part("list(t.size)", true));
    assertThat(s.merged())
        .isEqualTo(
            "list_aggregate(flatten(list({part:0})), 'quantile_cont', [0.1, 0.9]) + list_aggregate(flatten(list({part:0})), 'median')"
                + " - list_aggregate(flatten(list({part:1})), 'avg')");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mode(t.fee)",
        "median()",
        "count(DISTINCT a.x, a.y)",
        "sum(DISTINCT i.tx_id)",
        "sum(t.fee) OVER (ORDER BY t.day)",
        "sum(t.fee) / t.size",
        "arg_max(k.difficulty, k.height)",
        "sum(t.fee) + my_function(1)",
        "count(*) FILTER (WHERE x > 1",
        "sum(\"fee\") + \"size\"",
        "1 + 2"
      })
  void whatCannotBeMergedFromPartsIsNotSplit(String expression) {
    assertThat(PartialAggregates.split(expression, KEYS)).as(expression).isEmpty();
  }

  @Test
  void theShippedBitcoinTransactionInputAndOutputMetricsAreAllKeptInParts() {
    MetricCatalog catalog = MetricCatalog.load();
    for (String id :
        List.of("OutCnt", "TxOpRetCnt", "InCnt", "TxRbfCnt", "Dormancy", "TxCnt", "FeeTotNtv", "FeeMaxNtv", "AdrActCnt", "AdrActByHour",
            "FeeMedNtv", "TxMeanByte", "FeeVByteMedNtv")) {
      assertThat(splits(catalog, id)).as(id).isTrue();
    }
  }

  private static boolean splits(MetricCatalog catalog, String id) {
    MetricDefinition m = catalog.metric("bitcoin", id).orElseThrow();
    MetricSource source = catalog.sources("bitcoin").get(m.source());
    assertThat(source.byBlock()).as("%s reads a by-block source", id).isTrue();
    return PartialAggregates.split(m.expression(), source.blockKeys()).isPresent();
  }
}
