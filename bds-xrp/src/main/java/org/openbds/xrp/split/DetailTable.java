package org.openbds.xrp.split;

import static java.util.Objects.requireNonNull;
import static org.openbds.xrp.split.DetailField.Kind.ACCOUNT;
import static org.openbds.xrp.split.DetailField.Kind.ACCOUNT_LIST;
import static org.openbds.xrp.split.DetailField.Kind.AMOUNT;
import static org.openbds.xrp.split.DetailField.Kind.ASSET;
import static org.openbds.xrp.split.DetailField.Kind.COUNT;
import static org.openbds.xrp.split.DetailField.Kind.HEX;
import static org.openbds.xrp.split.DetailField.Kind.TEXT_HEX;
import static org.openbds.xrp.split.DetailField.Kind.UINT32;
import static org.openbds.xrp.split.DetailField.Kind.UINT64;

import java.util.List;
import org.openbds.xrp.codec.TransactionFamily;

/**
 * The detail table of one transaction family: a row per transaction of the family, with the family's own fields typed.
 * A field prefixed {@code meta.} is read from the metadata (what the node adds there, e.g. a minted token's id).
 *
 * @param flags named bits of the transaction's {@code Flags} stored as booleans
 */
record DetailTable(String name, String description, TransactionFamily family, List<DetailField> fields, List<Flag> flags) {
  DetailTable {
    requireNonNull(name, "name is null");
    requireNonNull(description, "description is null");
    requireNonNull(family, "family is null");
    fields = List.copyOf(fields);
    flags = List.copyOf(flags);
  }

  record Flag(String column, long bit, String description) {}

  private static DetailField f(String column, String field, DetailField.Kind kind, String description) {
    return DetailField.of(column, field, kind, description);
  }

  static final DetailTable PAYMENTS = new DetailTable(
      "payments", "One row per Payment: what was asked and what was delivered.", TransactionFamily.PAYMENT,
      List.of(
          new DetailField("amount", List.of("Amount", "DeliverMax"), AMOUNT, "The amount to deliver (API v2: DeliverMax); for a partial payment the most it may deliver."),
          f("send_max", "SendMax", AMOUNT, "The most the sender is willing to spend, in the source currency (cross-currency payments)."),
          f("deliver_min", "DeliverMin", AMOUNT, "The least a partial payment must deliver to succeed."),
          f("paths", "Paths", COUNT, "Number of payment paths given (0 for a direct payment)."),
          f("invoice_id", "InvoiceID", HEX, "The sender's 256-bit invoice reference.")),
      List.of(
          new Flag("partial", 0x0002_0000L, "tfPartialPayment: may deliver less than amount; use delivered_* in transactions."),
          new Flag("no_direct_ripple", 0x0001_0000L, "tfNoRippleDirect: only the given paths are used."),
          new Flag("limit_quality", 0x0004_0000L, "tfLimitQuality: only paths at least as good as amount/send_max are used.")));

  static final DetailTable OFFERS = new DetailTable(
      "offers", "One row per OfferCreate and OfferCancel (the offers' state after each transaction is in offer_changes).",
      TransactionFamily.OFFER,
      List.of(
          f("taker_gets", "TakerGets", AMOUNT, "What the offer's owner gives (what a taker gets)."),
          f("taker_pays", "TakerPays", AMOUNT, "What the offer's owner asks for (what a taker pays)."),
          f("offer_sequence", "OfferSequence", UINT32, "The sequence of the offer cancelled (OfferCancel) or replaced (OfferCreate)."),
          f("expiration", "Expiration", UINT32, "When the offer expires, seconds since 2000-01-01 UTC.")),
      List.of(
          new Flag("passive", 0x0001_0000L, "tfPassive: does not consume offers that exactly match it."),
          new Flag("immediate_or_cancel", 0x0002_0000L, "tfImmediateOrCancel: never placed in the order book."),
          new Flag("fill_or_kill", 0x0004_0000L, "tfFillOrKill: fully filled at once or not at all."),
          new Flag("sell", 0x0008_0000L, "tfSell: exchange all of taker_gets even for more than taker_pays.")));

