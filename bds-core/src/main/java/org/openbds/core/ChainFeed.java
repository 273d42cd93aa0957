package org.openbds.core;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.openbds.api.BdsException;
import org.openbds.api.BdsMessages;
import org.openbds.api.BlockQueue;
import org.openbds.api.BlockRef;
import org.openbds.api.BlockSplitter;
import org.openbds.api.ChainId;
import org.openbds.api.DecodedBlock;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.QueueMessage;
import org.openbds.api.QueueRecord;
import org.openbds.api.SourceBlock;
import org.openbds.api.Warehouse;
import org.openbds.core.queue.BlockMessageCodec;
import org.openbds.core.queue.QueuePosition;

/**
 * One chain of a {@link QueueConsumer}: its pipeline into the warehouse, its queue position (committed with its rows)
 * and what it did. See {@link QueueConsumer} for what each kind of record does.
 */
final class ChainFeed<D extends DecodedBlock> implements AutoCloseable {
  private final BlockQueue queue;
  private final Warehouse warehouse;
  private final ChainId chain;
  private final String network;
  private final Optional<BdsMessages> bds;
  private final ConsumeConfig config;
  private final QueueConsumer.Listener listener;
  private final BooleanSupplier stop;
  private final BlockPipeline<D> pipeline;
  private final ChainIntegrity integrity;

  private QueuePosition position;
  private boolean bulkLoading;
  long blocks;
  long transactions;
  long rollbacks;
  long duplicates;
  long stale;
  long deadLetters;

  ChainFeed(BlockQueue queue, Warehouse warehouse, ChainId chain, String network, BlockSplitter<D> splitter, Optional<BdsMessages> bds,
      ConsumeConfig config, QueueConsumer.Listener listener, BooleanSupplier stop) {
    this.queue = requireNonNull(queue, "queue is null");
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.chain = requireNonNull(chain, "chain is null");
    this.network = requireNonNull(network, "network is null");
    this.bds = requireNonNull(bds, "bds is null");
    this.config = requireNonNull(config, "config is null");
    this.listener = requireNonNull(listener, "listener is null");
    this.stop = requireNonNull(stop, "stop is null");
    warehouse.ensureChain(chain, network, splitter.tables(), splitter.views());
    this.integrity = new ChainIntegrity(warehouse, chain, splitter.blockTable());
    this.pipeline = new BlockPipeline<>(warehouse, chain, splitter, config.importConfig(), listener::progress);
  }

  ChainId chain() {
    return chain;
  }

  Optional<BlockRef> tip() {
    return pipeline.tip();
  }

  /** Where the next record of each partition is, as committed. */
  Map<Integer, Long> next() {
    return position.next();
  }

  /**
   * Reads the committed state again (after start-up, or after another consumer of a group may have applied this
   * chain's records): the position, the tip and the splitter's state; repairs a damaged block table.
   */
  void reload() {
    pipeline.invalidate();
    if (pipeline.tip().isEmpty() && !bulkLoading) {
      // a chain loaded from nothing: lookup indexes are made in bulk once it has caught up
      warehouse.beginBulkLoad(chain);
      bulkLoading = true;
    }
    position = warehouse.queuePosition(chain).map(QueuePosition::parse).filter(p -> p.topic().equals(config.topic()))
        .orElse(QueuePosition.start(config.topic()));
    Optional<ChainIntegrity.Damage> damage = integrity.check(pipeline.tip());
    if (damage.isPresent()) {
      // the rows no longer match the stored position: cut them back and read the topic again from its start (what is
      // held is recognised as duplicates)
      long h = damage.get().height();
      Optional<Hash32> below = h > integrity.firstHeight().orElse(Long.MAX_VALUE) ? integrity.hashAt(h - 1) : Optional.empty();
      if (below.isEmpty()) {
        throw new BdsException(
            ErrorCode.WAREHOUSE_FAILURE,
            "chain " + chain + " is damaged at its first block " + h + " (" + damage.get().reason() + "); remove the chain's schema and split again");
      }
      position = QueuePosition.start(config.topic());
      pipeline.rollBackTo(new BlockRef(h - 1, below.get()), true, Optional.of(position.format()));
    }
  }

