package org.openbds.xrp.split;

import static java.util.Objects.requireNonNull;

import org.openbds.api.BlockRef;
import org.openbds.api.DecodedBlock;
import org.openbds.api.Hash32;
import org.openbds.xrp.codec.XrpLedger;

/** A decoded ledger with its rows, built on a decoding thread: what is left for the ordered step is the chaining. */
public record XrpDecodedLedger(XrpLedger ledger, XrpLedgerRows rows, String origin) implements DecodedBlock {
  public XrpDecodedLedger {
    requireNonNull(ledger, "ledger is null");
    requireNonNull(rows, "rows is null");
    requireNonNull(origin, "origin is null");
  }

  @Override
  public BlockRef ref() {
    return ledger.ref();
  }

  @Override
  public Hash32 parent() {
    return ledger.parentHash();
  }

  @Override
  public int transactionCount() {
    return ledger.transactionCount();
  }

  @Override
  public int sizeBytes() {
    return ledger.sizeBytes();
  }
}
