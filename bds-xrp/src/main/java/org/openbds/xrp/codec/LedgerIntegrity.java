package org.openbds.xrp.codec;

/**
 * Checks a decoded ledger against its own hashes: the header hash over the header's fields, the transaction tree
 * root over the transactions and their metadata, each transaction's hash over its canonical binary form. A failure
 * is a {@link org.openbds.api.ErrorCode#MALFORMED_BLOCK} naming what does not match.
 */
@FunctionalInterface
public interface LedgerIntegrity {
  /**
   * Checks the ledger and returns the bytes of its transactions and their metadata in the network's binary form: the
   * ledger's size as the network stores it, the same whatever API version or transport printed the answer.
   */
  long check(XrpLedger ledger, String where);
}
