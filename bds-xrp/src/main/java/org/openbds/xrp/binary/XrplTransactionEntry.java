package org.openbds.xrp.binary;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A transaction of a ledger with its metadata, both as rippled prints them (the JSON is only read, never changed).
 * This is the unit of the ledger's transaction tree.
 */
public record XrplTransactionEntry(JsonNode transaction, JsonNode metadata) {
  public XrplTransactionEntry {
    requireNonNull(transaction, "transaction is null");
    requireNonNull(metadata, "metadata is null");
  }
}
