package org.openbds.bitcoin.script;

/** Classes of output scripts, named as the warehouse stores them. */
public enum ScriptType {
  P2PK("p2pk"),
  P2PKH("p2pkh"),
  P2SH("p2sh"),
  P2WPKH("p2wpkh"),
  P2WSH("p2wsh"),
  P2TR("p2tr"),
  /** A witness program of a version (or size) without a defined meaning yet; it still has an address. */
  WITNESS_UNKNOWN("witness_unknown"),
  /** Bare m-of-n multisig. */
  MULTISIG("multisig"),
  /** Provably unspendable data carrier (OP_RETURN followed only by pushes). */
  OP_RETURN("op_return"),
  NONSTANDARD("nonstandard");

  private final String sqlName;

  ScriptType(String sqlName) {
    this.sqlName = sqlName;
  }

  public String sqlName() {
    return sqlName;
  }

  public static ScriptType fromSqlName(String name) {
    for (ScriptType t : values()) {
      if (t.sqlName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown script type " + name);
  }
}