  static final DetailTable TRUST_SETS = new DetailTable(
      "trust_sets", "One row per TrustSet: a trust line's limit and settings as asked.", TransactionFamily.TRUST_SET,
      List.of(
          f("limit", "LimitAmount", AMOUNT, "The limit: currency, the counterparty (issuer) and the most the account is willing to hold."),
          f("quality_in", "QualityIn", UINT32, "Incoming balances valued at this ratio to 1,000,000,000."),
          f("quality_out", "QualityOut", UINT32, "Outgoing balances valued at this ratio to 1,000,000,000.")),
      List.of(
          new Flag("set_auth", 0x0001_0000L, "tfSetfAuth: authorize the other party to hold the issuer's currency."),
          new Flag("set_no_ripple", 0x0002_0000L, "tfSetNoRipple."),
          new Flag("clear_no_ripple", 0x0004_0000L, "tfClearNoRipple."),
          new Flag("set_freeze", 0x0010_0000L, "tfSetFreeze."),
          new Flag("clear_freeze", 0x0020_0000L, "tfClearFreeze.")));

  static final DetailTable ACCOUNT_SETTINGS = new DetailTable(
      "account_settings",
      "One row per AccountSet, SetRegularKey, SignerListSet, DepositPreauth, AccountDelete and TicketCreate.",
      TransactionFamily.ACCOUNT,
      List.of(
          f("set_flag", "SetFlag", UINT32, "AccountSet: the account flag turned on (asf… number)."),
          f("clear_flag", "ClearFlag", UINT32, "AccountSet: the account flag turned off."),
          f("domain", "Domain", TEXT_HEX, "AccountSet: the domain, decoded from hex (empty clears it)."),
          f("email_hash", "EmailHash", HEX, "AccountSet: MD5 of an e-mail address for an avatar."),
          f("transfer_rate", "TransferRate", UINT32, "AccountSet: fee on transfers of the account's issued currencies, billionths over 1,000,000,000."),
          f("tick_size", "TickSize", UINT32, "AccountSet: significant digits of exchange rates of offers involving its currencies."),
          f("regular_key", "RegularKey", ACCOUNT, "SetRegularKey: the new regular key (NULL removes it)."),
          f("signer_quorum", "SignerQuorum", UINT32, "SignerListSet: the weight needed to sign (0 deletes the list)."),
          f("signers", "SignerEntries", ACCOUNT_LIST, "SignerListSet: the accounts of the signer list."),
          f("authorize", "Authorize", ACCOUNT, "DepositPreauth: the account preauthorized to deliver payments."),
          f("unauthorize", "Unauthorize", ACCOUNT, "DepositPreauth: the account whose preauthorization is revoked."),
          f("ticket_count", "TicketCount", UINT32, "TicketCreate: the number of tickets created.")),
      List.of());

  static final DetailTable ESCROWS = new DetailTable(
      "escrows", "One row per EscrowCreate, EscrowFinish and EscrowCancel.", TransactionFamily.ESCROW,
      List.of(
          f("amount", "Amount", AMOUNT, "EscrowCreate: the amount set aside."),
          f("owner", "Owner", ACCOUNT, "Finish/Cancel: the account that created the escrow."),
          f("offer_sequence", "OfferSequence", UINT32, "Finish/Cancel: the sequence of the EscrowCreate."),
          f("finish_after", "FinishAfter", UINT32, "Create: the escrow can be finished from then, seconds since 2000-01-01 UTC."),
          f("cancel_after", "CancelAfter", UINT32, "Create: the escrow can be cancelled from then, seconds since 2000-01-01 UTC."),
          f("condition", "Condition", HEX, "Create: the crypto-condition (hex)."),
          f("fulfillment", "Fulfillment", HEX, "Finish: the fulfillment of the condition (hex).")),
      List.of());

