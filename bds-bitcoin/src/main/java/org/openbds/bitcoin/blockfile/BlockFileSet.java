package org.openbds.bitcoin.blockfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The {@code blk*.dat} files of a node's blocks directory (or one file), in file-number order, with Bitcoin Core's
 * optional {@code xor.dat} obfuscation key applied transparently on every read.
 */
public final class BlockFileSet implements AutoCloseable {
  private static final Pattern BLK = Pattern.compile("blk(\\d+)\\.dat");

  private final List<Path> files;
  private final FileChannel[] channels;
  private final byte[] xorKey;

  private BlockFileSet(List<Path> files, byte[] xorKey) {
    this.files = List.copyOf(files);
    this.channels = new FileChannel[files.size()];
    this.xorKey = xorKey;
  }

  /** Opens a directory of {@code blk*.dat} files, or a single block file. */
  public static BlockFileSet open(Path path) {
    if (!Files.exists(path)) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no such file or directory: " + path);
    }
    List<Path> files = new ArrayList<>();
    byte[] key = null;
    Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
    if (Files.isDirectory(path)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(path, "blk*.dat")) {
        for (Path p : ds) {
          if (BLK.matcher(p.getFileName().toString()).matches()) {
            files.add(p);
          }
        }
      } catch (IOException e) {
        throw new BdsException(ErrorCode.IO_FAILURE, "cannot list " + path + ": " + e.getMessage(), e);
      }
      files.sort((a, b) -> Long.compare(number(a), number(b)));
      if (files.isEmpty()) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no blk*.dat files in " + path);
      }
    } else {
      files.add(path);
    }
    Path xor = dir == null ? null : dir.resolve("xor.dat");
    if (xor != null && Files.isRegularFile(xor)) {
      try {
        key = Files.readAllBytes(xor);
      } catch (IOException e) {
        throw new BdsException(ErrorCode.IO_FAILURE, "cannot read " + xor + ": " + e.getMessage(), e);
      }
      if (key.length != 8) {
        throw new BdsException(ErrorCode.CORRUPT_BLOCK_FILE, xor + ": an obfuscation key has 8 bytes, found " + key.length);
      }
      boolean allZero = true;
      for (byte b : key) {
        allZero &= b == 0;
      }
      if (allZero) {
        key = null;
      }
    }
    return new BlockFileSet(files, key);
  }

  private static long number(Path p) {
    Matcher m = BLK.matcher(p.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
  }

  public int size() {
    return files.size();
  }

  public Path file(int index) {
    return files.get(index);
  }

  public boolean obfuscated() {
    return xorKey != null;
  }

  public long length(int index) {
    try {
      return channel(index).size();
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot stat " + files.get(index) + ": " + e.getMessage(), e);
    }
  }

  /** Reads exactly {@code length} bytes at {@code offset} of file {@code index}, de-obfuscated. */
  public byte[] read(int index, long offset, int length) {
    byte[] out = new byte[length];
    read(index, offset, out, length);
    return out;
  }

  /** Reads up to {@code length} bytes into {@code out}; returns how many were available before the end of file. */
  public int read(int index, long offset, byte[] out, int length) {
    ByteBuffer buf = ByteBuffer.wrap(out, 0, length);
    try {
      FileChannel ch = channel(index);
      long pos = offset;
      while (buf.hasRemaining()) {
        int n = ch.read(buf, pos);
        if (n < 0) {
          break;
        }
        pos += n;
      }
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot read " + files.get(index) + " at offset " + offset + ": " + e.getMessage(), e);
    }
    int got = buf.position();
    if (xorKey != null) {
      for (int i = 0; i < got; i++) {
        out[i] ^= xorKey[(int) ((offset + i) & 7)];
      }
    }
    return got;
  }

  private synchronized FileChannel channel(int index) throws IOException {
    if (channels[index] == null) {
      channels[index] = FileChannel.open(files.get(index), StandardOpenOption.READ);
    }
    return channels[index];
  }

  @Override
  public synchronized void close() {
    for (int i = 0; i < channels.length; i++) {
      if (channels[i] != null) {
        try {
          channels[i].close();
        } catch (IOException e) {
          throw new BdsException(ErrorCode.IO_FAILURE, "cannot close " + files.get(i), e);
        }
        channels[i] = null;
      }
    }
  }
}
