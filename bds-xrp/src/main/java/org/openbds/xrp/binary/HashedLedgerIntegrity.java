package org.openbds.xrp.binary;

import static java.util.Objects.requireNonNull;
import static org.openbds.xrp.codec.JsonFields.malformed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openbds.api.BdsException;
import org.openbds.api.Hash32;
import org.openbds.xrp.codec.LedgerIntegrity;
import org.openbds.xrp.codec.XrpLedger;
import org.openbds.xrp.codec.XrpTransaction;

/**
 * Checks a ledger against its hashes, so that what is stored is what the network validated: the transaction tree
 * root over every transaction and its metadata (when the header names one), else each transaction's hash over its
 * fields, and the header hash when the answer has every header field (older answers lack the parent close time and
 * close flags; their transactions are still checked).
 */
public final class HashedLedgerIntegrity implements LedgerIntegrity {
  private final XrplBinaryCodec codec;
  private final XrplHashes hashes;

  public HashedLedgerIntegrity(XrplBinaryCodec codec) {
    this.codec = requireNonNull(codec, "codec is null");
    this.hashes = new XrplHashes(codec);
  }

  public static HashedLedgerIntegrity standard() {
    return new HashedLedgerIntegrity(XrplBinaryCodec.standard());
  }

  @Override
  public long check(XrpLedger ledger, String where) {
    long bytes;
    try {
      if (ledger.transactionHash().isPresent()) {
        List<XrplTransactionEntry> entries = new ArrayList<>(ledger.transactions().size());
        for (XrpTransaction t : ledger.transactions()) {
          entries.add(new XrplTransactionEntry(t.tx(), t.meta()));
        }
        Hash32 root;
        try {
          XrplHashes.TransactionTree tree = hashes.transactionTree(entries);
          root = tree.root();
          bytes = tree.bytes();
        } catch (BdsException e) {
          throw malformed(where, "the transactions cannot be hashed as the network does: " + e.getMessage());
        }
        if (!root.equals(ledger.transactionHash().get())) {
          checkEachTransaction(ledger, where);
          throw malformed(where, "the transactions and their metadata hash to " + hex(root) + ", not to the header's"
              + " transaction_hash " + hex(ledger.transactionHash().get()) + ": the answer was altered");
        }
      } else {
        bytes = checkEachTransaction(ledger, where);
      }
      if (ledger.accountHash().isPresent() && ledger.parentCloseTime().isPresent() && ledger.closeFlags().isPresent()
          && ledger.transactionHash().isPresent()) {
        Hash32 header = XrplHashes.ledgerHeaderHash(ledger.index(), ledger.totalCoins(), ledger.parentHash(),
            ledger.transactionHash().get(), ledger.accountHash().get(), ledger.parentCloseTime().getAsLong(),
            ledger.closeTime(), ledger.closeTimeResolution(), ledger.closeFlags().getAsInt());
        if (!header.equals(ledger.hash())) {
          throw malformed(where, "the header fields hash to " + hex(header) + ", not to the ledger hash " + hex(ledger.hash())
              + ": the header was altered");
        }
      }
    } catch (IllegalArgumentException e) {
      throw malformed(where, "a field cannot be serialized as the network does: " + e.getMessage());
    }
    return bytes;
  }

  /** Checks every transaction's hash; returns the bytes of the transactions and their metadata in binary form. */
  private long checkEachTransaction(XrpLedger ledger, String where) {
    long bytes = 0;
    for (XrpTransaction t : ledger.transactions()) {
      Hash32 computed;
      try {
        byte[] blob = codec.serializeTransaction(t.tx());
        bytes += blob.length + codec.serializeMetadata(t.meta()).length;
        computed = hashes.transactionHash(t.tx());
      } catch (BdsException e) {
        throw malformed(where + ", transaction " + hex(t.hash()), e.getMessage());
      }
      if (!computed.equals(t.hash())) {
        throw malformed(where, "transaction " + hex(t.hash()) + " hashes to " + hex(computed) + " over its fields: it was altered");
      }
    }
    return bytes;
  }

  private static String hex(Hash32 h) {
    return h.toHex().toUpperCase(Locale.ROOT);
  }
}
