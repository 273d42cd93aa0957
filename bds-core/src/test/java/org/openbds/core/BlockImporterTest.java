package org.openbds.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.BlockRows;
import org.openbds.api.BlockSource;
import org.openbds.api.BlockSplitter;
import org.openbds.api.BlockTable;
import org.openbds.api.ChainId;
import org.openbds.api.Column;
import org.openbds.api.ColumnType;
import org.openbds.api.DecodedBlock;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.QueryResult;
import org.openbds.api.RowHandler;
import org.openbds.api.RowWriter;
import org.openbds.api.SourceBlock;
import org.openbds.api.TableSchema;
import org.openbds.api.ViewSchema;
import org.openbds.api.Warehouse;
import org.openbds.api.WriteTransaction;

/** The importer's pipeline against hand-written fakes: ordering, batching, and what a failure leaves behind. */
class BlockImporterTest {
  private static final ChainId CHAIN = new ChainId("fake");

  static Hash32 hash(long n) {
    byte[] b = new byte[32];
    for (int i = 0; i < 8; i++) {
      b[31 - i] = (byte) (n >>> (8 * i));
    }
    b[0] = 1;
    return Hash32.of(b);
  }

  record Block(BlockRef ref, Hash32 parent) implements DecodedBlock {
    @Override
    public int transactionCount() {
      return 10;
    }

    @Override
    public int sizeBytes() {
      return 100;
    }
  }

  /** Decodes the height from the payload; fails to write the block at {@code failAt}. */
  static final class FakeSplitter implements BlockSplitter<Block> {
    final long failAt;
    final long corruptAt;

    FakeSplitter(long failAt, long corruptAt) {
      this.failAt = failAt;
      this.corruptAt = corruptAt;
    }

    @Override
    public List<TableSchema> tables() {
      return List.of(new TableSchema("t", "", "h", List.of(Column.required("h", ColumnType.BIGINT, ""))));
    }

    @Override
    public List<ViewSchema> views() {
      return List.of();
    }

    @Override
    public BlockTable blockTable() {
      return new BlockTable("t", "h", "hash", "parent");
    }

    @Override
    public Block decode(SourceBlock block) {
      if (block.height() == corruptAt) {
        throw new BdsException(ErrorCode.MALFORMED_BLOCK, "corrupt " + block.height());
      }
      return new Block(block.ref(), block.parent());
    }

    @Override
    public void load(Warehouse warehouse, ChainId chain) {}

