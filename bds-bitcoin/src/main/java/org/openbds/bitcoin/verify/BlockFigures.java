package org.openbds.bitcoin.verify;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;
import org.openbds.api.Hash32;

/**
 * One block as the warehouse has it, in the terms {@code getblockstats} uses.
 *
 * @param ins inputs of the non-coinbase transactions
 * @param outs outputs of every transaction, coinbase included
 * @param totalOut value of the non-coinbase transactions' outputs
 * @param fee the sum of the non-coinbase transactions' fees; empty when the warehouse does not know it
 * @param coinbaseValue value of the coinbase's outputs
 * @param scheduledSubsidy the subsidy the chain's schedule allows at this height, when the profile knows the schedule
 */
record BlockFigures(
    long height,
    Hash32 hash,
    long txs,
    long ins,
    long outs,
    long totalOut,
    OptionalLong fee,
    long coinbaseValue,
    TransactionFigures transactions,
    OptionalLong scheduledSubsidy) {
  BlockFigures {
    requireNonNull(hash, "hash is null");
    requireNonNull(fee, "fee is null");
    requireNonNull(transactions, "transactions is null");
    requireNonNull(scheduledSubsidy, "scheduledSubsidy is null");
  }

  /** Figures of a chain whose subsidy schedule is not known. */
  BlockFigures(
      long height, Hash32 hash, long txs, long ins, long outs, long totalOut, OptionalLong fee, long coinbaseValue, TransactionFigures transactions) {
    this(height, hash, txs, ins, outs, totalOut, fee, coinbaseValue, transactions, OptionalLong.empty());
  }
}
