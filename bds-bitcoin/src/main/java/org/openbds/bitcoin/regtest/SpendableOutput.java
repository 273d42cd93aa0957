package org.openbds.bitcoin.regtest;

import static java.util.Objects.requireNonNull;

import org.openbds.api.Hash32;
import org.openbds.bitcoin.codec.TxInput;
import org.openbds.bitcoin.generate.BlockSerializer;

/**
 * An output that {@link BulkTransactionBuilder} can spend without a signature: locked by P2WSH or P2SH of an
 * anyone-can-spend {@code script} (see {@link AnyoneCanSpend}). {@code value} is in satoshis. The script array is not
 * copied: treat it as read-only.
 */
record SpendableOutput(Hash32 txid, int vout, long value, Lock lock, byte[] script) {
  /** How the script is wrapped in the output. */
  enum Lock {
    P2WSH,
    P2SH
  }

  /** The sequence of an input that opts out of relative lock times and replacement. */
  static final long FINAL_SEQUENCE = 0xffffffffL;

  SpendableOutput {
    requireNonNull(txid, "txid is null");
    requireNonNull(lock, "lock is null");
    requireNonNull(script, "script is null");
  }

  /** The input spending this output: the script as the only witness item (P2WSH), or pushed by the scriptSig (P2SH). */
  TxInput spendingInput() {
    return switch (lock) {
      case P2WSH -> new TxInput(txid, vout, new byte[0], FINAL_SEQUENCE, 1, BlockSerializer.witnessStack(script));
      case P2SH -> new TxInput(txid, vout, AnyoneCanSpend.push(script), FINAL_SEQUENCE, 0, null);
    };
  }
}
