package org.openbds.bitcoin.regtest;

/** What a {@link BulkChainBuilder} has made: blocks with our transactions, and those transactions (coinbases not counted). */
public record BulkTally(int blocks, long transactions) {}
