package org.openbds.xrp.balance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.xrp.amount.XrpAmount;
import org.openbds.xrp.balance.BalanceChange.Kind;

/**
 * Balance changes of one transaction, read from its metadata ({@code AffectedNodes}) rather than from its fields:
 * metadata records what the ledger actually did, including partial payments, offers crossed on the way and fees.
 *
 * <p>Each affected object is valued before and after the transaction (see {@link AffectedNode}) and the difference is
 * attributed:
 *
 * <ul>
 *   <li>AccountRoot: its {@code Balance} (drops) is the account's XRP;
 *   <li>RippleState: its {@code Balance} is the low account's holding, issued by the high account; the high account
 *       holds the negation, issued by the low account (the Balance's own issuer is a placeholder);
 *   <li>Escrow: its {@code Amount} is held for the account that created it ({@link Kind#ESCROW});
 *   <li>PayChannel: {@code Amount − Balance} (funded but not yet claimed) is held for its source ({@link
 *       Kind#PAYCHAN}).
 * </ul>
 *
 * <p>With escrows and channels counted, the XRP changes of a transaction sum to minus its fee. Holdings of
 * multi-purpose tokens (MPToken objects, escrowed MPTs) are outside this model and not reported.
 */
public final class XrpBalanceChanges {
  private XrpBalanceChanges() {}

  /**
   * The changes of one transaction in the order their holdings first appear in {@code AffectedNodes} (for a trust
   * line: low account, then high account), one per account, currency, issuer and kind, none zero.
   *
   * @throws BdsException {@link ErrorCode#MALFORMED_BLOCK} naming the affected node that cannot be read
   */
  /** The ledger objects that hold a balance. */
  private static final java.util.Set<String> VALUED = java.util.Set.of("AccountRoot", "RippleState", "Escrow", "PayChannel");

  private static final java.util.Set<String> WRAPPERS = java.util.Set.of("CreatedNode", "ModifiedNode", "DeletedNode");

  public static List<BalanceChange> of(JsonNode meta) {
    JsonNode nodes = meta == null ? null : meta.get("AffectedNodes");
    if (nodes == null || !nodes.isArray()) {
      throw new BdsException(ErrorCode.MALFORMED_BLOCK, "transaction metadata has no AffectedNodes array");
    }
    Map<Holding, BigDecimal> sums = new LinkedHashMap<>();
    for (JsonNode json : nodes) {
      if (json.isObject() && json.size() == 1 && WRAPPERS.contains(json.fieldNames().next())
          && !VALUED.contains(json.elements().next().path("LedgerEntryType").asText())) {
        continue; // directories, offers, NFT pages…: they hold no balance
      }
      AffectedNode node = AffectedNode.of(json);
      if (node.before() != null) {
        add(sums, node, node.before(), false);
      }
      if (node.after() != null) {
        add(sums, node, node.after(), true);
      }
    }
    List<BalanceChange> changes = new ArrayList<>(sums.size());
    sums.forEach(
        (holding, value) -> {
          if (value.signum() != 0) {
            changes.add(holding.change(canonical(holding, value)));
          }
        });
    return List.copyOf(changes);
  }

  private static void add(Map<Holding, BigDecimal> sums, AffectedNode node, JsonNode fields, boolean after) {
    for (Contribution c : contributions(node, fields)) {
      sums.merge(c.holding(), after ? c.value() : c.value().negate(), BigDecimal::add);
    }
  }

  /** What one state of a ledger object holds for whom. */
  private static List<Contribution> contributions(AffectedNode node, JsonNode fields) {
    switch (node.entryType()) {
      case "AccountRoot":
        return List.of(held(node, fields, node.account(fields, "Account"), "Balance", Kind.ACCOUNT));
      case "RippleState":
        return trustLine(node, fields);
      case "Escrow":
        return listOf(held(node, fields, node.account(fields, "Account"), "Amount", Kind.ESCROW));
      case "PayChannel":
        return paymentChannel(node, fields);
      default:
        return List.of();
    }
  }

  private static List<Contribution> trustLine(AffectedNode node, JsonNode fields) {
    String low = node.account(fields.path("LowLimit"), "issuer", "LowLimit.issuer");
    String high = node.account(fields.path("HighLimit"), "issuer", "HighLimit.issuer");
    if (!(node.amount(fields, "Balance") instanceof XrpAmount.Issued balance)) {
      throw node.malformed("Balance of a trust line is not an issued-currency amount");
    }
    BigDecimal value = balance.value().toBigDecimal();
    return List.of(
        new Contribution(new Holding(low, balance.currency(), high, Kind.ACCOUNT), value),
        new Contribution(new Holding(high, balance.currency(), low, Kind.ACCOUNT), value.negate()));
  }

  private static List<Contribution> paymentChannel(AffectedNode node, JsonNode fields) {
    String source = node.account(fields, "Account");
    Contribution funded = held(node, fields, source, "Amount", Kind.PAYCHAN);
    if (!fields.has("Balance")) {
      // A channel nobody has claimed from yet may omit Balance: zero delivered.
      return listOf(funded);
    }
    Contribution claimed = held(node, fields, source, "Balance", Kind.PAYCHAN);
    if (funded == null || claimed == null || !funded.holding().equals(claimed.holding())) {
      throw node.malformed("Amount and Balance of a payment channel are not XRP");
    }
    return List.of(new Contribution(funded.holding(), funded.value().subtract(claimed.value())));
  }

  /** The amount in {@code field} held by {@code account}; null for an MPT (see the class comment). */
  private static Contribution held(AffectedNode node, JsonNode fields, String account, String field, Kind kind) {
    XrpAmount amount = node.amount(fields, field);
    if (amount instanceof XrpAmount.Drops drops) {
      return new Contribution(new Holding(account, XrpAmount.XRP, null, kind), BigDecimal.valueOf(drops.drops()));
    }
    if (amount instanceof XrpAmount.Issued issued) {
      return new Contribution(
          new Holding(account, issued.currency(), issued.issuer(), kind), issued.value().toBigDecimal());
    }
    return null;
  }

  private static List<Contribution> listOf(Contribution contribution) {
    return contribution == null ? List.of() : List.of(contribution);
  }

  /** One representation per number: XRP as whole drops, issued values without trailing zeros. */
  private static BigDecimal canonical(Holding holding, BigDecimal value) {
    if (holding.issuer() == null) {
      return value.setScale(0);
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private record Holding(String account, String currency, String issuer, Kind kind) {
    Holding {
      Objects.requireNonNull(account, "account is null");
    }

    BalanceChange change(BigDecimal value) {
      return new BalanceChange(account, currency, issuer, value, kind);
    }
  }

  private record Contribution(Holding holding, BigDecimal value) {}
}
