package org.openbds.xrp.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds negative XRP amounts in a transaction or its metadata. Mainnet ledgers hold some (balances and offers of
 * 2013, a bug of the early network; a 2024 partial payment whose metadata delivered −1 drop): such a ledger is real,
 * its hashes verify, and it is stored with each anomaly named.
 */
final class NegativeBalances {
  /** The fields that hold an amount (an XRP amount is a string of drops). */
  private static final Set<String> AMOUNT_FIELDS = Set.of("Balance", "Amount", "TakerGets", "TakerPays", "SendMax",
      "DeliverMin", "DeliverMax", "DeliveredAmount", "delivered_amount", "Fee", "LimitAmount");

  private NegativeBalances() {}

  static List<String> find(JsonNode node, String path) {
    List<String> out = new ArrayList<>();
    walk(node, path, out);
    return out;
  }

  private static boolean isNegativeDrops(String s) {
    if (s.length() < 2 || s.charAt(0) != '-') {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static void walk(JsonNode node, String path, List<String> out) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", out);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        JsonNode v = e.getValue();
        if (v.isTextual() && isNegativeDrops(v.textValue()) && AMOUNT_FIELDS.contains(e.getKey())) {
          out.add("negative XRP amount " + v.textValue() + " drops in " + path + "." + e.getKey());
        } else {
          walk(v, path + "." + e.getKey(), out);
        }
      }
    }
  }
}
