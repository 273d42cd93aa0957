package org.openbds.ethereum.devnet;

import com.fasterxml.jackson.databind.JsonNode;

/** What a mined, successful transaction changes in the activity's ledger; it may read the transaction's receipt. */
@FunctionalInterface
interface TransactionEffect {
  TransactionEffect NONE = (ledger, receipt) -> {};

  void apply(DevnetLedger ledger, JsonNode receipt);
}
