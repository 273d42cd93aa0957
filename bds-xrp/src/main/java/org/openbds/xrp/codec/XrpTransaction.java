package org.openbds.xrp.codec;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.openbds.api.Hash32;
import org.openbds.xrp.amount.XrpAmount;

/**
 * One transaction of a validated ledger with its metadata. {@code tx} holds the transaction's fields (the printed
 * object itself in API v1, where the node's own keys such as {@code hash} and {@code metaData} sit beside the fields in
 * lower case or as metadata; its {@code tx_json} in API v2), {@code meta} its metadata, {@code raw} the object exactly
 * as the node printed it in the ledger's list.
 *
 * @param position the transaction's index in the ledger (metadata {@code TransactionIndex}): the order of application
 * @param fee drops destroyed by the transaction (fees are burnt on the XRP Ledger, not paid to anyone)
 * @param sequence the account sequence it used; 0 when it used a ticket
 * @param delivered what a payment or check cash delivered, as the metadata says (or, for a payment that cannot be
 *     partial, its amount); empty for other types and when the node reports it unavailable
 * @param deliveredUnavailable the node printed {@code delivered_amount: "unavailable"} (payments before 2014)
 * @param anomalies what is unusual but real (historic negative balances), one clear sentence each
 */
public record XrpTransaction(
    int position,
    Hash32 hash,
    String type,
    TransactionFamily family,
    String account,
    long fee,
    long sequence,
    OptionalLong ticketSequence,
    String result,
    long flags,
    Optional<String> destination,
    OptionalLong destinationTag,
    OptionalLong sourceTag,
    OptionalLong lastLedgerSequence,
    Optional<XrpAmount> delivered,
    boolean deliveredUnavailable,
    List<Memo> memos,
    Optional<String> ctid,
    JsonNode tx,
    JsonNode meta,
    JsonNode raw,
    List<String> anomalies) {

  public XrpTransaction {
    requireNonNull(hash, "hash is null");
    requireNonNull(type, "type is null");
    requireNonNull(family, "family is null");
    requireNonNull(account, "account is null");
    requireNonNull(result, "result is null");
    requireNonNull(tx, "tx is null");
    requireNonNull(meta, "meta is null");
    requireNonNull(raw, "raw is null");
    memos = List.copyOf(memos);
    anomalies = List.copyOf(anomalies);
  }

  /** Whether the transaction took effect as asked ({@code tesSUCCESS}); {@code tec} results only burnt the fee. */
  public boolean succeeded() {
    return "tesSUCCESS".equals(result);
  }

  /** A memo with its fields decoded from hex: as UTF-8 text when they are valid text, else kept as hex. */
  public record Memo(Optional<String> type, Optional<String> format, Optional<String> data) {}
}
