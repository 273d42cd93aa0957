package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * Bad input stops the import with a message naming the file, offset or block, and leaves the warehouse exactly as
 * it was at its last checkpoint.
 */
class ImportBadInputTest {
  @TempDir Path dir;
  Path data;
  List<byte[]> records;

  @BeforeEach
  void importFirstBlocks() throws IOException {
    records = BlockRecords.read(RealData.dir("bitcoin-mainnet-raw").resolve("blk-mainnet-0-438.dat"));
    data = dir.resolve("data");
    Path good = dir.resolve("good");
    Files.createDirectories(good);
    BlockRecords.write(good.resolve("blk00000.dat"), records);
    Cli.Result r = Cli.run(data, "import", "--chain", "btc", "--blocks", good.toString(), "--stop-at", "199");
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  private String snapshot() {
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      return w.query(
              "SELECT (SELECT tip_height || ':' || tip_hash FROM main.bds_chains WHERE chain = 'btc'),"
                  + " (SELECT COUNT(*) FROM btc.blocks), (SELECT COUNT(*) FROM btc.transactions),"
                  + " (SELECT COUNT(*) FROM btc.tx_inputs), (SELECT COUNT(*) FROM btc.tx_outputs),"
                  + " (SELECT COUNT(*) FROM btc.address_dictionary), (SELECT MAX(height) FROM btc.blocks)")
          .rows()
          .toString();
    }
  }

  private Cli.Result importFiles(List<byte[]> recs, String... extra) throws IOException {
    Path bad = dir.resolve("bad");
    Files.createDirectories(bad);
    BlockRecords.write(bad.resolve("blk00000.dat"), recs);
    List<String> args = new ArrayList<>(List.of("import", "--chain", "btc", "--blocks", bad.toString(), "--batch-tx", "1000000"));
    args.addAll(List.of(extra));
    return Cli.run(data, args.toArray(new String[0]));
  }

  @Test
  void truncatedFile() throws IOException {
    String before = snapshot();
    assertThat(before).contains("199:");
    List<byte[]> recs = new ArrayList<>(records);
    byte[] last = recs.get(recs.size() - 1);
    recs.set(recs.size() - 1, java.util.Arrays.copyOf(last, last.length - 40));
    Cli.Result r = importFiles(recs);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("CORRUPT_BLOCK_FILE")
        .contains("blk00000.dat at offset " + BlockRecords.offsetOf(recs, recs.size() - 1))
        .contains("truncated block");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void badMagic() throws IOException {
    String before = snapshot();
    List<byte[]> recs = new ArrayList<>(records);
    byte[] copy = recs.get(300).clone();
    copy[0] = 0x12;
    recs.set(300, copy);
    Cli.Result r = importFiles(recs);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("bad magic 12beb4d9, expected f9beb4d9")
        .contains("offset " + BlockRecords.offsetOf(recs, 300));
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void corruptTransactionNamesTheBlockAndKeepsEveryBlockBeforeIt() throws IOException {
    List<byte[]> recs = new ArrayList<>(records);
    byte[] copy = recs.get(300).clone();
    copy[copy.length - 20] ^= 0x01; // inside the coinbase output script of block 300
    recs.set(300, copy);
    Cli.Result r = importFiles(recs);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("MALFORMED_BLOCK")
        .contains("block 300 ")
        .contains("offset " + BlockRecords.offsetOf(recs, 300))
        .contains("merkle root mismatch");
    // blocks 200..299 were good: they are committed with the checkpoint at 299, block 300 and later are not
    assertThat(snapshot()).startsWith("[[299:").contains(", 300, ");
  }

  @Test
  void unknownChain() throws IOException {
    String before = snapshot();
    Cli.Result r = Cli.run(data, "import", "--chain", "nocoin", "--blocks", dir.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("UNKNOWN_CHAIN").contains("unknown chain 'nocoin'").contains("btc, doge, etc, eth, ltc");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void wrongNetworkIsRefused() throws IOException {
    String before = snapshot();
    Cli.Result r = importFiles(records, "--network", "testnet");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("blk00000.dat at offset 0: bad magic f9beb4d9, expected 0b110907");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void filesOfAnotherChainAreRefused() throws IOException {
    String before = snapshot();
    Cli.Result r = Cli.run(data, "import", "--chain", "ltc", "--blocks", dir.resolve("good").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("bad magic f9beb4d9, expected fbc0b6db");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void filesOnAnotherBranchThanTheWarehouseAreRefused() throws IOException {
    String before = snapshot();
    // blocks 150..250 rewritten as a competing branch (another nonce at 150, every later block re-linked):
    // the files' block at the warehouse tip height 199 is not the warehouse's
    List<byte[]> recs = new ArrayList<>(records.subList(0, 150));
    byte[] previousHash = null;
    for (int h = 150; h <= 250; h++) {
      byte[] rec = records.get(h).clone();
      if (h == 150) {
        rec[8 + 76] ^= 0x5a;
      } else {
        System.arraycopy(previousHash, 0, rec, 8 + 4, 32);
      }
      previousHash = headerHash(rec);
      recs.add(rec);
    }
    Cli.Result r = importFiles(recs);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("CHECKPOINT_MISMATCH").contains("the warehouse holds block 199:");
    assertThat(snapshot()).isEqualTo(before);
  }

  /** Double SHA-256 of the record's 80-byte header, in wire order (as the next header references it). */
  private static byte[] headerHash(byte[] record) {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      md.update(record, 8, 80);
      return md.digest(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