    @Override
    public BlockRows resolve(Block block) {
      long h = block.ref().height();
      return tx -> {
        if (h == failAt) {
          throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "disk full at " + h);
        }
        RowWriter w = tx.table("t");
        w.beginRow();
        w.putLong(h);
        w.endRow();
      };
    }
  }

  /** Keeps committed heights; a transaction's rows become visible only at commit. */
  static final class FakeWarehouse implements Warehouse {
    final List<Long> committed = new ArrayList<>();
    BlockRef checkpoint;
    int rollbacks;
    String writerThread;

    @Override
    public void ensureChain(ChainId chain, String network, List<TableSchema> tables, List<ViewSchema> views) {}

    @Override
    public Optional<BlockRef> checkpoint(ChainId chain) {
      return Optional.ofNullable(checkpoint);
    }

    @Override
    public Optional<String> queuePosition(ChainId chain) {
      return Optional.empty();
    }

    @Override
    public Optional<String> network(ChainId chain) {
      return Optional.of("test");
    }

    @Override
    public List<ChainId> chains() {
      return List.of(CHAIN);
    }

    @Override
    public WriteTransaction begin(ChainId chain) {
      List<Long> pending = new ArrayList<>();
      writerThread = Thread.currentThread().getName();
      return new WriteTransaction() {
        boolean done;

        @Override
        public RowWriter table(String table) {
          return new RowWriter() {
            @Override
            public void beginRow() {}

            @Override
            public void putLong(long value) {
              pending.add(value);
            }

            @Override
            public void putInt(int value) {}

            @Override
            public void putBoolean(boolean value) {}

            @Override
            public void putString(String value) {}

            @Override
            public void putBytes(byte[] value) {}

            @Override
            public void putEpochSeconds(long epochSeconds) {}

            @Override
            public void putStringList(List<String> values) {}

            @Override
            public void putDouble(double value) {}

            @Override
            public void putBigInteger(java.math.BigInteger value) {}

            @Override
            public void putNull() {}

            @Override
            public void endRow() {}
          };
        }

        @Override
        public void deleteFromHeight(long height) {}

        @Override
        public void commit(BlockRef tip, Optional<String> queuePosition) {
          committed.addAll(pending);
          checkpoint = tip;
          done = true;
        }

        @Override
        public void close() {
          if (!done) {
            rollbacks++;
          }
        }
      };
    }

    @Override
    public QueryResult query(String sql, Object... parameters) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void stream(String sql, RowHandler handler) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void executeAtomically(List<String> statements) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void loadAtomically(List<String> before, List<org.openbds.api.TableLoad> loads, List<String> after) {
      throw new UnsupportedOperationException();
    }

    @Override
    public org.openbds.api.SqlDialect dialect() {
      return org.openbds.api.SqlDialect.DUCKDB;
    }

    @Override
    public long sizeBytes() {
      return 0;
    }

    @Override
    public void close() {}
  }

  static BlockSource chainOf(int blocks) {
    return new BlockSource() {
      @Override
      public Iterator<SourceBlock> blocksAfter(Optional<BlockRef> after) {
        List<SourceBlock> out = new ArrayList<>();
        for (long h = after.map(r -> r.height() + 1).orElse(0L); h < blocks; h++) {
          out.add(new SourceBlock(h, hash(h), h == 0 ? Hash32.ZERO : hash(h - 1), new byte[0], "block " + h));
        }
        return out.iterator();
      }

      @Override
      public OptionalLong expectedTip() {
        return OptionalLong.of(blocks - 1);
      }

      @Override
      public void close() {}
    };
  }

  private static ImportConfig batchesOf(int blocks) {
    // each fake block has 10 transactions
    return ImportConfig.defaults().withDecodeThreads(3).withBatchTransactions(blocks * 10);
  }

  @Test
  void appliesEveryBlockInOrderAndCommitsPerBatch() {
    FakeWarehouse w = new FakeWarehouse();
    List<ImportProgress> progress = new ArrayList<>();
    ImportResult r = new BlockImporter<>(w, CHAIN, "test", new FakeSplitter(-1, -1), batchesOf(7), progress::add).run(chainOf(100));
    List<Long> expected = new ArrayList<>();
    for (long h = 0; h < 100; h++) {
      expected.add(h);
    }
    assertThat(w.committed).isEqualTo(expected);
    assertThat(w.checkpoint).isEqualTo(new BlockRef(99, hash(99)));
    assertThat(r.blocks()).isEqualTo(100);
    assertThat(r.transactions()).isEqualTo(1000);
    assertThat(progress).hasSize(15); // 14 full batches of 7 and the remaining 2 blocks
    assertThat(w.writerThread).isEqualTo("write-fake");
  }

  @Test
  void aWriteFailureRollsBackTheOpenBatchOnly() {
    FakeWarehouse w = new FakeWarehouse();
    assertThatThrownBy(() -> new BlockImporter<>(w, CHAIN, "test", new FakeSplitter(23, -1), batchesOf(10), p -> {}).run(chainOf(100)))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("disk full at 23");
    assertThat(w.committed).hasSize(20);
    assertThat(w.checkpoint).isEqualTo(new BlockRef(19, hash(19)));
    assertThat(w.rollbacks).isEqualTo(1);
  }

  @Test
  void aDecodeFailureCommitsTheBlocksBeforeIt() {
    FakeWarehouse w = new FakeWarehouse();
    assertThatThrownBy(() -> new BlockImporter<>(w, CHAIN, "test", new FakeSplitter(-1, 57), batchesOf(10), p -> {}).run(chainOf(100)))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("corrupt 57");
    assertThat(w.committed).hasSize(57);
    assertThat(w.checkpoint).isEqualTo(new BlockRef(56, hash(56)));
    assertThat(w.rollbacks).isZero();
  }

  @Test
  void resumesAfterTheCheckpointAndRefusesABrokenLink() {
    FakeWarehouse w = new FakeWarehouse();
    w.checkpoint = new BlockRef(59, hash(59));
    ImportResult r = new BlockImporter<>(w, CHAIN, "test", new FakeSplitter(-1, -1), batchesOf(10), p -> {}).run(chainOf(80));
    assertThat(r.startedAfter()).contains(new BlockRef(59, hash(59)));
    assertThat(w.committed).first().isEqualTo(60L);
    assertThat(w.committed).hasSize(20);

    FakeWarehouse other = new FakeWarehouse();
    other.checkpoint = new BlockRef(59, hash(12345)); // the source's block 60 does not extend this tip
    assertThatThrownBy(() -> new BlockImporter<>(other, CHAIN, "test", new FakeSplitter(-1, -1), batchesOf(10), p -> {}).run(chainOf(80)))
        .isInstanceOf(BdsException.class)
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.BROKEN_CHAIN));
    assertThat(other.committed).isEmpty();
  }

  @Test
  void stopsAfterTheRequestedHeight() {
    FakeWarehouse w = new FakeWarehouse();
    new BlockImporter<>(w, CHAIN, "test", new FakeSplitter(-1, -1), batchesOf(10).withStopAfterHeight(33), p -> {}).run(chainOf(100));
    assertThat(w.checkpoint).isEqualTo(new BlockRef(33, hash(33)));
    assertThat(w.committed).hasSize(34);
  }
}
