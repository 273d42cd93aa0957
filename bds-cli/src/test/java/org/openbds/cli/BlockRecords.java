package org.openbds.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The framed records (magic, length, block) of a block file, for building altered copies in tests. */
final class BlockRecords {
  private BlockRecords() {}

  static List<byte[]> read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    List<byte[]> records = new ArrayList<>();
    int pos = 0;
    while (pos + 8 <= all.length) {
      int len = (all[pos + 4] & 0xff) | (all[pos + 5] & 0xff) << 8 | (all[pos + 6] & 0xff) << 16 | (all[pos + 7] & 0xff) << 24;
      byte[] rec = new byte[8 + len];
      System.arraycopy(all, pos, rec, 0, rec.length);
      records.add(rec);
      pos += 8 + len;
    }
    return records;
  }

  static void write(Path file, List<byte[]> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] r : records) {
      out.write(r);
    }
    Files.write(file, out.toByteArray());
  }

  /** Offset in the file where record {@code index} starts. */
  static int offsetOf(List<byte[]> records, int index) {
    int offset = 0;
    for (int i = 0; i < index; i++) {
      offset += records.get(i).length;
    }
    return offset;
  }
}
