package org.openbds.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/** The sandbox's tables of names, without a server: which functions pass, and how a statement's first word is found. */
class PostgresSandboxCheckTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "pg_read_file", "PG_LS_DIR", "pg_stat_file", "pg_terminate_backend", "pg_advisory_xact_lock", "pg_notify", "pg_reload_conf",
        "lo_import", "lo_export", "loread", "dblink", "dblink_exec", "set_config", "current_setting", "nextval", "setval",
        "query_to_xml", "cursor_to_xml", "table_to_xml", "ts_stat", "txid_current", "binary_upgrade_set_next_pg_type_oid"
      })
  void refusesFunctionsThatReachOutside(String name) {
    assertThatThrownBy(() -> PostgresSandboxCheck.checkFunction(name))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_REFUSED))
        .hasMessageContaining(name.toLowerCase(java.util.Locale.ROOT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sum", "count", "upper", "date_trunc", "generate_series", "pg_typeof", "pg_sleep", "pg_size_pretty", "coalesce"})
  void passesFunctionsThatOnlyCompute(String name) {
    assertThatCode(() -> PostgresSandboxCheck.checkFunction(name)).doesNotThrowAnyException();
  }

  @Test
  void findsTheFirstWordAfterCommentsAndParentheses() {
    Map<String, String> words = new LinkedHashMap<>();
    words.put("SELECT 1", "SELECT");
    words.put("  with x as (select 1) select * from x", "WITH");
    words.put("((SELECT 1))", "SELECT");
    words.put("-- SELECT\nDELETE FROM t", "DELETE");
    words.put("/* a /* nested */ comment */ DROP TABLE t", "DROP");
    words.put("/* a /* nested */ SELECT", "");
    words.put("42", "");
    words.forEach((sql, word) -> assertThat(PostgresSandboxCheck.firstWord(sql)).as(sql).isEqualTo(word));
  }

  @Test
  void everyRefusedNodeNamesWhatItDoes() {
    assertThat(PostgresSandboxCheck.REFUSED_NODES).containsKeys("ModifyTable", "LockRows");
    assertThat(List.copyOf(PostgresSandboxCheck.REFUSED_NODES.values())).allSatisfy(m -> assertThat(m).containsPattern("not (allowed|readable) here$"));
  }
}
