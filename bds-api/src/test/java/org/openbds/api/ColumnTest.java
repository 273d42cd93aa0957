package org.openbds.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ColumnTest {
  @Test
  void refusesTheNamesOfPostgresSystemColumns() {
    assertThatThrownBy(() -> Column.nullable("ctid", ColumnType.VARCHAR, "the compact transaction id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PostgreSQL system column");
    assertThatThrownBy(() -> Column.required("XMIN", ColumnType.BIGINT, "a minimum")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Column.nullable("compact_tx_id", ColumnType.VARCHAR, "the compact transaction id").name()).isEqualTo("compact_tx_id");
  }

  @Test
  void enumValuesGoWithEnumColumnsOnly() {
    assertThatThrownBy(() -> new Column("kind", ColumnType.VARCHAR, false, "a kind", java.util.List.of("a")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Column.enumeration("kind", java.util.List.of("a", "b"), false, "a kind").enumValues()).containsExactly("a", "b");
  }
}
