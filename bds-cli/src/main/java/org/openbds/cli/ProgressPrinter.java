package org.openbds.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import org.openbds.core.ImportProgress;

/**
 * Prints import progress to the error stream: a bar redrawn in place on a terminal, a line at most every few seconds
 * otherwise (logs, CI).
 */
final class ProgressPrinter implements Consumer<ImportProgress> {
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final boolean terminal;
  private long lastPrint;
  private boolean printed;

  ProgressPrinter(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public void accept(ImportProgress p) {
    long now = System.nanoTime();
    if (!terminal && printed && now - lastPrint < 5_000_000_000L) {
      return;
    }
    lastPrint = now;
    printed = true;
    StringBuilder line = new StringBuilder();
    long height = p.tip().height();
    if (p.expectedTip().isPresent() && p.expectedTip().getAsLong() > 0) {
      double fraction = Math.min(1.0, (double) height / p.expectedTip().getAsLong());
      int filled = (int) Math.round(fraction * WIDTH);
      line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
      line.append(String.format("%5.1f%% ", fraction * 100));
    }
    line.append(String.format("height %,d", height));
    p.expectedTip().ifPresent(t -> line.append(String.format("/%,d", t)));
    line.append(String.format("  %,d blocks  %,d tx  %,.0f tx/s", p.blocks(), p.transactions(), p.transactionsPerSecond()));
    if (p.expectedTip().isPresent() && p.blocks() > 0) {
      long remaining = p.expectedTip().getAsLong() - height;
      double secondsPerBlock = p.elapsedNanos() / 1e9 / p.blocks();
      line.append("  ETA ").append(duration((long) (remaining * secondsPerBlock)));
    }
    if (terminal) {
      out.print("\r" + line + "   ");
    } else {
      out.println(line);
    }
    out.flush();
  }

  void finish() {
    if (terminal && printed) {
      out.println();
      out.flush();
    }
  }

  static String duration(long seconds) {
    if (seconds >= 3600) {
      return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
    if (seconds >= 60) {
      return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
    return seconds + "s";
  }
}
