package org.openbds.cli;

import static java.util.Objects.requireNonNull;

import org.openbds.api.BlockRef;
import org.openbds.core.BlockPipeline;
import org.openbds.core.ImportProgress;
import org.openbds.core.SyncListener;

/** Two sync listeners as one: every event goes to the first, then to the second. */
final class TeeListener implements SyncListener {
  private final SyncListener first;
  private final SyncListener second;

  TeeListener(SyncListener first, SyncListener second) {
    this.first = requireNonNull(first, "first is null");
    this.second = requireNonNull(second, "second is null");
  }

  @Override
  public void progress(ImportProgress progress) {
    first.progress(progress);
    second.progress(progress);
  }

  @Override
  public void caughtUp(BlockRef tip, long nodeTip) {
    first.caughtUp(tip, nodeTip);
    second.caughtUp(tip, nodeTip);
  }

  @Override
  public void block(BlockPipeline.AppliedBlock block, long nodeTip) {
    first.block(block, nodeTip);
    second.block(block, nodeTip);
  }

  @Override
  public void settled(BlockRef tip) {
    first.settled(tip);
    second.settled(tip);
  }

  @Override
  public void reorg(BlockRef oldTip, BlockRef ancestor) {
    first.reorg(oldTip, ancestor);
    second.reorg(oldTip, ancestor);
  }

  @Override
  public void repaired(long height, String reason, BlockRef ancestor) {
    first.repaired(height, reason, ancestor);
    second.repaired(height, reason, ancestor);
  }
}
