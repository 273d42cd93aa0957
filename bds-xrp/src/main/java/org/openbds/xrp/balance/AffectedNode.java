package org.openbds.xrp.balance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.xrp.amount.XrpAmount;

/**
 * One entry of a transaction's {@code AffectedNodes}, as the object's fields before and after the transaction.
 *
 * <p>Metadata lists, for a modified or deleted object, its final fields and the previous values of only those fields
 * that changed; the state before is therefore the final fields overlaid with the previous ones. A created object has
 * no state before, a deleted one none after. Deriving both states this way lets every object type be valued by one
 * function of its fields.
 *
 * @param before the fields before the transaction, null for a created object
 * @param after the fields after the transaction, null for a deleted object; both null for a modified object none of
 *     whose fields changed
 */
record AffectedNode(String entryType, String ledgerIndex, JsonNode before, JsonNode after) {
  static AffectedNode of(JsonNode json) {
    if (json == null || !json.isObject() || json.size() != 1) {
      throw new BdsException(ErrorCode.MALFORMED_BLOCK, "affected node is not a single-key object: " + json);
    }
    Map.Entry<String, JsonNode> only = json.fields().next();
    JsonNode body = only.getValue();
    String entryType = body.path("LedgerEntryType").asText("?");
    String ledgerIndex = body.path("LedgerIndex").asText("?");
    if (!body.isObject() || !body.path("LedgerEntryType").isTextual()) {
      throw new BdsException(
          ErrorCode.MALFORMED_BLOCK, "affected node " + entryType + " " + ledgerIndex + " has no LedgerEntryType");
    }
    switch (only.getKey()) {
      case "CreatedNode":
        return new AffectedNode(entryType, ledgerIndex, null, fields(body, "NewFields", entryType, ledgerIndex));
      case "ModifiedNode":
        {
          if (!body.has("PreviousFields")) {
            // No field changed: metadata also lists objects a transaction only threads (PreviousTxnID), and may
            // then omit even their FinalFields.
            return new AffectedNode(entryType, ledgerIndex, null, null);
          }
          JsonNode finalFields = fields(body, "FinalFields", entryType, ledgerIndex);
          JsonNode before = overlay(finalFields, body.get("PreviousFields"), entryType + " " + ledgerIndex);
          return new AffectedNode(entryType, ledgerIndex, before, finalFields);
        }
      case "DeletedNode":
        {
          JsonNode finalFields = fields(body, "FinalFields", entryType, ledgerIndex);
          JsonNode before = overlay(finalFields, body.get("PreviousFields"), entryType + " " + ledgerIndex);
          return new AffectedNode(entryType, ledgerIndex, before, null);
        }
      default:
        throw new BdsException(
            ErrorCode.MALFORMED_BLOCK,
            "affected node " + entryType + " " + ledgerIndex + " is neither created, modified nor deleted: "
                + only.getKey());
    }
  }

  /**
   * The object's fields; an object without any (a modified directory, say) has an empty set, which is only an error
   * when a field is then asked for.
   */
  private static JsonNode fields(JsonNode body, String name, String entryType, String ledgerIndex) {
    JsonNode fields = body.get(name);
    if (fields == null) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!fields.isObject()) {
      throw new BdsException(
          ErrorCode.MALFORMED_BLOCK, "affected node " + entryType + " " + ledgerIndex + ": " + name + " is no object");
    }
    return fields;
  }

  private static JsonNode overlay(JsonNode finalFields, JsonNode previousFields, String name) {
    if (previousFields == null) {
      return finalFields;
    }
    if (!previousFields.isObject()) {
      throw new BdsException(ErrorCode.MALFORMED_BLOCK, "affected node " + name + ": PreviousFields is no object");
    }
    ObjectNode before = ((ObjectNode) finalFields).deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = previousFields.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      before.set(field.getKey(), field.getValue());
    }
    return before;
  }

  /** The amount in {@code field}, for an object that must have one. */
  XrpAmount amount(JsonNode fields, String field) {
    if (!fields.has(field)) {
      throw malformed("no " + field);
    }
    return XrpAmount.parse(fields.get(field), name() + ": " + field);
  }

  /** The account address in {@code field}, for an object that must have one. */
  String account(JsonNode fields, String field) {
    return account(fields, field, field);
  }

  /** As {@link #account(JsonNode, String)} for a nested field, {@code label} naming it in errors. */
  String account(JsonNode fields, String field, String label) {
    JsonNode account = fields.get(field);
    if (account == null || !account.isTextual() || account.textValue().isEmpty()) {
      throw malformed("no account in " + label);
    }
    return account.textValue();
  }

  String name() {
    return entryType + " " + ledgerIndex;
  }

  BdsException malformed(String why) {
    return new BdsException(ErrorCode.MALFORMED_BLOCK, "affected node " + name() + ": " + why);
  }
}
