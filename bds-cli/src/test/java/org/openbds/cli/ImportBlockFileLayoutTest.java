package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * The same real blocks stored the ways a node stores them — out of height order across several files, with zero
 * padding, duplicates, a stale competing block, xor obfuscation, or imported in several runs — give the same tables.
 */
class ImportBlockFileLayoutTest {
  @TempDir static Path dir;
  static List<byte[]> records;
  static String reference;

  @BeforeAll
  static void referenceImport() throws IOException {
    Path file = RealData.dir("bitcoin-mainnet-raw").resolve("blk-mainnet-0-438.dat");
    records = BlockRecords.read(file);
    reference = importAndDump("reference", file.toString());
  }

  /** Every base table, every row, in a fixed order: two warehouses with equal dumps hold the same data. */
  static String dump(Path data) {
    StringBuilder sb = new StringBuilder();
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      for (String sql :
          List.of(
              "SELECT * EXCLUDE (coinbase_data), hex(coinbase_data) FROM btc.blocks ORDER BY height",
              "SELECT * FROM btc.transactions ORDER BY tx_id",
              "SELECT * FROM btc.tx_inputs ORDER BY tx_id, vin",
              "SELECT * EXCLUDE (script_sig, witness), hex(script_sig), hex(witness) FROM btc.input_scripts ORDER BY tx_id, vin",
              "SELECT * FROM btc.tx_outputs ORDER BY tx_id, vout",
              "SELECT * EXCLUDE (data, script), hex(data), hex(script) FROM btc.output_scripts ORDER BY tx_id, vout",
              "SELECT * FROM btc.address_dictionary ORDER BY address_id",
              "SELECT tip_height, tip_hash FROM main.bds_chains")) {
        sb.append(w.query(sql).rows()).append('\n');
      }
    }
    return sb.toString();
  }

  static String importAndDump(String name, String blocks, String... extra) {
    Path data = dir.resolve(name + "-data");
    List<String> args = new ArrayList<>(List.of("import", "--chain", "btc", "--blocks", blocks));
    args.addAll(List.of(extra));
    Cli.Result r = Cli.run(data, args.toArray(new String[0]));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return dump(data);
  }

  @Test
  void outOfOrderAcrossFilesWithPaddingDuplicatesAndAStaleBlock() throws IOException {
    List<byte[]> shuffled = new ArrayList<>(records);
    Random random = new Random(42);
    // node-like disorder: blocks arrive out of order within windows, children often before parents
    for (int start = 1; start < shuffled.size(); start += 16) {
      Collections.shuffle(shuffled.subList(start, Math.min(shuffled.size(), start + 16)), random);
    }
    shuffled.add(200, records.get(123)); // stored twice
    byte[] stale = records.get(300).clone();
    stale[8 + 76] ^= 0x01; // same parent and work as block 300, stored later: loses the tie
    shuffled.add(stale);
    Path blocks = dir.resolve("layout");
    Files.createDirectories(blocks);
    int third = shuffled.size() / 3;
    writeWithPadding(blocks.resolve("blk00000.dat"), shuffled.subList(0, third));
    writeWithPadding(blocks.resolve("blk00001.dat"), shuffled.subList(third, 2 * third));
    writeWithPadding(blocks.resolve("blk00002.dat"), shuffled.subList(2 * third, shuffled.size()));
    Files.writeString(blocks.resolve("rev00000.dat"), "undo data is not a block file");

    Path data = dir.resolve("layout-data");
    Cli.Result r = Cli.run(data, "import", "--chain", "btc", "--blocks", blocks.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("3 file(s), 440 records, 1 duplicates, 1 stale, 0 unconnected");
    assertThat(dump(data)).isEqualTo(reference);
  }

  @Test
  void xorObfuscatedFiles() throws IOException {
    byte[] key = {(byte) 0x9f, 0x21, 0x00, 0x7e, (byte) 0xc3, 0x55, 0x01, (byte) 0xaa};
    Path blocks = dir.resolve("xor");
    Files.createDirectories(blocks);
    byte[] plain = Files.readAllBytes(RealData.dir("bitcoin-mainnet-raw").resolve("blk-mainnet-0-438.dat"));
    byte[] obfuscated = new byte[plain.length];
    for (int i = 0; i < plain.length; i++) {
      obfuscated[i] = (byte) (plain[i] ^ key[i % 8]);
    }
    Files.write(blocks.resolve("blk00000.dat"), obfuscated);
    Files.write(blocks.resolve("xor.dat"), key);
    Path data = dir.resolve("xor-data");
    Cli.Result r = Cli.run(data, "import", "--chain", "btc", "--blocks", blocks.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("(xor-obfuscated)");
    assertThat(dump(data)).isEqualTo(reference);
  }

  @Test
  void importInSeveralRunsEqualsOneRun() throws IOException {
    Path file = RealData.dir("bitcoin-mainnet-raw").resolve("blk-mainnet-0-438.dat");
    Path data = dir.resolve("resume-data");
    for (String stop : List.of("0", "57", "58", "300")) {
      Cli.Result r = Cli.run(data, "import", "--chain", "btc", "--blocks", file.toString(), "--stop-at", stop, "--batch-tx", "7");
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    Cli.Result last = Cli.run(data, "import", "--chain", "btc", "--blocks", file.toString(), "--threads", "1");
    assertThat(last.exitCode()).as(last.err()).isZero();
    assertThat(last.out()).contains("resumed after: 300:");
    assertThat(dump(data)).isEqualTo(reference);
  }

  @Test
  void laterFilesContinueTheChain() throws IOException {
    // the node's files are imported as they appear: blk00000 first, later blk00001 alone
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    Files.createDirectories(first);
    Files.createDirectories(second);
    BlockRecords.write(first.resolve("blk00000.dat"), records.subList(0, 250));
    BlockRecords.write(second.resolve("blk00001.dat"), records.subList(250, records.size()));
    Path data = dir.resolve("continue-data");
    assertThat(Cli.run(data, "import", "--chain", "btc", "--blocks", first.toString()).exitCode()).isZero();
    Cli.Result r = Cli.run(data, "import", "--chain", "btc", "--blocks", second.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(dump(data)).isEqualTo(reference);
  }

  private static void writeWithPadding(Path file, List<byte[]> recs) throws IOException {
    BlockRecords.write(file, recs);
    // nodes preallocate block files in chunks: the unused tail is zeros
    Files.write(file, new byte[4096 + 13], java.nio.file.StandardOpenOption.APPEND);
  }
}
