package org.openbds.forensics.cluster;

import java.util.Locale;

/**
 * The heuristics a clustering runs with, named with a version so that a result says exactly how it was made; a change
 * to a heuristic's rules is a new version, never a silent edit.
 *
 * @param coinJoin how CoinJoin-shaped transactions are recognised (their inputs are never merged)
 * @param change which change heuristic merges an output's address with the inputs', if any
 */
public record ClusterConfig(CoinJoinRule coinJoin, ChangeHeuristic change) {
  /** The multi-input heuristic alone, CoinJoins excluded: what {@code bds cluster} does unless told otherwise. */
  public static final ClusterConfig DEFAULT = new ClusterConfig(CoinJoinRule.V1, ChangeHeuristic.NONE);

  /**
   * CoinJoin recognition. {@code v1}: at least two outputs of one value, and at least as many distinct input addresses
   * as outputs of that value (each participant brings an input and takes an equal output: Wasabi, Whirlpool and
   * JoinMarket rounds alike). It errs on the side of not merging: a wallet paying two equal amounts from as many of its
   * own addresses is not merged either.
   */
  public enum CoinJoinRule {
    V1;

    public String id() {
      return "coinjoin-" + name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Change heuristics. {@code none}: none. {@code fresh-v1}: in a transaction that spends something and has two or
   * more outputs, if exactly one output goes to an address seen for the first time, no output goes back to an input
   * address, and the transaction is no CoinJoin, that output is the change: its address joins the inputs' cluster.
   */
  public enum ChangeHeuristic {
    NONE("none"),
    FRESH_V1("fresh-v1");

    private final String id;

    ChangeHeuristic(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static ChangeHeuristic parse(String id) {
      for (ChangeHeuristic h : values()) {
        if (h.id.equals(id)) {
          return h;
        }
      }
      throw new IllegalArgumentException("no change heuristic '" + id + "'; the heuristics are none and fresh-v1");
    }
  }

  /** The configuration named {@code id} (as {@link #id()} writes it). */
  public static ClusterConfig parse(String id) {
    for (CoinJoinRule c : CoinJoinRule.values()) {
      for (ChangeHeuristic h : ChangeHeuristic.values()) {
        ClusterConfig config = new ClusterConfig(c, h);
        if (config.id().equals(id)) {
          return config;
        }
      }
    }
    throw new IllegalArgumentException("no clustering configuration '" + id + "'");
  }

  /** How a result names this configuration, such as {@code multi-input+coinjoin-v1+change:none}. */
  public String id() {
    return "multi-input+" + coinJoin.id() + "+change:" + change.id();
  }
}
