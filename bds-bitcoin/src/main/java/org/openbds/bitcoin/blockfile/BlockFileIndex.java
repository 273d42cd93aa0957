package org.openbds.bitcoin.blockfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;
import org.openbds.bitcoin.codec.BlockHeader;

/**
 * Every block record in a set of block files: where it is and what its header says. Built by one sequential scan that
 * reads only the 8-byte framing and the 80-byte header of each record. Zero padding (preallocated file space) is
 * skipped; a bad magic, an implausible length or a record running past the end of its file stops the scan with
 * {@link ErrorCode#CORRUPT_BLOCK_FILE} naming the file and offset.
 */
public final class BlockFileIndex {
  /** Largest block record accepted (BCH allows 32 MB blocks; BSV more, within what one array can hold). */
  static final int MAX_BLOCK_BYTES = 1 << 30;

  /** One record: file, offset of the block bytes (after the framing), length and parsed header. */
  public record Entry(int file, long offset, int length, BlockHeader header, int sequence) {
    public Hash32 hash() {
      return header.hash();
    }
  }

  private final List<Entry> entries;
  private final Map<Hash32, Entry> byHash;
  private final int duplicates;

  private BlockFileIndex(List<Entry> entries, Map<Hash32, Entry> byHash, int duplicates) {
    this.entries = entries;
    this.byHash = byHash;
    this.duplicates = duplicates;
  }

  public static BlockFileIndex scan(BlockFileSet files, byte[] magic) {
    BitcoinBlockCodec codec = new BitcoinBlockCodec(false);
    List<Entry> entries = new ArrayList<>();
    Map<Hash32, Entry> byHash = new HashMap<>();
    int duplicates = 0;
    byte[] frame = new byte[8 + BitcoinBlockCodec.HEADER_SIZE];
    for (int f = 0; f < files.size(); f++) {
      long size = files.length(f);
      long pos = 0;
      while (pos < size) {
        int got = files.read(f, pos, frame, (int) Math.min(frame.length, size - pos));
        if (isZero(frame, Math.min(got, 4))) {
          long next = skipZeros(files, f, pos, size);
          if (next >= size) {
            break;
          }
          pos = next;
          continue;
        }
        String where = files.file(f).getFileName() + " at offset " + pos;
        if (got < 8) {
          throw new BdsException(ErrorCode.CORRUPT_BLOCK_FILE, where + ": truncated record header (" + got + " bytes before end of file)");
        }
        if (!Arrays.equals(frame, 0, 4, magic, 0, 4)) {
          throw new BdsException(
              ErrorCode.CORRUPT_BLOCK_FILE, where + ": bad magic " + hex(frame, 0, 4) + ", expected " + hex(magic, 0, 4));
        }
        long length = (frame[4] & 0xffL) | (frame[5] & 0xffL) << 8 | (frame[6] & 0xffL) << 16 | (frame[7] & 0xffL) << 24;
        if (length < BitcoinBlockCodec.HEADER_SIZE + 1 || length > MAX_BLOCK_BYTES) {
          throw new BdsException(ErrorCode.CORRUPT_BLOCK_FILE, where + ": implausible block length " + length);
        }
        if (pos + 8 + length > size) {
          throw new BdsException(
              ErrorCode.CORRUPT_BLOCK_FILE,
              where + ": truncated block: record says " + length + " bytes, only " + (size - pos - 8) + " left in the file");
        }
        BlockHeader header = codec.decodeHeader(frame, 8);
        Entry e = new Entry(f, pos + 8, (int) length, header, entries.size());
        if (byHash.putIfAbsent(header.hash(), e) == null) {
          entries.add(e);
        } else {
          duplicates++;
        }
        pos += 8 + length;
      }
    }
    return new BlockFileIndex(List.copyOf(entries), byHash, duplicates);
  }

  private static long skipZeros(BlockFileSet files, int f, long from, long size) {
    byte[] buf = new byte[1 << 16];
    long pos = from;
    while (pos < size) {
      int got = files.read(f, pos, buf, (int) Math.min(buf.length, size - pos));
      for (int i = 0; i < got; i++) {
        if (buf[i] != 0) {
          return pos + i;
        }
      }
      pos += got;
    }
    return size;
  }

  private static boolean isZero(byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return n > 0;
  }

  private static String hex(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append(String.format("%02x", b[i] & 0xff));
    }
    return sb.toString();
  }

  public List<Entry> entries() {
    return entries;
  }

  public Entry get(Hash32 hash) {
    return byHash.get(hash);
  }

  /** Records whose block was already seen earlier in the files (same hash stored twice). */
  public int duplicates() {
    return duplicates;
  }
}
