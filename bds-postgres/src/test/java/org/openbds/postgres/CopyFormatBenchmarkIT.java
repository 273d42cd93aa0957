package org.openbds.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openbds.api.RowWriter;
import org.postgresql.ds.PGSimpleDataSource;

/** COPY's text and binary formats against each other on 100,000 rows (-Dbds.copy.benchmark=true to run). */
@EnabledIfSystemProperty(named = "bds.copy.benchmark", matches = "true")
class CopyFormatBenchmarkIT {
  private static final int ROWS = 100_000;
  private static final int ROUNDS = 7;

  @Test
  void textAgainstBinary() throws Exception {
    try (TestingPostgres server = new TestingPostgres()) {
      PostgresUrl url = server.freshDatabase();
      PGSimpleDataSource source = new PGSimpleDataSource();
      source.setServerNames(new String[] {url.host()});
      source.setPortNumbers(new int[] {url.port()});
      source.setDatabaseName(url.database());
      source.setUser(url.user());
      source.setPassword(url.password().orElseThrow());
      try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE outputs (tx_id BIGINT NOT NULL, vout INTEGER NOT NULL, block_height BIGINT NOT NULL, value BIGINT NOT NULL,"
            + " script_type TEXT COLLATE \"C\" NOT NULL CHECK (script_type IN ('p2pkh', 'p2sh', 'p2wpkh')), address_id BIGINT, time TIMESTAMP NOT NULL,"
            + " is_coinbase BOOLEAN NOT NULL)");
        st.execute("CREATE TABLE transfers (hash TEXT COLLATE \"C\" NOT NULL, block_number BIGINT NOT NULL, from_address TEXT COLLATE \"C\","
            + " to_address TEXT COLLATE \"C\", value NUMERIC(78,0), input BYTEA, topics TEXT[])");
        c.setAutoCommit(false);
        for (String table : List.of("outputs", "transfers")) {
          TableColumns columns = TableColumns.read(c, "public", table);
          BiFunction<CopySession, TableColumns, CopyRowWriter> text = TextCopyWriter::new;
          BiFunction<CopySession, TableColumns, CopyRowWriter> binary = BinaryCopyWriter::new;
          List<Long> textMs = new ArrayList<>();
          List<Long> binaryMs = new ArrayList<>();
          for (int round = 0; round < ROUNDS; round++) {
            textMs.add(load(c, columns, text, table));
            binaryMs.add(load(c, columns, binary, table));
          }
          Collections.sort(textMs);
          Collections.sort(binaryMs);
          System.out.printf("COPY of %,d rows into %s: text median %d ms (best %d), binary median %d ms (best %d)%n", ROWS, table,
              textMs.get(ROUNDS / 2), textMs.get(0), binaryMs.get(ROUNDS / 2), binaryMs.get(0));
        }
      }
    }
  }

  private static long load(Connection c, TableColumns columns, BiFunction<CopySession, TableColumns, CopyRowWriter> format, String table) throws Exception {
    long t0 = System.nanoTime();
    CopyRowWriter w = format.apply(new CopySession(c), columns);
    for (int i = 0; i < ROWS; i++) {
      if (table.equals("outputs")) {
        output(w, i);
      } else {
        transfer(w, i);
      }
    }
    w.finish();
    c.commit();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    try (Statement st = c.createStatement()) {
      assertThat(countOf(st, table)).isEqualTo(ROWS);
      st.execute("TRUNCATE " + table);
    }
    c.commit();
    return ms;
  }

  private static long countOf(Statement st, String table) throws Exception {
    try (var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void output(RowWriter w, int i) {
    w.beginRow();
    w.putLong(1_000_000_000L + i / 3);
    w.putInt(i % 3);
    w.putLong(800_000 + i / 3000);
    w.putLong(50_000L * i);
    w.putString(i % 7 == 0 ? "p2sh" : "p2wpkh");
    if (i % 11 == 0) {
      w.putNull();
    } else {
      w.putLong(500_000_000L + i * 7L);
    }
    w.putEpochSeconds(1_700_000_000L + i / 3000 * 600);
    w.putBoolean(i % 3000 == 0);
    w.endRow();
  }

  private static void transfer(RowWriter w, int i) {
    w.beginRow();
    w.putString(String.format("0x%064x", i * 2654435761L));
    w.putLong(19_000_000 + i / 200);
    w.putString(String.format("0x%040x", i * 40503L));
    w.putString(String.format("0x%040x", i * 69069L));
    w.putBigInteger(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(i)));
    w.putBytes(new byte[] {(byte) 0xa9, 0x05, (byte) 0x9c, (byte) 0xbb, (byte) i, (byte) (i >> 8)});
    w.putStringList(List.of("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", String.format("0x%064x", i)));
    w.endRow();
  }
}
