package org.openbds.xrp.codec;

import static org.openbds.xrp.codec.JsonFields.malformed;
import static org.openbds.xrp.codec.JsonFields.optionalText;
import static org.openbds.xrp.codec.JsonFields.optionalUnsigned;
import static org.openbds.xrp.codec.JsonFields.require;
import static org.openbds.xrp.codec.JsonFields.requireText;
import static org.openbds.xrp.codec.JsonFields.requireUnsigned;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.openbds.api.Hash32;
import org.openbds.xrp.amount.XrpAmount;

/**
 * Decodes one transaction with its metadata in any of the shapes rippled prints: API v1 (the transaction's fields
 * with {@code metaData}, {@code meta} or {@code metadata} beside them) and API v2 ({@code tx_json}, {@code meta},
 * {@code hash}, {@code ctid}; {@code DeliverMax} for a payment's {@code Amount}).
 */
public final class XrpTransactionDecoder {
  private static final long UINT32_MAX = 0xffff_ffffL;
  private static final long PARTIAL_PAYMENT = 0x0002_0000L;

  private final long networkId;

  /** @param networkId the network's id (0 mainnet, 1 testnet, 2 devnet…); a transaction for another network is refused */
  public XrpTransactionDecoder(long networkId) {
    this.networkId = networkId;
  }

  /** Decodes {@code node}; {@code where} names its place (file and ledger) for error messages. */
  public XrpTransaction decode(JsonNode node, String where) {
    if (!node.isObject()) {
      throw malformed(where, "a transaction is not a JSON object (were the ledger's transactions expanded?)");
    }
    // API v1 prints the node's own keys (hash, metaData, ledger_index…) beside the fields: they are told apart by
    // name where it matters (the binary form leaves out every key that is not a protocol field)
    JsonNode tx = node.has("tx_json") ? require(node, "tx_json", where) : node;
    if (!tx.isObject()) {
      throw malformed(where, "tx_json is not an object");
    }
    String hashText = optionalText(node, "hash", where).or(() -> optionalText(tx, "hash", where))
        .orElseThrow(() -> malformed(where, "missing field hash"));
    Hash32 hash = JsonFields.hash(hashText, "hash", where);
    String at = where + ", transaction " + hashText;
    JsonNode meta = node.has("meta") ? node.get("meta") : node.has("metaData") ? node.get("metaData") : node.get("metadata");
    if (meta == null || !meta.isObject()) {
      throw malformed(at, "no metadata (meta or metaData): only validated transactions with their metadata are stored");
    }
    OptionalLong txNetwork = optionalUnsigned(tx, "NetworkID", UINT32_MAX, at);
    if (txNetwork.isPresent() && txNetwork.getAsLong() != networkId) {
      throw malformed(at, "carries NetworkID " + txNetwork.getAsLong() + " but this chain's network has id " + networkId
          + " (a transaction of another network, e.g. a sidechain or a standalone server)");
    }
    String type = requireText(tx, "TransactionType", at);
    String result = requireText(meta, "TransactionResult", at);
    int position = (int) requireUnsigned(meta, "TransactionIndex", Integer.MAX_VALUE, at);
    long fee = XrpAmount.parse(require(tx, "Fee", at), at + " Fee") instanceof XrpAmount.Drops d ? d.drops() : -1;
    if (fee < 0) {
      throw malformed(at, "Fee is not a non-negative amount of drops: " + tx.get("Fee"));
    }
    long flags = optionalUnsigned(tx, "Flags", UINT32_MAX, at).orElse(0);
    List<String> anomalies = new ArrayList<>();
    Optional<XrpAmount> delivered = Optional.empty();
    boolean unavailable = false;
    JsonNode reported = meta.has("delivered_amount") ? meta.get("delivered_amount") : meta.get("DeliveredAmount");
    if (reported != null && reported.isTextual() && reported.textValue().equals("unavailable")) {
      unavailable = true;
    } else if (reported != null && !reported.isNull()) {
      delivered = Optional.of(XrpAmount.parse(reported, at + " delivered_amount"));
    } else if ("Payment".equals(type) && "tesSUCCESS".equals(result) && (flags & PARTIAL_PAYMENT) == 0) {
      // only a partial payment can deliver less than its Amount
      delivered = Optional.of(XrpAmount.parse(amountField(tx, at), at + " Amount"));
    }
    anomalies.addAll(NegativeBalances.find(node, "transaction"));
    return new XrpTransaction(
        position,
        hash,
        type,
        TransactionFamily.of(type),
        requireText(tx, "Account", at),
        fee,
        optionalUnsigned(tx, "Sequence", UINT32_MAX, at).orElse(0),
        optionalUnsigned(tx, "TicketSequence", UINT32_MAX, at),
        result,
        flags,
        optionalText(tx, "Destination", at),
        optionalUnsigned(tx, "DestinationTag", UINT32_MAX, at),
        optionalUnsigned(tx, "SourceTag", UINT32_MAX, at),
        optionalUnsigned(tx, "LastLedgerSequence", UINT32_MAX, at),
        delivered,
        unavailable,
        memos(tx, at),
        optionalText(node, "ctid", at),
        tx,
        meta,
        node,
        anomalies);
  }

  /** A payment's amount: {@code Amount}, or {@code DeliverMax} as API v2 prints it. */
  public static JsonNode amountField(JsonNode tx, String where) {
    JsonNode a = tx.get("Amount");
    return a != null && !a.isNull() ? a : require(tx, "DeliverMax", where);
  }

  private static List<XrpTransaction.Memo> memos(JsonNode tx, String where) {
    JsonNode list = tx.get("Memos");
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw malformed(where, "Memos is not a list");
    }
    List<XrpTransaction.Memo> out = new ArrayList<>();
    for (JsonNode wrapper : list) {
      JsonNode m = wrapper.get("Memo");
      if (m == null || !m.isObject()) {
        throw malformed(where, "a Memos entry has no Memo object");
      }
      out.add(new XrpTransaction.Memo(
          decodeHex(m, "MemoType", where), decodeHex(m, "MemoFormat", where), decodeHex(m, "MemoData", where)));
    }
    return out;
  }

  private static Optional<String> decodeHex(JsonNode memo, String field, String where) {
    return optionalText(memo, field, where).map(hex -> HexText.decode(hex, where + " " + field));
  }

}
