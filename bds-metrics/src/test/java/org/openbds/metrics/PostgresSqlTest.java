package org.openbds.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;

class PostgresSqlTest {
  @Test
  void quantileAggregatesBecomeOrderedSetAggregates() {
    assertThat(PostgresSql.translate("SELECT median(t.fee / t.size) FILTER (WHERE NOT t.c), quantile_disc(x, 0.5) FROM t"))
        .isEqualTo("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t.fee / t.size) FILTER (WHERE NOT t.c), percentile_disc(0.5) WITHIN GROUP (ORDER BY x) FROM t");
    assertThat(PostgresSql.translate("quantile_cont(rate, [0.1, 0.9])")).isEqualTo("percentile_cont(ARRAY[0.1, 0.9]) WITHIN GROUP (ORDER BY rate)");
    // nested, in strings and in comments: only calls are rewritten
    assertThat(PostgresSql.translate("m(median(max(x, 1))) -- median(y)\n, 'median(z)'"))
        .isEqualTo("m(percentile_cont(0.5) WITHIN GROUP (ORDER BY max(x, 1))) -- median(y)\n, 'median(z)'");
    assertThatThrownBy(() -> PostgresSql.translate("quantile_disc(x)")).isInstanceOf(BdsException.class).hasMessageContaining("takes 2 argument(s), not 1");
  }

  @Test
  void digitColumnsBecomeTheTextOfTheExactColumn() {
    assertThat(PostgresSql.translate("CAST(t.value_digits AS HUGEINT), fee_digits = '0', \"odd_digits\""))
        .isEqualTo("CAST(CAST(t.value AS TEXT) AS HUGEINT), CAST(fee AS TEXT) = '0', \"odd_digits\"");
  }

  @Test
  void subqueriesInFromAreNamed() {
    assertThat(PostgresSql.translate("SELECT * FROM (SELECT 1) WHERE x JOIN (VALUES (1)) ON true, (SELECT 2) s"))
        .isEqualTo("SELECT * FROM (SELECT 1) AS subquery_1 WHERE x JOIN (VALUES (1)) AS subquery_2 ON true, (SELECT 2) s");
    assertThat(PostgresSql.translate("SELECT * FROM (SELECT 1) a, range(3) r")).isEqualTo("SELECT * FROM (SELECT 1) a, range(3) r");
  }

  @Test
  void replacedTablesAreDroppedAndMadeAgainTemporaryOnesUntilCommit() {
    assertThat(PostgresSql.statements("-- why\nCREATE OR REPLACE TEMP TABLE m_x AS\nSELECT median(a) FROM t"))
        .containsExactly("DROP TABLE IF EXISTS m_x", "CREATE TEMP TABLE m_x ON COMMIT DROP AS \nSELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY a) FROM t");
    assertThat(PostgresSql.statements("CREATE OR REPLACE TABLE s.m_parts (day DATE, part_0 BIGINT)"))
        .containsExactly("DROP TABLE IF EXISTS s.m_parts", "CREATE TABLE s.m_parts (day DATE, part_0 BIGINT)");
  }

  @Test
  void macrosBecomeFunctionsAndDuckDbSettingsAreLeftOut() {
    assertThat(PostgresSql.statements("CREATE OR REPLACE MACRO s.m_mean(total, n) AS\n  total / n"))
        .containsExactly("CREATE OR REPLACE FUNCTION s.m_mean(total anycompatible, n anycompatible) RETURNS NUMERIC LANGUAGE sql IMMUTABLE PARALLEL SAFE"
            + " AS $macro$ SELECT total / n $macro$");
    assertThat(PostgresSql.statements("SET dynamic_or_filter_threshold = 50000")).isEmpty();
    assertThat(PostgresSql.statements("RESET dynamic_or_filter_threshold")).isEmpty();
  }
}
