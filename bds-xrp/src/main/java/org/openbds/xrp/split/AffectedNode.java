package org.openbds.xrp.split;

import static org.openbds.xrp.codec.JsonFields.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of a transaction's metadata {@code AffectedNodes}: a ledger object the transaction created, modified or
 * deleted.
 *
 * @param fields the object's fields after the transaction ({@code NewFields} of a created one, {@code FinalFields}
 *     otherwise; a deleted object's last state)
 * @param previous the changed fields' values before the transaction ({@code PreviousFields}); missing when none
 */
record AffectedNode(Change change, String entryType, String ledgerIndex, JsonNode fields, JsonNode previous) {
  enum Change {
    CREATED,
    MODIFIED,
    DELETED;

    String sqlName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final Map<String, Change> WRAPPERS =
      Map.of("CreatedNode", Change.CREATED, "ModifiedNode", Change.MODIFIED, "DeletedNode", Change.DELETED);

  static List<AffectedNode> of(JsonNode meta, String where) {
    JsonNode nodes = meta.get("AffectedNodes");
    if (nodes == null || !nodes.isArray()) {
      throw malformed(where, "metadata has no AffectedNodes list");
    }
    List<AffectedNode> out = new ArrayList<>(nodes.size());
    for (JsonNode wrapper : nodes) {
      if (!wrapper.isObject() || wrapper.size() != 1) {
        throw malformed(where, "an AffectedNodes entry is not one CreatedNode, ModifiedNode or DeletedNode");
      }
      Map.Entry<String, JsonNode> e = wrapper.fields().next();
      Change change = WRAPPERS.get(e.getKey());
      JsonNode node = e.getValue();
      if (change == null || !node.isObject()) {
        throw malformed(where, "unknown AffectedNodes entry " + e.getKey());
      }
      String type = node.path("LedgerEntryType").asText("");
      String index = node.path("LedgerIndex").asText("");
      if (type.isEmpty() || index.isEmpty()) {
        throw malformed(where, e.getKey() + " without LedgerEntryType or LedgerIndex");
      }
      JsonNode fields = change == Change.CREATED ? node.get("NewFields") : node.get("FinalFields");
      JsonNode previous = node.get("PreviousFields");
      out.add(new AffectedNode(change, type, index,
          fields == null ? MissingNode.getInstance() : fields,
          previous == null ? MissingNode.getInstance() : previous));
    }
    return out;
  }

  String where(String txWhere) {
    return txWhere + ", " + change.sqlName() + " " + entryType + " " + ledgerIndex;
  }
}
