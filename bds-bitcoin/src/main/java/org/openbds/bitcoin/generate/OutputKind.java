package org.openbds.bitcoin.generate;

import org.openbds.bitcoin.script.ScriptType;

/**
 * The output scripts the generator writes, each with the way it is later spent. Several kinds share a
 * {@link ScriptType} (P2SH holds both bare-multisig redeem scripts and wrapped P2WPKH); the kind is what the pool of
 * spendable outputs remembers so that the spending input gets a matching scriptSig and witness.
 *
 * <p>{@code spendVsize} is the typical virtual size of an input spending the kind, used only to price the fee; the
 * {@code weight} fields are the per-mille shares of ordinary outputs on segwit and on legacy chains (each column sums
 * to 1000), loosely after the script mix of Bitcoin in 2023–2024.
 */
enum OutputKind {
  P2PKH(ScriptType.P2PKH, false, false, 148, 200, 850),
  P2PK_COMPRESSED(ScriptType.P2PK, false, false, 114, 6, 8),
  P2PK_UNCOMPRESSED(ScriptType.P2PK, false, false, 114, 4, 7),
  MULTISIG_1_OF_2(ScriptType.MULTISIG, false, false, 114, 6, 6),
  MULTISIG_2_OF_3(ScriptType.MULTISIG, false, false, 188, 9, 9),
  /** P2SH whose redeem script is a 2-of-3 multisig. */
  P2SH_MULTISIG(ScriptType.P2SH, false, false, 297, 30, 110),
  /** P2SH whose redeem script is a version-0 key-hash witness program (BIP141 "P2SH-P2WPKH"). */
  P2SH_P2WPKH(ScriptType.P2SH, true, true, 91, 80, 0),
  P2WPKH(ScriptType.P2WPKH, true, true, 68, 445, 0),
  /** P2WSH whose witness script is a 2-of-3 multisig. */
  P2WSH(ScriptType.P2WSH, true, true, 105, 60, 0),
  P2TR(ScriptType.P2TR, true, true, 58, 150, 0),
  /** OP_HASH256 &lt;32 bytes&gt; OP_EQUAL: a hash puzzle, spent by pushing a (fake) preimage. */
  NONSTANDARD_HASH_PUZZLE(ScriptType.NONSTANDARD, false, false, 74, 6, 6),
  /** A lone OP_TRUE: anyone can spend it with an empty scriptSig. */
  NONSTANDARD_ANYONE_CAN_SPEND(ScriptType.NONSTANDARD, false, false, 41, 4, 4),
  /** Data carrier; never spendable, always worth zero. Not drawn from the weights: added to some transactions. */
  OP_RETURN(ScriptType.OP_RETURN, false, false, 0, 0, 0);

  private static final OutputKind[] VALUES = values();

  final ScriptType type;
  /** Whether an input spending this kind carries a witness (so the spending transaction is segwit-serialized). */
  final boolean witnessSpend;
  final boolean segwitOnly;
  final int spendVsize;
  final int segwitWeight;
  final int legacyWeight;

  OutputKind(ScriptType type, boolean witnessSpend, boolean segwitOnly, int spendVsize, int segwitWeight, int legacyWeight) {
    this.type = type;
    this.witnessSpend = witnessSpend;
    this.segwitOnly = segwitOnly;
    this.spendVsize = spendVsize;
    this.segwitWeight = segwitWeight;
    this.legacyWeight = legacyWeight;
  }

  static OutputKind of(int ordinal) {
    return VALUES[ordinal];
  }

  /** A kind that wallets use for their own change and for freshly derived receive addresses. */
  boolean walletKind() {
    return this == P2PKH || this == P2WPKH || this == P2TR || this == P2SH_P2WPKH;
  }

  /**
   * A table of 1000 kinds in proportion to the weights of the given chain type, so a draw is one array lookup.
   */
  static OutputKind[] drawTable(boolean segwit) {
    OutputKind[] table = new OutputKind[1000];
    int at = 0;
    for (OutputKind k : VALUES) {
      int w = segwit ? k.segwitWeight : k.legacyWeight;
      for (int i = 0; i < w; i++) {
        table[at++] = k;
      }
    }
    if (at != table.length) {
      throw new IllegalStateException("output kind weights sum to " + at + ", not 1000");
    }
    return table;
  }
}
