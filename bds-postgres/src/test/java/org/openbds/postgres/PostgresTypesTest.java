package org.openbds.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openbds.api.Column;
import org.openbds.api.ColumnType;
import org.openbds.api.TableSchema;

class PostgresTypesTest {
  @Test
  void everyColumnTypeHasItsPostgresType() {
    assertThat(PostgresTypes.sqlType(ColumnType.BIGINT)).isEqualTo("BIGINT");
    assertThat(PostgresTypes.sqlType(ColumnType.INTEGER)).isEqualTo("INTEGER");
    assertThat(PostgresTypes.sqlType(ColumnType.BOOLEAN)).isEqualTo("BOOLEAN");
    assertThat(PostgresTypes.sqlType(ColumnType.VARCHAR)).isEqualTo("TEXT COLLATE \"C\"");
    assertThat(PostgresTypes.sqlType(ColumnType.ENUM)).isEqualTo("TEXT COLLATE \"C\"");
    assertThat(PostgresTypes.sqlType(ColumnType.BLOB)).isEqualTo("BYTEA");
    assertThat(PostgresTypes.sqlType(ColumnType.TIMESTAMP)).isEqualTo("TIMESTAMP");
    assertThat(PostgresTypes.sqlType(ColumnType.VARCHAR_LIST)).isEqualTo("TEXT[]");
    assertThat(PostgresTypes.sqlType(ColumnType.DOUBLE)).isEqualTo("DOUBLE PRECISION");
    assertThat(PostgresTypes.sqlType(ColumnType.BIG_INTEGER)).isEqualTo("NUMERIC(78,0)");
    for (ColumnType t : ColumnType.values()) {
      assertThat(PostgresTypes.sqlType(t)).isNotBlank();
    }
  }

  @Test
  void aTableIsCreatedWithQuotedColumnsAndItsEnumerationsChecked() {
    TableSchema t =
        new TableSchema(
            "blocks",
            "blocks",
            "height",
            List.of(
                Column.required("height", ColumnType.BIGINT, "h"),
                Column.required("timestamp", ColumnType.TIMESTAMP, "a reserved word as a name"),
                Column.enumeration("kind", List.of("a", "it's"), true, "e"),
                Column.nullable("value", ColumnType.BIG_INTEGER, "wei")));
    assertThat(PostgresTypes.createTable("eth", t))
        .isEqualTo(
            "CREATE TABLE IF NOT EXISTS eth.blocks (\"height\" BIGINT NOT NULL, \"timestamp\" TIMESTAMP NOT NULL,"
                + " \"kind\" TEXT COLLATE \"C\" CHECK (\"kind\" IN ('a', 'it''s')), \"value\" NUMERIC(78,0))");
  }

  @Test
  void indexesAreAHeightIndexPerTableAndTheLookupsATableHas() {
    TableSchema blocks =
        new TableSchema("blocks", "b", "number", List.of(Column.required("number", ColumnType.BIGINT, "n"), Column.required("hash", ColumnType.VARCHAR, "h")));
    TableSchema logs = new TableSchema("logs", "l", "block_number", List.of(Column.required("block_number", ColumnType.BIGINT, "n")));
    assertThat(PostgresIndexes.statements("eth", List.of(blocks, logs)))
        .containsExactly(
            "CREATE INDEX IF NOT EXISTS bds_height_blocks ON eth.blocks USING brin (\"number\") WITH (pages_per_range = 16, autosummarize = on)",
            "CREATE INDEX IF NOT EXISTS bds_height_logs ON eth.logs USING brin (\"block_number\") WITH (pages_per_range = 16, autosummarize = on)",
            "CREATE INDEX IF NOT EXISTS bds_lookup_blocks_hash ON eth.blocks USING hash (\"hash\")");
  }
}
