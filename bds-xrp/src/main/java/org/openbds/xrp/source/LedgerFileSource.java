package org.openbds.xrp.source;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.BlockSource;
import org.openbds.api.ErrorCode;
import org.openbds.api.SourceBlock;
import org.openbds.xrp.codec.XrpLedgerDecoder;
import org.openbds.xrp.codec.XrpLedgerDecoder.LedgerHeader;

/**
 * Recorded {@code ledger} answers, one JSON file per ledger (any name ending in {@code .json}, in a directory and its
 * subdirectories, or one file). The files must hold consecutive ledgers, each the child of the one before: a missing
 * ledger, a ledger twice, or a broken parent link is a {@link ErrorCode#BROKEN_CHAIN} naming the files, found before
 * anything is delivered.
 */
public final class LedgerFileSource implements BlockSource {
  private record Entry(LedgerHeader header, Path file) {}

  private final List<Entry> ledgers;

  private LedgerFileSource(List<Entry> ledgers) {
    this.ledgers = ledgers;
  }

  public static LedgerFileSource open(Path path) {
    requireNonNull(path, "path is null");
    List<Path> files;
    if (Files.isRegularFile(path)) {
      files = List.of(path);
    } else if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json")).sorted().toList();
      } catch (IOException e) {
        throw new BdsException(ErrorCode.IO_FAILURE, "cannot list " + path + ": " + e.getMessage(), e);
      }
    } else {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no such file or directory: " + path);
    }
    if (files.isEmpty()) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, path + " holds no .json ledger files");
    }
    List<Entry> entries = new ArrayList<>();
    for (Path f : files) {
      entries.add(new Entry(XrpLedgerDecoder.header(XrpLedgerDecoder.parse(read(f), f.toString()), f.toString()), f));
    }
    entries.sort(Comparator.comparingLong(e -> e.header().index()));
    for (int i = 1; i < entries.size(); i++) {
      Entry before = entries.get(i - 1);
      Entry e = entries.get(i);
      long gap = e.header().index() - before.header().index();
      if (gap == 0) {
        throw broken("ledger " + e.header().index() + " is in two files: " + before.file() + " and " + e.file());
      }
      if (gap > 1) {
        throw broken("ledgers " + (before.header().index() + 1) + "–" + (e.header().index() - 1) + " are missing between "
            + before.file() + " and " + e.file());
      }
      if (!e.header().parent().equals(before.header().hash())) {
        throw broken(e.file() + ": ledger " + e.header().index() + " names parent " + e.header().parent().toHex()
            + ", but ledger " + before.header().index() + " in " + before.file() + " has hash " + before.header().hash().toHex());
      }
    }
    return new LedgerFileSource(List.copyOf(entries));
  }

  private static BdsException broken(String message) {
    return new BdsException(ErrorCode.BROKEN_CHAIN, message);
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot read " + f + ": " + e.getMessage(), e);
    }
  }

  /** The first and last ledger the files hold. */
  public long firstIndex() {
    return ledgers.get(0).header().index();
  }

  @Override
  public Iterator<SourceBlock> blocksAfter(Optional<BlockRef> after) {
    int start = 0;
    if (after.isPresent()) {
      long h = after.get().height();
      if (h < firstIndex() - 1 || h > expectedTip().getAsLong()) {
        throw new BdsException(ErrorCode.CHECKPOINT_MISMATCH, "the warehouse is at ledger " + h + ", but the files hold ledgers "
            + firstIndex() + "–" + expectedTip().getAsLong() + ": they do not continue it");
      }
      start = (int) (h - firstIndex() + 1);
      Entry at = start > 0 ? ledgers.get(start - 1) : null;
      boolean known = at != null ? at.header().hash().equals(after.get().hash()) : ledgers.get(0).header().parent().equals(after.get().hash());
      if (!known) {
        throw new BdsException(ErrorCode.CHECKPOINT_MISMATCH, "the warehouse's ledger " + after.get() + " is not the one the files hold at that index");
      }
    }
    int first = start;
    return new Iterator<>() {
      private int next = first;

      @Override
      public boolean hasNext() {
        return next < ledgers.size();
      }

      @Override
      public SourceBlock next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Entry e = ledgers.get(next++);
        return new SourceBlock(e.header().index(), e.header().hash(), e.header().parent(), read(e.file()), e.file().toString());
      }
    };
  }

  @Override
  public OptionalLong expectedTip() {
    return OptionalLong.of(ledgers.get(ledgers.size() - 1).header().index());
  }

  @Override
  public void close() {}
}
