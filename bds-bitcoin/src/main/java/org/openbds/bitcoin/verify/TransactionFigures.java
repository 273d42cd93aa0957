package org.openbds.bitcoin.verify;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * What a block's non-coinbase transactions add up to in the warehouse, aggregated the way {@code getblockstats}
 * aggregates them. Fee figures are empty when a transaction's fee is unknown (it spends an output the warehouse does
 * not hold). Sizes and weights in bytes and weight units, fees in base units, fee rates in base units per virtual byte.
 */
record TransactionFigures(
    long size,
    long weight,
    long witnessTxs,
    long witnessSize,
    long witnessWeight,
    long minSize,
    long maxSize,
    OptionalLong minFee,
    OptionalLong maxFee,
    OptionalLong minFeeRate,
    OptionalLong maxFeeRate) {
  /** A block with nothing but its coinbase: the node reports zero for every figure, minimums included. */
  static final TransactionFigures NONE =
      new TransactionFigures(0, 0, 0, 0, 0, 0, 0, OptionalLong.of(0), OptionalLong.of(0), OptionalLong.of(0), OptionalLong.of(0));

  TransactionFigures {
    requireNonNull(minFee, "minFee is null");
    requireNonNull(maxFee, "maxFee is null");
    requireNonNull(minFeeRate, "minFeeRate is null");
    requireNonNull(maxFeeRate, "maxFeeRate is null");
  }
}
