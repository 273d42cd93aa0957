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

  @ParameterizedTest
  @ValueSource(
      strings = {
        "median(t.fee)",
        "avg(t.size)",
        "quantile_cont(t.fee, 0.9)",
        "count(DISTINCT a.address_id)",
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
  void theShippedBitcoinCountsAndSumsAreKeptInPartsAndTheirMediansAndMeansAreNot() {
    MetricCatalog catalog = MetricCatalog.load();
    for (String id :
        List.of("OutCnt", "TxOpRetCnt", "InCnt", "TxRbfCnt", "Dormancy", "TxCnt", "FeeTotNtv", "FeeMaxNtv", "AdrActCnt", "AdrActByHour")) {
      assertThat(splits(catalog, id)).as(id).isTrue();
    }
    for (String id : List.of("FeeMedNtv", "TxMeanByte", "FeeVByteMedNtv")) {
      assertThat(splits(catalog, id)).as(id).isFalse();
    }
  }

  private static boolean splits(MetricCatalog catalog, String id) {
    MetricDefinition m = catalog.metric("bitcoin", id).orElseThrow();
    MetricSource source = catalog.sources("bitcoin").get(m.source());
    assertThat(source.byBlock()).as("%s reads a by-block source", id).isTrue();
    return PartialAggregates.split(m.expression(), source.blockKeys()).isPresent();
  }
}
