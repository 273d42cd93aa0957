package org.openbds.bitcoin.generate;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Writes blocks into {@code blk00000.dat}, {@code blk00001.dat}, … the way Bitcoin Core stores them: each record is the
 * 4-byte disk magic, the block length as 4 bytes little-endian, then the block. A block goes to a new file when the
 * current one is not empty and would reach the size limit ({@code size + 8 + block >= max}, Core's rule). Optionally
 * the files are XOR-obfuscated with an 8-byte key by file offset (Core 28+), and blocks are written in a shuffled order
 * within runs of consecutive blocks (Core stores blocks in arrival order). Not thread-safe.
 */
final class BlockFileWriter implements Closeable {
  private static final int RECORD_HEADER = 8;
  private static final int XOR_CHUNK = 1 << 16;

  private final Path directory;
  private final byte[] magic;
  private final long maxFileBytes;
  private final byte[] xorKey;
  private final int reorderWindow;
  private final SeededRandom shuffle;
  private final List<byte[]> pending = new ArrayList<>();
  private final byte[] recordHeader = new byte[RECORD_HEADER];
  private final byte[] xorBuffer = new byte[XOR_CHUNK];
  private OutputStream file;
  private int fileNumber = -1;
  private long fileSize;
  private long blocksSeen;

  /**
   * @param xorKey 8 bytes, or an empty array for plain files
   * @param reorderWindow 1 for height order, else the length of the runs shuffled
   * @param shuffle the randomness of the shuffle, separate from the chain's so storage options never change the chain
   */
  BlockFileWriter(Path directory, byte[] magic, long maxFileBytes, byte[] xorKey, int reorderWindow, SeededRandom shuffle) {
    this.directory = requireNonNull(directory, "directory is null");
    this.magic = requireNonNull(magic, "magic is null").clone();
    this.xorKey = requireNonNull(xorKey, "xorKey is null").clone();
    this.shuffle = requireNonNull(shuffle, "shuffle is null");
    if (magic.length != 4 || (xorKey.length != 0 && xorKey.length != 8)) {
      throw new IllegalArgumentException("magic has 4 bytes and an XOR key 8");
    }
    this.maxFileBytes = maxFileBytes;
    this.reorderWindow = reorderWindow;
  }

  static String fileName(int number) {
    return String.format("blk%05d.dat", number);
  }

  /** Takes the next block in height order; {@code block[0, length)} is copied if it has to wait for its run. */
  void write(byte[] block, int length) {
    long sequence = blocksSeen++;
    if (reorderWindow <= 1 || sequence == 0) {
      // genesis always comes first: a node writes it when it creates its data directory
      append(block, length);
      return;
    }
    pending.add(Arrays.copyOf(block, length));
    if (pending.size() == reorderWindow) {
      flushPending();
    }
  }

  /** Number of files started so far. */
  int files() {
    return fileNumber + 1;
  }

  @Override
  public void close() {
    flushPending();
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        throw new BdsException(ErrorCode.IO_FAILURE, "cannot close " + fileName(fileNumber) + ": " + e.getMessage(), e);
      } finally {
        file = null;
      }
    }
  }

  private void flushPending() {
    for (int i = pending.size() - 1; i > 0; i--) {
      int j = shuffle.nextInt(i + 1);
      byte[] t = pending.get(i);
      pending.set(i, pending.get(j));
      pending.set(j, t);
    }
    for (byte[] block : pending) {
      append(block, block.length);
    }
    pending.clear();
  }

  private void append(byte[] block, int length) {
    long record = (long) RECORD_HEADER + length;
    try {
      if (file == null || (fileSize > 0 && fileSize + record >= maxFileBytes)) {
        nextFile();
      }
      System.arraycopy(magic, 0, recordHeader, 0, 4);
      ByteSink.putUint32(recordHeader, 4, length);
      put(recordHeader, RECORD_HEADER);
      put(block, length);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot write " + directory.resolve(fileName(fileNumber)) + ": " + e.getMessage(), e);
    }
  }

  private void nextFile() throws IOException {
    if (file != null) {
      file.close();
    }
    fileNumber++;
    fileSize = 0;
    Path path = directory.resolve(fileName(fileNumber));
    file = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 20);
  }

  private void put(byte[] data, int length) throws IOException {
    if (xorKey.length == 0) {
      file.write(data, 0, length);
      fileSize += length;
      return;
    }
    for (int from = 0; from < length; from += XOR_CHUNK) {
      int n = Math.min(XOR_CHUNK, length - from);
      for (int i = 0; i < n; i++) {
        xorBuffer[i] = (byte) (data[from + i] ^ xorKey[(int) ((fileSize + i) & 7)]);
      }
      file.write(xorBuffer, 0, n);
      fileSize += n;
    }
  }
}
