package org.openbds.bitcoin.blockfile;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.BlockSource;
import org.openbds.api.ErrorCode;
import org.openbds.api.SourceBlock;
import org.openbds.bitcoin.blockfile.BlockFileIndex.Entry;
import org.openbds.bitcoin.profile.NetworkParameters;

/**
 * Blocks from a node's {@code blk*.dat} files in height order, whatever order the files store them in. The index is
 * built when the source is opened; block bytes are read lazily as the runtime asks for them.
 */
public final class BlockFileSource implements BlockSource {
  private final BlockFileSet files;
  private final BlockFileIndex index;
  private final NetworkParameters network;
  private final OptionalLong startHeight;
  private BlockFileChain chain;

  private BlockFileSource(BlockFileSet files, BlockFileIndex index, NetworkParameters network, OptionalLong startHeight) {
    this.files = files;
    this.index = index;
    this.network = network;
    this.startHeight = startHeight;
  }

  /**
   * Opens and indexes block files.
   *
   * @param path a blocks directory or one {@code blk*.dat} file
   * @param startHeight the height of the first block when the files hold a chain segment without genesis
   */
  public static BlockFileSource open(Path path, NetworkParameters network, OptionalLong startHeight) {
    requireNonNull(network, "network is null");
    BlockFileSet files = BlockFileSet.open(requireNonNull(path, "path is null"));
    try {
      BlockFileIndex index = BlockFileIndex.scan(files, network.diskMagicBytes());
      return new BlockFileSource(files, index, network, startHeight);
    } catch (RuntimeException e) {
      files.close();
      throw e;
    }
  }

  public BlockFileIndex index() {
    return index;
  }

  /** The chain chosen by the last {@link #blocksAfter} call. */
  public BlockFileChain chain() {
    if (chain == null) {
      throw new IllegalStateException("blocksAfter was not called yet");
    }
    return chain;
  }

  public int fileCount() {
    return files.size();
  }

  public boolean obfuscated() {
    return files.obfuscated();
  }

  @Override
  public Iterator<SourceBlock> blocksAfter(Optional<BlockRef> after) {
    chain = BlockFileChain.build(index, network.genesisHash(), after, startHeight);
    List<Entry> blocks = chain.blocks();
    int first = 0;
    if (after.isPresent()) {
      BlockRef cp = after.get();
      long offset = cp.height() - chain.startHeight();
      if (offset >= 0 && offset < blocks.size()) {
        Entry atCheckpoint = blocks.get((int) offset);
        if (!atCheckpoint.hash().equals(cp.hash())) {
          throw new BdsException(
              ErrorCode.CHECKPOINT_MISMATCH,
              "the warehouse holds block " + cp + " but the files have " + atCheckpoint.hash() + " at that height");
        }
        first = (int) offset + 1;
      } else if (offset >= blocks.size()) {
        first = blocks.size();
      } else if (offset < -1 || (offset == -1 && !blocks.isEmpty() && !blocks.get(0).header().previousHash().equals(cp.hash()))) {
        throw new BdsException(
            ErrorCode.BROKEN_CHAIN,
            "the files start at height " + chain.startHeight() + ", which does not follow the warehouse tip " + cp);
      }
    }
    int start = first;
    return new Iterator<>() {
      private int next = start;

      @Override
      public boolean hasNext() {
        return next < blocks.size();
      }

      @Override
      public SourceBlock next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Entry e = blocks.get(next);
        long height = chain.startHeight() + next;
        next++;
        byte[] payload = files.read(e.file(), e.offset(), e.length());
        String origin = files.file(e.file()).getFileName() + " offset " + (e.offset() - 8) + " (block " + height + " " + e.hash() + ")";
        return new SourceBlock(height, e.hash(), e.header().previousHash(), payload, origin);
      }
    };
  }

  @Override
  public OptionalLong expectedTip() {
    return chain == null ? OptionalLong.empty() : OptionalLong.of(chain.tipHeight());
  }

  @Override
  public void close() {
    files.close();
  }
}
