package org.openbds.forensics.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.openbds.api.RowWriter;

/** The merges of a clustering run, kept column by column (a run at chain scale makes millions). */
final class MergeLog implements AddressClusters.MergeSink {
  private final List<String> heuristics = new java.util.ArrayList<>();
  private long[][] columns = new long[7][1024];
  private byte[] heuristic = new byte[1024];
  private int size;

  @Override
  public void merged(AddressClusters.Merge m) {
    if (size == heuristic.length) {
      for (int c = 0; c < columns.length; c++) {
        columns[c] = Arrays.copyOf(columns[c], size * 2);
      }
      heuristic = Arrays.copyOf(heuristic, size * 2);
    }
    long[] values = {m.txId(), m.blockHeight(), m.address(), m.other(), m.cluster(), m.otherCluster(), m.into()};
    for (int c = 0; c < values.length; c++) {
      columns[c][size] = values[c];
    }
    int h = heuristics.indexOf(m.heuristic());
    if (h < 0) {
      heuristics.add(m.heuristic());
      h = heuristics.size() - 1;
    }
    heuristic[size] = (byte) h;
    size++;
  }

  int size() {
    return size;
  }

  /** Gives each merge to {@code each}, in the order made. */
  void forEach(Consumer<AddressClusters.Merge> each) {
    for (int i = 0; i < size; i++) {
      each.accept(new AddressClusters.Merge(columns[0][i], columns[1][i], heuristics.get(heuristic[i]), columns[2][i], columns[3][i],
          columns[4][i], columns[5][i], columns[6][i]));
    }
  }

  /** Writes the merges as rows of {@code cluster_merges}. */
  void write(RowWriter w) {
    forEach(m -> {
      w.beginRow();
      w.putLong(m.txId());
      w.putLong(m.blockHeight());
      w.putString(m.heuristic());
      w.putLong(m.address());
      w.putLong(m.other());
      w.putLong(m.cluster());
      w.putLong(m.otherCluster());
      w.putLong(m.into());
      w.endRow();
    });
  }
}
