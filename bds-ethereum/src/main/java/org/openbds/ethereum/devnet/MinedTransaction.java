package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.openbds.api.Hash32;

/** A planned transaction as mined: its hash, block and position, and its receipt. */
record MinedTransaction(PlannedTransaction plan, Hash32 hash, long blockNumber, int index, JsonNode receipt) {
  MinedTransaction {
    requireNonNull(plan, "plan is null");
    requireNonNull(hash, "hash is null");
    requireNonNull(receipt, "receipt is null");
  }
}
