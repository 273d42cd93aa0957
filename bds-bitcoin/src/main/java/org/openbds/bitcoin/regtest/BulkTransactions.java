package org.openbds.bitcoin.regtest;

import java.util.List;
import org.openbds.bitcoin.generate.SerializedTransaction;

/**
 * A block's worth of transactions from {@link BulkTransactionBuilder}, in block order, their total weight, and the
 * outputs spendable once they are on the chain.
 */
record BulkTransactions(List<SerializedTransaction> transactions, long weight, List<SpendableOutput> spendableAfter) {
  BulkTransactions {
    transactions = List.copyOf(transactions);
    spendableAfter = List.copyOf(spendableAfter);
  }
}
