package org.openbds.bitcoin.profile;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;

/**
 * What distinguishes one Bitcoin-family chain from another, as data: the base unit, whether segregated witness and
 * Litecoin's MWEB extension exist, and the parameters of each network. Loaded from
 * {@code org/openbds/bitcoin/profiles/<chain>.properties}.
 *
 * @param maxMoney the node's {@code MAX_MONEY}: no output or total may exceed it, in base units
 * @param bdsValuesInBaseUnits whether the original BDS product's messages write output values as integers of base
 *     units (Dogecoin's nodes) rather than as decimal coins
 */
public record ChainProfile(
    ChainId chain,
    String displayName,
    String unit,
    boolean segwit,
    boolean mweb,
    long maxMoney,
    boolean bdsValuesInBaseUnits,
    Map<String, NetworkParameters> networks) {

  public ChainProfile {
    requireNonNull(chain, "chain is null");
    if (maxMoney <= 0) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "chain " + chain + ": max money must be positive, got " + maxMoney);
    }
    requireNonNull(displayName, "displayName is null");
    requireNonNull(unit, "unit is null");
    networks = Map.copyOf(networks);
  }

  public NetworkParameters network(String name) {
    NetworkParameters n = networks.get(name);
    if (n == null) {
      throw new BdsException(
          ErrorCode.INVALID_ARGUMENT,
          "chain " + chain + " has no network '" + name + "'; known: " + List.copyOf(new java.util.TreeSet<>(networks.keySet())));
    }
    return n;
  }
}