  /** Applies this chain's records (in their order); records already applied (before the stored position) are skipped. */
  void handle(List<QueueRecord> records) {
    int i = 0;
    while (i < records.size() && !stop.getAsBoolean()) {
      QueueRecord r = records.get(i);
      if (r.offset() < position.next().getOrDefault(r.partition(), 0L)) {
        i++;
        continue;
      }
      QueueMessage m;
      try {
        m = read(r);
      } catch (BdsException e) {
        deadLetter(r, e.getMessage(), e.code());
        i++;
        continue;
      }
      Optional<BlockRef> tip = pipeline.tip();
      if (m instanceof QueueMessage.Rollback rb) {
        rollBack(r, rb, tip);
        i++;
        continue;
      }
      SourceBlock b = ((QueueMessage.Block) m).block();
      if (tip.isPresent() && b.height() <= tip.get().height()) {
        if (integrity.hashAt(b.height()).equals(Optional.of(b.hash()))) {
          duplicates++;
        } else if (bds.isPresent()) {
          // a BDS topic announces a reorg by the new branch's first block alone
          Optional<Hash32> parent = b.height() == 0 ? Optional.empty() : integrity.hashAt(b.height() - 1);
          if (!parent.equals(Optional.of(b.parent()))) {
            deadLetter(r, "block " + b.ref() + " replaces a held block but its parent " + b.parent().toHex() + " is not the warehouse's block at "
                + (b.height() - 1), ErrorCode.BROKEN_CHAIN);
            i++;
            continue;
          }
          BlockRef ancestor = new BlockRef(b.height() - 1, parent.get());
          pipeline.rollBackTo(ancestor, false, Optional.of(position.format()));
          rollbacks++;
          listener.rollback(tip.get(), ancestor);
          continue;
        } else {
          stale++;
        }
        position = position.after(r);
        i++;
        continue;
      }
      if (!links(tip, b)) {
        deadLetter(r, "block " + b.ref() + " does not extend the warehouse's tip " + tip.map(Object::toString).orElse("(none)")
            + ": a gap or a broken parent link (parent " + b.parent().toHex() + ")", ErrorCode.BROKEN_CHAIN);
        i++;
        continue;
      }
      i = applyRun(records, i, tip);
    }
  }

  /** Applies the linked blocks from {@code records[from]} on; returns the index of the first record not applied. */
  private int applyRun(List<QueueRecord> records, int from, Optional<BlockRef> tip) {
    List<SourceBlock> run = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    Map<Long, String> positions = new HashMap<>();
    QueuePosition p = position;
    Optional<BlockRef> current = tip;
    int j = from;
    for (; j < records.size(); j++) {
      QueueRecord r = records.get(j);
      QueueMessage m;
      try {
        m = read(r);
      } catch (BdsException e) {
        break;
      }
      if (!(m instanceof QueueMessage.Block block) || !links(current, block.block())) {
        break;
      }
      run.add(block.block());
      indexes.add(j);
      p = p.after(r);
      positions.put(block.block().height(), p.format());
      current = Optional.of(block.block().ref());
    }
    long before = tip.map(BlockRef::height).orElse(-1L);
    try {
      BlockPipeline.Pass pass = pipeline.apply(run.iterator(), OptionalLong.empty(), -1, false, ref -> Optional.ofNullable(positions.get(ref.height())));
      count(pass);
      if (pass.unlinked().isEmpty()) {
        position = p;
        return j;
      }
      // the bytes decode to another block than the message says
      int bad = advanceTo(records, from, indexes, pass.tip(), before);
      deadLetter(records.get(bad), "the block's bytes decode to block " + pass.unlinked().get() + ", which does not extend " + pass.tip().map(Object::toString).orElse("(none)"),
          ErrorCode.BROKEN_CHAIN);
      return bad + 1;
    } catch (BdsException e) {
      if (e.code() != ErrorCode.MALFORMED_BLOCK) {
        throw e;
      }
      // what decoded before the bad block is committed; the bad block goes to the dead letters
      Optional<BlockRef> committed = pipeline.tip();
      int bad = advanceTo(records, from, indexes, committed, before);
      deadLetter(records.get(bad), e.getMessage(), e.code());
      return bad + 1;
    }
  }

