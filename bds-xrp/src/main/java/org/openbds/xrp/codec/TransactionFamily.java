package org.openbds.xrp.codec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The families transaction types fall in, each with its own detail table. A type the network added after this
 * release is {@link #UNKNOWN}: stored with its raw JSON and flagged, never dropped.
 */
public enum TransactionFamily {
  PAYMENT("Payment"),
  OFFER("OfferCreate", "OfferCancel"),
  TRUST_SET("TrustSet"),
  ACCOUNT("AccountSet", "SetRegularKey", "SignerListSet", "DepositPreauth", "AccountDelete", "TicketCreate"),
  ESCROW("EscrowCreate", "EscrowFinish", "EscrowCancel"),
  PAYMENT_CHANNEL("PaymentChannelCreate", "PaymentChannelFund", "PaymentChannelClaim"),
  CHECK("CheckCreate", "CheckCash", "CheckCancel"),
  NFTOKEN("NFTokenMint", "NFTokenBurn", "NFTokenCreateOffer", "NFTokenCancelOffer", "NFTokenAcceptOffer", "NFTokenModify"),
  AMM("AMMCreate", "AMMDeposit", "AMMWithdraw", "AMMVote", "AMMBid", "AMMDelete", "AMMClawback"),
  CLAWBACK("Clawback"),
  /** Pseudo-transactions: written by the validators' consensus, not signed by an account. */
  PSEUDO("EnableAmendment", "SetFee", "UNLModify"),
  /** Types this release knows the names of but keeps no detail table for: their raw JSON has every field. */
  OTHER(
      "XChainCreateBridge", "XChainModifyBridge", "XChainCreateClaimID", "XChainCommit", "XChainClaim",
      "XChainAccountCreateCommit", "XChainAddClaimAttestation", "XChainAddAccountCreateAttestation",
      "DIDSet", "DIDDelete", "OracleSet", "OracleDelete", "MPTokenIssuanceCreate", "MPTokenIssuanceDestroy",
      "MPTokenIssuanceSet", "MPTokenAuthorize", "CredentialCreate", "CredentialAccept", "CredentialDelete",
      "PermissionedDomainSet", "PermissionedDomainDelete", "DelegateSet", "LedgerStateFix", "Batch"),
  UNKNOWN();

  private static final Map<String, TransactionFamily> BY_TYPE = new HashMap<>();

  static {
    for (TransactionFamily f : values()) {
      for (String t : f.types) {
        BY_TYPE.put(t, f);
      }
    }
  }

  private final List<String> types;

  TransactionFamily(String... types) {
    this.types = List.of(types);
  }

  public List<String> types() {
    return types;
  }

  public static TransactionFamily of(String transactionType) {
    return BY_TYPE.getOrDefault(transactionType, UNKNOWN);
  }

  public String sqlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
