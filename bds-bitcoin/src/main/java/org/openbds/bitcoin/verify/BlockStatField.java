package org.openbds.bitcoin.verify;

import java.util.OptionalLong;

/**
 * The numeric {@code getblockstats} fields we compare, with how each is derived from the warehouse. Bitcoin Core's
 * definitions (src/rpc/blockchain.cpp): every size, weight and fee figure leaves the coinbase out; {@code ins} leaves
 * the coinbase's input out; {@code outs} counts the coinbase's outputs, {@code total_out} does not; a minimum over no
 * transactions is reported as 0; a fee rate is fee × 4 / weight, rounded down.
 */
enum BlockStatField {
  TXS("txs"),
  INS("ins"),
  OUTS("outs"),
  TOTAL_OUT("total_out"),
  TOTALFEE("totalfee"),
  /**
   * The node reports the subsidy the height allows. Ours comes from the chain profile's subsidy schedule; for a chain
   * without one (Dogecoin) it is coinbase value − fees, equal whenever the miner claimed everything it could.
   */
  SUBSIDY("subsidy"),
  UTXO_INCREASE("utxo_increase"),
  TOTAL_SIZE("total_size"),
  TOTAL_WEIGHT("total_weight"),
  SWTXS("swtxs"),
  SWTOTAL_SIZE("swtotal_size"),
  SWTOTAL_WEIGHT("swtotal_weight"),
  MINTXSIZE("mintxsize"),
  MAXTXSIZE("maxtxsize"),
  MINFEE("minfee"),
  MAXFEE("maxfee"),
  /** totalfee / (txs − 1), integer division; 0 without non-coinbase transactions. */
  AVGFEE("avgfee"),
  /** totalfee × 4 / total_weight (base units per virtual byte), integer division; 0 when the weight is 0. */
  AVGFEERATE("avgfeerate"),
  MINFEERATE("minfeerate"),
  MAXFEERATE("maxfeerate");

  /** BIP141's witness scale factor: weight units per virtual byte. */
  static final int WITNESS_SCALE_FACTOR = 4;

  private final String key;

  BlockStatField(String key) {
    this.key = key;
  }

  /** The field's name in the node's answer. */
  String key() {
    return key;
  }

  /** The warehouse's value for this field; empty when the warehouse does not know it (an unknown fee). */
  OptionalLong ours(BlockFigures b) {
    TransactionFigures t = b.transactions();
    return switch (this) {
      case TXS -> OptionalLong.of(b.txs());
      case INS -> OptionalLong.of(b.ins());
      case OUTS -> OptionalLong.of(b.outs());
      case TOTAL_OUT -> OptionalLong.of(b.totalOut());
      case TOTALFEE -> b.fee();
      case SUBSIDY -> b.scheduledSubsidy().isPresent()
          ? b.scheduledSubsidy()
          : b.fee().isPresent() ? OptionalLong.of(b.coinbaseValue() - b.fee().getAsLong()) : OptionalLong.empty();
      case UTXO_INCREASE -> OptionalLong.of(b.outs() - b.ins());
      case TOTAL_SIZE -> OptionalLong.of(t.size());
      case TOTAL_WEIGHT -> OptionalLong.of(t.weight());
      case SWTXS -> OptionalLong.of(t.witnessTxs());
      case SWTOTAL_SIZE -> OptionalLong.of(t.witnessSize());
      case SWTOTAL_WEIGHT -> OptionalLong.of(t.witnessWeight());
      case MINTXSIZE -> OptionalLong.of(t.minSize());
      case MAXTXSIZE -> OptionalLong.of(t.maxSize());
      case MINFEE -> t.minFee();
      case MAXFEE -> t.maxFee();
      case AVGFEE -> averageFee(b);
      case AVGFEERATE -> averageFeeRate(b);
      case MINFEERATE -> t.minFeeRate();
      case MAXFEERATE -> t.maxFeeRate();
    };
  }

  private static OptionalLong averageFee(BlockFigures b) {
    if (b.txs() <= 1) {
      return OptionalLong.of(0);
    }
    if (b.fee().isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(b.fee().getAsLong() / (b.txs() - 1));
  }

  private static OptionalLong averageFeeRate(BlockFigures b) {
    long weight = b.transactions().weight();
    if (weight == 0) {
      return OptionalLong.of(0);
    }
    if (b.fee().isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.multiplyExact(b.fee().getAsLong(), WITNESS_SCALE_FACTOR) / weight);
  }
}