  /**
   * Moves the position past the records of the blocks committed (up to {@code committed}) and returns the index of
   * the record of the first block that was not.
   */
  private int advanceTo(List<QueueRecord> records, int from, List<Integer> indexes, Optional<BlockRef> committed, long before) {
    long applied = committed.map(BlockRef::height).orElse(-1L) - before;
    int bad = indexes.get((int) applied);
    for (int k = from; k < bad; k++) {
      position = position.after(records.get(k));
    }
    return bad;
  }

  private void count(BlockPipeline.Pass pass) {
    blocks += pass.blocks();
    transactions += pass.transactions();
  }

  private void rollBack(QueueRecord r, QueueMessage.Rollback rb, Optional<BlockRef> tip) {
    BlockRef ancestor = rb.ancestor();
    if (tip.isEmpty() || tip.get().height() <= ancestor.height()) {
      duplicates++;
      position = position.after(r);
      return;
    }
    Optional<Hash32> ours = integrity.hashAt(ancestor.height());
    if (!ours.equals(Optional.of(ancestor.hash()))) {
      deadLetter(r, "a rollback to " + ancestor + ", but the warehouse holds " + ours.map(Hash32::toHex).orElse("no block") + " at that height",
          ErrorCode.BROKEN_CHAIN);
      return;
    }
    position = position.after(r);
    pipeline.rollBackTo(ancestor, false, Optional.of(position.format()));
    rollbacks++;
    listener.rollback(tip.get(), ancestor);
  }

  private QueueMessage read(QueueRecord r) {
    if (bds.isPresent()) {
      return new QueueMessage.Block(chain, network, bds.get().envelope(r.value(), r.where()));
    }
    QueueMessage m = BlockMessageCodec.decode(r.value(), r.where());
    if (!m.chain().equals(chain)) {
      throw new BdsException(ErrorCode.MALFORMED_BLOCK, "queue record " + r.where() + " is keyed " + r.key() + " but holds a message of " + m.chain());
    }
    if (!m.network().equals(network)) {
      throw new BdsException(ErrorCode.CHECKPOINT_MISMATCH, "queue record " + r.where() + " holds " + chain + " " + m.network() + ", not " + network);
    }
    return m;
  }

  private static boolean links(Optional<BlockRef> tip, SourceBlock b) {
    return tip.isEmpty() || b.height() == tip.get().height() + 1 && b.parent().equals(tip.get().hash());
  }

  /** Sends {@code r} to the dead-letter topic with {@code reason}; stops with it unless configured to continue. */
  /** Sends a record this feed was given but cannot read to the dead letters (see {@link #deadLetter}). */
  void setAside(QueueRecord r, String reason) {
    deadLetter(r, reason, ErrorCode.MALFORMED_BLOCK);
  }

  private void deadLetter(QueueRecord r, String reason, ErrorCode code) {
    queue.ensureTopic(config.deadLetterTopic(), 1);
    try (BlockQueue.Publisher dead = queue.publisher(config.deadLetterTopic())) {
      dead.send(r.key(), r.value(), Map.of(
          "bds.reason", reason, "bds.topic", r.topic(), "bds.partition", Integer.toString(r.partition()), "bds.offset", Long.toString(r.offset())));
    }
    deadLetters++;
    listener.deadLetter(r, reason, config.deadLetterTopic());
    if (config.onPoison() == ConsumeConfig.OnPoison.STOP) {
      throw new BdsException(code, reason + " (record " + r.where() + ", now in the dead-letter topic " + config.deadLetterTopic() + ")");
    }
    position = position.after(r);
  }

  /** Called when everything stored has been applied (and at the end): the chain's lookup indexes exist. */
  void caughtUp() {
    // only the consumer that loaded the chain makes its indexes (in a group, another member may hold it meanwhile)
    if (bulkLoading && blocks > 0) {
      warehouse.endBulkLoad(chain);
      bulkLoading = false;
    }
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
