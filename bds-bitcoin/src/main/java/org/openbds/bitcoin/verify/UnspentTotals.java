package org.openbds.bitcoin.verify;

/** A count of unspent outputs and their value in base units. */
record UnspentTotals(long outputs, long amount) {}
