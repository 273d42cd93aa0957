package org.openbds.bitcoin.profile;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/** The shipped Bitcoin-family chain profiles. Unknown keys in a profile file are an error, not ignored. */
public final class ChainProfiles {
  /** Every Bitcoin-family chain this build knows. */
  public static final List<String> CHAINS = List.of("btc", "ltc", "bch", "doge", "bsv");

  /** The network of chains written by the synthetic generator; it accepts any genesis. */
  public static final String SYNTHETIC = "synthetic";

  private static final Set<String> CHAIN_KEYS = Set.of("name", "unit", "segwit", "mweb", "max_money", "bds_values", "networks");
  private static final Set<String> NETWORK_KEYS =
      Set.of("disk_magic", "p2pkh_version", "p2sh_version", "bech32_prefix", "cashaddr_prefix", "genesis", "rpc_port", "initial_subsidy", "halving_interval");

  private ChainProfiles() {}

  public static boolean isKnown(String chain) {
    return CHAINS.contains(chain);
  }

  public static ChainProfile load(String chain) {
    if (!isKnown(chain)) {
      throw new BdsException(
          ErrorCode.UNKNOWN_CHAIN, "unknown chain '" + chain + "' for the Bitcoin family; known: " + String.join(", ", CHAINS));
    }
    String resource = "/org/openbds/bitcoin/profiles/" + chain + ".properties";
    Properties p = new Properties();
    try (InputStream in = ChainProfiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new BdsException(ErrorCode.INVALID_CONFIG, "profile resource missing: " + resource);
      }
      p.load(in);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "cannot read " + resource, e);
    }
    return parse(chain, p, resource);
  }

  static ChainProfile parse(String chain, Properties p, String source) {
    List<String> networkNames = List.of(required(p, "networks", source).split(","));
    Set<String> allowed = new HashSet<>(CHAIN_KEYS);
    for (String n : networkNames) {
      for (String k : NETWORK_KEYS) {
        allowed.add(n + "." + k);
      }
    }
    for (String key : p.stringPropertyNames()) {
      if (!allowed.contains(key)) {
        throw new BdsException(ErrorCode.INVALID_CONFIG, source + ": unknown key '" + key + "'");
      }
    }
    Map<String, NetworkParameters> networks = new HashMap<>();
    for (String n : networkNames) {
      networks.put(n, network(n, p, source));
    }
    // the generator's network: regtest parameters, any genesis
    NetworkParameters regtest = networks.get("regtest");
    if (regtest == null) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, source + ": a profile needs a regtest network");
    }
    networks.put(
        SYNTHETIC,
        new NetworkParameters(
            SYNTHETIC,
            regtest.diskMagic(),
            regtest.p2pkhVersion(),
            regtest.p2shVersion(),
            regtest.bech32Prefix(),
            regtest.cashAddrPrefix(),
            Optional.empty(),
            regtest.defaultRpcPort(),
            regtest.subsidy()));
    return new ChainProfile(
        new ChainId(chain),
        required(p, "name", source),
        required(p, "unit", source),
        bool(p, "segwit", source),
        bool(p, "mweb", source),
        positiveLong(p, "max_money", source),
        bdsValues(p, source),
        networks);
  }

  private static NetworkParameters network(String n, Properties p, String source) {
    return new NetworkParameters(
        n,
        magic(p, n + ".disk_magic", source),
        integer(p, n + ".p2pkh_version", source, 0, 255),
        integer(p, n + ".p2sh_version", source, 0, 255),
        optional(p, n + ".bech32_prefix", source),
        optional(p, n + ".cashaddr_prefix", source),
        optional(p, n + ".genesis", source).map(v -> hash(v, n + ".genesis", source)),
        integer(p, n + ".rpc_port", source, 1, 65535),
        subsidy(n, p, source));
  }

  private static Optional<SubsidySchedule> subsidy(String n, Properties p, String source) {
    Optional<String> initial = optional(p, n + ".initial_subsidy", source);
    Optional<String> interval = optional(p, n + ".halving_interval", source);
    if (initial.isPresent() != interval.isPresent()) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, source + ": give both " + n + ".initial_subsidy and " + n + ".halving_interval, or neither");
    }
    if (initial.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SubsidySchedule(Long.parseLong(initial.get()), Long.parseLong(interval.get())));
    } catch (NumberFormatException e) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, source + ": " + n + ".initial_subsidy and " + n + ".halving_interval must be integers");
    }
  }

  private static int magic(Properties p, String key, String source) {
    String v = required(p, key, source);
    if (!v.matches("[0-9a-fA-F]{8}")) {
      throw invalid(source, key, v, "eight hexadecimal digits");
    }
    return (int) Long.parseLong(v, 16);
  }

  private static int integer(Properties p, String key, String source, int min, int max) {
    String v = required(p, key, source);
    try {
      int i = Integer.parseInt(v);
      if (i >= min && i <= max) {
        return i;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(source, key, v, "an integer from " + min + " to " + max);
  }

  private static long positiveLong(Properties p, String key, String source) {
    String v = required(p, key, source);
    try {
      long l = Long.parseLong(v);
      if (l > 0) {
        return l;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(source, key, v, "a positive integer of base units");
  }

  /** How the original BDS product's messages write output values: {@code coins} (decimal) or {@code base_units}. */
  private static boolean bdsValues(Properties p, String source) {
    String v = required(p, "bds_values", source);
    if (!v.equals("coins") && !v.equals("base_units")) {
      throw invalid(source, "bds_values", v, "coins or base_units");
    }
    return v.equals("base_units");
  }

  private static boolean bool(Properties p, String key, String source) {
    String v = required(p, key, source);
    if (!v.equals("true") && !v.equals("false")) {
      throw invalid(source, key, v, "true or false");
    }
    return v.equals("true");
  }

  private static Hash32 hash(String v, String key, String source) {
    try {
      return Hash32.parse(v);
    } catch (BdsException e) {
      throw invalid(source, key, v, "a 64-digit hex hash");
    }
  }

  /** An optional value: absent is fine, present but blank is a mistake. */
  private static Optional<String> optional(Properties p, String key, String source) {
    String v = p.getProperty(key);
    if (v != null && v.isBlank()) {
      throw invalid(source, key, v, "a value (or no key at all)");
    }
    return Optional.ofNullable(v).map(String::trim);
  }

  private static BdsException invalid(String source, String key, String value, String expected) {
    return new BdsException(
        ErrorCode.INVALID_CONFIG, source + ": key '" + key + "' is '" + value + "', expected " + expected);
  }

  private static String required(Properties p, String key, String source) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, source + ": missing key '" + key + "'");
    }
    return v.trim();
  }
}
