package org.openbds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the case workspace's value filter must hide, worked out from a graph's edges (each with source, target, value). */
final class DrawnGraphs {
  private DrawnGraphs() {}

  /** The edges below {@code min} and the nodes all of whose edges are among them. */
  static Set<String> hiddenBelow(Map<String, JsonNode> edges, BigInteger min) {
    Set<String> hidden = new TreeSet<>();
    edges.forEach((id, e) -> {
      if (new BigInteger(e.get("value").asText()).compareTo(min) < 0) {
        hidden.add(id);
      }
    });
    Map<String, int[]> counts = new TreeMap<>();
    edges.forEach((id, e) -> {
      for (String n : List.of(e.get("source").asText(), e.get("target").asText())) {
        int[] c = counts.computeIfAbsent(n, k -> new int[2]);
        c[0]++;
        c[1] += hidden.contains(id) ? 1 : 0;
      }
    });
    counts.forEach((n, c) -> {
      if (c[0] == c[1]) {
        hidden.add(n);
      }
    });
    return hidden;
  }
}