  static final DetailTable PAYMENT_CHANNELS = new DetailTable(
      "payment_channels", "One row per PaymentChannelCreate, PaymentChannelFund and PaymentChannelClaim.",
      TransactionFamily.PAYMENT_CHANNEL,
      List.of(
          f("channel", "Channel", HEX, "Fund/Claim: the channel's ledger object id."),
          f("amount", "Amount", AMOUNT, "Create: XRP set aside; Fund: XRP added; Claim: total XRP the signed claim authorizes."),
          f("balance", "Balance", AMOUNT, "Claim: total XRP delivered by the channel after this claim."),
          f("settle_delay", "SettleDelay", UINT32, "Create: seconds the source must wait before closing a channel with XRP left."),
          f("public_key", "PublicKey", HEX, "Create/Claim: the key that signs claims."),
          f("cancel_after", "CancelAfter", UINT32, "Create: the channel's fixed expiry, seconds since 2000-01-01 UTC."),
          f("expiration", "Expiration", UINT32, "Fund: the new expiry, seconds since 2000-01-01 UTC.")),
      List.of(
          new Flag("renew", 0x0001_0000L, "Claim tfRenew: clear the channel's expiration."),
          new Flag("close", 0x0002_0000L, "Claim tfClose: close the channel.")));

  static final DetailTable CHECKS = new DetailTable(
      "checks", "One row per CheckCreate, CheckCash and CheckCancel.", TransactionFamily.CHECK,
      List.of(
          f("check_id", "CheckID", HEX, "Cash/Cancel: the check's ledger object id."),
          f("send_max", "SendMax", AMOUNT, "Create: the most the check may debit the sender."),
          f("amount", "Amount", AMOUNT, "Cash: the exact amount to receive."),
          f("deliver_min", "DeliverMin", AMOUNT, "Cash: the least to receive (flexible cash)."),
          f("expiration", "Expiration", UINT32, "Create: expiry, seconds since 2000-01-01 UTC."),
          f("invoice_id", "InvoiceID", HEX, "Create: the sender's 256-bit invoice reference.")),
      List.of());

  static final DetailTable NFTOKENS = new DetailTable(
      "nftokens", "One row per NFToken transaction (mint, burn, offers, accept, modify).", TransactionFamily.NFTOKEN,
      List.of(
          new DetailField("nftoken_id", List.of("NFTokenID", "meta.nftoken_id"), HEX, "The token: given by the transaction, or the minted token's id the node adds to the metadata."),
          f("taxon", "NFTokenTaxon", UINT32, "Mint: the issuer's taxon of the token."),
          f("transfer_fee", "TransferFee", UINT32, "Mint: fee on secondary sales, in 1/100,000 (0 to 50,000 = 50%)."),
          f("uri", "URI", TEXT_HEX, "Mint/Modify: the token's URI, decoded from hex."),
          f("issuer", "Issuer", ACCOUNT, "Mint: the issuer when minting on its behalf."),
          f("owner", "Owner", ACCOUNT, "CreateOffer (buy)/Burn: the token's owner."),
          f("amount", "Amount", AMOUNT, "CreateOffer: the price asked or offered."),
          f("sell_offer", "NFTokenSellOffer", HEX, "AcceptOffer: the sell offer accepted."),
          f("buy_offer", "NFTokenBuyOffer", HEX, "AcceptOffer: the buy offer accepted."),
          f("broker_fee", "NFTokenBrokerFee", AMOUNT, "AcceptOffer in brokered mode: the broker's cut."),
          f("offers", "NFTokenOffers", COUNT, "CancelOffer: number of offers cancelled."),
          new DetailField("offer_id", List.of("meta.offer_id"), HEX, "CreateOffer: the new offer's id, as the node adds it to the metadata.")),
      List.of(new Flag("sell", 0x0000_0001L, "CreateOffer tfSellNFToken: a sell offer (else a buy offer).")));

