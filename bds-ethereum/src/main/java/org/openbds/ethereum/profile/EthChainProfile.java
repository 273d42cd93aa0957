package org.openbds.ethereum.profile;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * An EVM chain as data: its networks, the chain ids their nodes report and their proof-of-work rewards. A new EVM
 * chain is a new {@code profiles/<chain>.properties}, not new code. Unknown keys fail loading.
 */
public record EthChainProfile(String chain, String name, String unit, Map<String, EthNetwork> networks) {
  /** The chains with a profile. */
  public static final List<String> CHAINS = List.of("eth", "etc");

  public EthChainProfile {
    requireNonNull(chain, "chain is null");
    requireNonNull(name, "name is null");
    requireNonNull(unit, "unit is null");
    networks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(networks));
  }

  /** One network of the chain. */
  public record EthNetwork(String name, Set<Long> chainIds, RewardSchedule rewards) {
    public EthNetwork {
      chainIds = Set.copyOf(chainIds);
    }
  }

  public EthNetwork network(String network) {
    EthNetwork n = networks.get(network);
    if (n == null) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, chain + " has no network " + network + "; it has " + networks.keySet());
    }
    return n;
  }

  /** The profile of {@code chain} from the classpath. */
  public static EthChainProfile load(String chain) {
    String resource = "/org/openbds/ethereum/profiles/" + chain + ".properties";
    Properties p = new Properties();
    try (InputStream in = EthChainProfile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new BdsException(ErrorCode.UNKNOWN_CHAIN, "no Ethereum-family profile for chain " + chain);
      }
      p.load(in);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "cannot read " + resource + ": " + e.getMessage(), e);
    }
    return parse(chain, p);
  }

  static EthChainProfile parse(String chain, Properties p) {
    Set<String> used = new HashSet<>(List.of("name", "unit", "networks"));
    Map<String, EthNetwork> networks = new LinkedHashMap<>();
    for (String n : required(chain, p, "networks").split(",")) {
      String network = n.trim();
      used.add(network + ".chain_id");
      used.add(network + ".rewards");
      Set<Long> ids = new HashSet<>();
      for (String id : required(chain, p, network + ".chain_id").split(",")) {
        ids.add(parseLong(chain, network + ".chain_id", id.trim()));
      }
      networks.put(network, new EthNetwork(network, ids, rewards(chain, network, required(chain, p, network + ".rewards"))));
    }
    List<String> unknown = new ArrayList<>();
    for (String key : p.stringPropertyNames()) {
      if (!used.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "profile " + chain + ": unknown keys " + unknown);
    }
    return new EthChainProfile(chain, required(chain, p, "name"), required(chain, p, "unit"), networks);
  }

  private static RewardSchedule rewards(String chain, String network, String spec) {
    String key = network + ".rewards";
    if (spec.equals("none")) {
      return RewardSchedule.none();
    }
    if (spec.startsWith("eras:")) {
      String[] parts = spec.split(":");
      if (parts.length != 3) {
        throw new BdsException(ErrorCode.INVALID_CONFIG, "profile " + chain + ": " + key + " must be eras:<initial wei>:<era length>");
      }
      return RewardSchedule.eras(new BigInteger(parts[1]), parseLong(chain, key, parts[2]));
    }
    Map<Long, BigInteger> steps = new TreeMap<>();
    for (String step : spec.split(",")) {
      String[] kv = step.trim().split(":");
      if (kv.length != 2) {
        throw new BdsException(ErrorCode.INVALID_CONFIG, "profile " + chain + ": " + key + " must be none, eras:… or block:wei,…; got " + spec);
      }
      try {
        steps.put(parseLong(chain, key, kv[0]), new BigInteger(kv[1]));
      } catch (NumberFormatException e) {
        throw new BdsException(ErrorCode.INVALID_CONFIG, "profile " + chain + ": " + key + ": not a wei amount: " + kv[1], e);
      }
    }
    try {
      return RewardSchedule.steps(steps);
    } catch (IllegalArgumentException e) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "profile " + chain + ": " + key + ": " + e.getMessage(), e);
    }
  }

  private static String required(String chain, Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "profile " + chain + ": missing " + key);
    }
    return v.trim();
  }

  private static long parseLong(String chain, String key, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "profile " + chain + ": " + key + ": not a number: " + v, e);
    }
  }
}
