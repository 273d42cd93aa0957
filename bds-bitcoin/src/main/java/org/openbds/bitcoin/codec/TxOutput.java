package org.openbds.bitcoin.codec;

/** A transaction output: an amount in the chain's base unit (satoshi) and the locking script. */
public record TxOutput(long value, byte[] script) {}