  static final DetailTable AMM = new DetailTable(
      "amm", "One row per AMM transaction (create, deposit, withdraw, vote, bid, delete, clawback).", TransactionFamily.AMM,
      List.of(
          f("asset", "Asset", ASSET, "The pool's first asset: XRP or currency.issuer."),
          f("asset2", "Asset2", ASSET, "The pool's second asset."),
          f("amount", "Amount", AMOUNT, "Create/Deposit/Withdraw/Clawback: amount of the first asset."),
          f("amount2", "Amount2", AMOUNT, "Create/Deposit/Withdraw: amount of the second asset."),
          f("e_price", "EPrice", AMOUNT, "Deposit/Withdraw: the effective price limit in LP tokens."),
          f("lp_token_out", "LPTokenOut", AMOUNT, "Deposit: LP tokens to receive."),
          f("lp_token_in", "LPTokenIn", AMOUNT, "Withdraw: LP tokens to return."),
          f("trading_fee", "TradingFee", UINT32, "Create/Vote: the trading fee in 1/100,000."),
          f("bid_min", "BidMin", AMOUNT, "Bid: the least to pay for the auction slot."),
          f("bid_max", "BidMax", AMOUNT, "Bid: the most to pay for the auction slot."),
          f("holder", "Holder", ACCOUNT, "Clawback: the holder clawed back from.")),
      List.of());

  static final DetailTable CLAWBACKS = new DetailTable(
      "clawbacks", "One row per Clawback: an issuer taking back issued currency.", TransactionFamily.CLAWBACK,
      List.of(
          f("amount", "Amount", AMOUNT, "The amount clawed back; its issuer field names the holder."),
          f("holder", "Holder", ACCOUNT, "For a multi-purpose token: the holder.")),
      List.of());

  static final DetailTable PSEUDO_TRANSACTIONS = new DetailTable(
      "pseudo_transactions", "One row per pseudo-transaction: amendments, fee votes and changes to the negative UNL.",
      TransactionFamily.PSEUDO,
      List.of(
          f("amendment", "Amendment", HEX, "EnableAmendment: the amendment's id."),
          f("base_fee", "BaseFee", UINT64, "SetFee (before XRPFees): the reference transaction cost in drops (hex in the transaction)."),
          f("base_fee_drops", "BaseFeeDrops", AMOUNT, "SetFee (XRPFees): the reference transaction cost."),
          f("reserve_base", "ReserveBase", UINT32, "SetFee (before XRPFees): the account reserve in drops."),
          f("reserve_base_drops", "ReserveBaseDrops", AMOUNT, "SetFee (XRPFees): the account reserve."),
          f("reserve_increment", "ReserveIncrement", UINT32, "SetFee (before XRPFees): the owner reserve per object in drops."),
          f("reserve_increment_drops", "ReserveIncrementDrops", AMOUNT, "SetFee (XRPFees): the owner reserve per object."),
          f("unl_modify_disabling", "UNLModifyDisabling", UINT32, "UNLModify: 1 when the validator is put on the negative UNL, 0 when taken off."),
          f("unl_modify_validator", "UNLModifyValidator", HEX, "UNLModify: the validator's public key.")),
      List.of(
          new Flag("got_majority", 0x0001_0000L, "EnableAmendment tfGotMajority."),
          new Flag("lost_majority", 0x0002_0000L, "EnableAmendment tfLostMajority.")));

  static final List<DetailTable> ALL =
      List.of(PAYMENTS, OFFERS, TRUST_SETS, ACCOUNT_SETTINGS, ESCROWS, PAYMENT_CHANNELS, CHECKS, NFTOKENS, AMM, CLAWBACKS,
          PSEUDO_TRANSACTIONS);

  static java.util.Optional<DetailTable> of(TransactionFamily family) {
    return ALL.stream().filter(t -> t.family == family).findFirst();
  }
}
