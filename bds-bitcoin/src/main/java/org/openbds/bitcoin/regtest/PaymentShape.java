package org.openbds.bitcoin.regtest;

/** The kinds of payment {@link WalletActivity} makes, for counting and for a demo to print. */
public enum PaymentShape {
  LEGACY("payments to a legacy (P2PKH) address"),
  P2SH_SEGWIT("payments to a P2SH-wrapped segwit (P2SH-P2WPKH) address"),
  BECH32("payments to a bech32 (P2WPKH) address"),
  SEND_MANY("payments to 10-40 addresses at once"),
  FAN_OUT("fan-outs of small payments, spent together later"),
  MULTI_INPUT("payments spending 5 or more inputs at once"),
  OP_RETURN("payments carrying an OP_RETURN data output"),
  TO_SELF("payments to another address of the same wallet"),
  TO_MINER("payments from the users back to the miner");

  private final String description;

  PaymentShape(String description) {
    this.description = description;
  }

  /** A plain-English plural, e.g. "payments to a bech32 (P2WPKH) address". */
  public String description() {
    return description;
  }
}
