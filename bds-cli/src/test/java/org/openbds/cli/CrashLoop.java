package org.openbds.cli;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The loop of every family's crash test: a {@code bds sync} process is started, killed with SIGKILL at a random
 * instant, and started again, until it has been killed often enough. A quarter of the kills come at a random instant
 * after the start (warehouse recovery, the block table's check, the first fetch); the others at a random instant after
 * the run's first commit, so that a loaded machine still sees kills in the middle of a catch-up. Should a run catch up
 * before its kill, the node's chain is lengthened and the runs go on. After every kill the warehouse must be
 * consistent, and hold at least every block committed before it.
 */
final class CrashLoop {
  /** What a family's test gives the loop. */
  interface Target {
    /** Starts a sync process writing its output to {@code log}. */
    Process start(Path log) throws Exception;

    /** The warehouse's tip, after checking that its checkpoint and its rows agree. */
    long consistentTip() throws Exception;

    /** Makes the node's chain longer, so that the next runs have work again; returns the node's new tip. */
    long lengthen() throws Exception;
  }

  /** The loop's result: the kills, those that came after the run had committed, and the node's tip at the end. */
  record Outcome(int kills, int killsWithProgress, List<String> history, long nodeTip) {}

  private final Path dir;
  private final Random random;
  private final int kills;
  private final int maxRuns;
  private final boolean noRepair;

  /**
   * @param noRepair whether to check that no restart had anything to repair (a crash never leaves rows without their
   *     checkpoint)
   */
  CrashLoop(Path dir, long seed, int kills, int maxRuns, boolean noRepair) {
    this.dir = requireNonNull(dir, "dir is null");
    this.random = new Random(seed);
    this.kills = kills;
    this.maxRuns = maxRuns;
    this.noRepair = noRepair;
  }

  Outcome run(long nodeTip, Target target) throws Exception {
    int killed = 0;
    int killedWithProgress = 0;
    long lastTip = -1;
    long tipOfNode = nodeTip;
    List<String> history = new ArrayList<>();
    for (int run = 0; killed < kills; run++) {
      assertThat(run).as("runs so far: %s", history).isLessThan(maxRuns);
      Path log = dir.resolve("run-" + run + ".log");
      Process p = target.start(log);
      boolean duringStartUp = random.nextInt(4) == 0;
      long delayMillis = duringStartUp ? 300 + random.nextInt(2200) : random.nextInt(1200);
      boolean endedFirst = (!duringStartUp && !awaitFirstCommit(p, log)) || p.waitFor(delayMillis, TimeUnit.MILLISECONDS);
      if (endedFirst) {
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        assertThat(target.consistentTip()).isEqualTo(tipOfNode);
        tipOfNode = target.lengthen();
        history.add("caught up; chain lengthened to " + tipOfNode);
        continue;
      }
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      killed++;
      long tip = target.consistentTip();
      history.add((duringStartUp ? "start+" : "commit+") + delayMillis + "ms→" + tip);
      if (duringStartUp) {
        assertThat(tip).as("a kill lost committed blocks: %s", history).isGreaterThanOrEqualTo(lastTip);
      } else {
        // the run committed blocks before it was killed: they are all there
        assertThat(tip).as("a kill lost committed blocks: %s", history).isGreaterThan(lastTip);
        killedWithProgress++;
      }
      lastTip = tip;
      if (noRepair) {
        assertThat(Files.readString(log)).as("a restart found nothing to repair").doesNotContain("repair:");
      }
    }
    System.out.println("crash test: " + killed + " SIGKILLs, " + killedWithProgress + " after progress: " + history);
    assertThat(killedWithProgress).as("kills that interrupted a catch-up in progress: %s", history).isGreaterThanOrEqualTo(kills / 2);
    return new Outcome(killed, killedWithProgress, List.copyOf(history), tipOfNode);
  }

  /** Waits until the run prints its first progress line, which it does at its first commit; false when it ends first. */
  private static boolean awaitFirstCommit(Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(log).contains("% height ")) {
      if (p.waitFor(20, TimeUnit.MILLISECONDS)) {
        return false;
      }
      assertThat(System.nanoTime()).as("the run's first commit within 60 s").isLessThan(deadline);
    }
    return true;
  }
}
