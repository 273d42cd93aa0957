package org.openbds.server;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.openbds.api.BdsException;
import org.openbds.api.ChainFamily;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.Column;
import org.openbds.api.SplitOptions;
import org.openbds.api.TableSchema;
import org.openbds.api.ViewSchema;
import org.openbds.core.ChainFamilies;

/**
 * The chains the warehouse holds ({@code main.bds_chains}), each with its family, network, checkpoint and the tables
 * and views its family declares — the schema the condition queries and the schema browser may use.
 */
final class Chains {
  /** One chain as the API describes it. */
  record Chain(String id, String family, String network, String unit, OptionalLong tipHeight, Optional<String> tipHash, Optional<String> updatedAt,
      List<TableSchema> tables, List<ViewSchema> views) {
    Map<String, Object> json() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("chain", id);
      out.put("family", family);
      out.put("network", network);
      out.put("unit", unit);
      out.put("tip_height", tipHeight.isPresent() ? tipHeight.getAsLong() : null);
      out.put("tip_hash", tipHash.orElse(null));
      out.put("updated_at", updatedAt.orElse(null));
      return out;
    }

    /** Columns of a table or view of this chain, if it has one by that name. */
    Optional<List<Column>> columns(String name) {
      for (TableSchema t : tables) {
        if (t.name().equals(name)) {
          return Optional.of(t.columns());
        }
      }
      for (ViewSchema v : views) {
        if (v.name().equals(name)) {
          return Optional.of(v.columns());
        }
      }
      return Optional.empty();
    }
  }

  private final ReaderPool readers;
  private final ChainFamilies families;
  private final Map<String, ChainSupport> supports = new ConcurrentHashMap<>();

  Chains(ReaderPool readers, ChainFamilies families) {
    this.readers = requireNonNull(readers, "readers is null");
    this.families = requireNonNull(families, "families is null");
  }

  List<Chain> list() {
    List<Chain> out = new ArrayList<>();
    for (Map<String, Object> row : readers.rows("SELECT chain, network, tip_height, tip_hash, updated_at FROM main.bds_chains ORDER BY chain")) {
      out.add(chain(row));
    }
    return out;
  }

  /** The chain {@code id}: a 404 when the warehouse does not hold it, a 400 when it is not a chain id at all. */
  Chain get(String id) {
    try {
      new ChainId(id);
    } catch (BdsException e) {
      throw ApiException.badRequest("'" + Identifiers.shorten(id) + "' is not a chain id");
    }
    return readers
        .row("SELECT chain, network, tip_height, tip_hash, updated_at FROM main.bds_chains WHERE chain = ?", id)
        .map(this::chain)
        .orElseThrow(
            () -> new ApiException(
                404, "UNKNOWN_CHAIN", "the warehouse holds no chain '" + id + "'",
                Map.of("chains", list().stream().map(Chain::id).toList())));
  }

  /**
   * The checkpoint keeps hashes as plain lower-case hex; the Ethereum family writes them 0x-prefixed and the XRP Ledger
   * upper-case, as their nodes and their tables do.
   */
  private static String tipHash(String family, String hash) {
    return switch (family) {
      case "ethereum" -> hash.startsWith("0x") ? hash : "0x" + hash;
      case "xrp" -> hash.toUpperCase(java.util.Locale.ROOT);
      default -> hash;
    };
  }

  private Chain chain(Map<String, Object> row) {
    String id = (String) row.get("chain");
    String network = (String) row.get("network");
    ChainFamily family = families.forChain(id);
    ChainSupport support = supports.computeIfAbsent(id + "/" + network, k -> family.open(new ChainId(id), network, SplitOptions.defaults()));
    Object height = row.get("tip_height");
    return new Chain(
        id, family.name(), network, support.unit(),
        height == null ? OptionalLong.empty() : OptionalLong.of(((Number) height).longValue()),
        Optional.ofNullable((String) row.get("tip_hash")).map(h -> tipHash(family.name(), h)),
        Optional.ofNullable((String) row.get("updated_at")),
        support.splitter().tables(),
        support.splitter().views());
  }
}
