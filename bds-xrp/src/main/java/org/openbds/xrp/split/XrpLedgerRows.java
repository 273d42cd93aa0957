package org.openbds.xrp.split;

import java.util.List;
import org.openbds.api.BlockRows;
import org.openbds.api.WriteTransaction;

/** The rows of one ledger, every cell computed and checked before the first is written. */
public final class XrpLedgerRows implements BlockRows {
  private final List<Cells> rows;

  XrpLedgerRows(List<Cells> rows) {
    this.rows = List.copyOf(rows);
  }

  List<Cells> rows() {
    return rows;
  }

  @Override
  public void write(WriteTransaction out) {
    for (Cells row : rows) {
      row.write(out.table(row.table()));
    }
  }
}
