package org.openbds.forensics.account;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Warehouse;

/**
 * The account graph of an Ethereum-family chain read from its warehouse tables. Native value: the call traces that
 * moved it ({@code traces}: calls, creations and self-destructs that did not revert; delegate, static and code calls
 * move none), or a transaction's top-level value where the warehouse holds no traces for it; fees, fee shares, rewards,
 * withdrawals and opening balances from {@code balance_changes}. Tokens: ERC-20 {@code token_transfers} (from or to the
 * zero address: minted or burnt) and {@code token_openings}.
 *
 * <p>Every native read is checked against {@code balance_changes}: each account's value moved in each transaction
 * must equal the warehouse's own booking of it, or the read fails naming both — a trace never runs on value the
 * warehouse does not account for.
 */
public final class WarehouseAccountGraph implements AccountGraph {
  private static final int CHUNK = 1_000;
  private static final String ZERO = "0x0000000000000000000000000000000000000000";

  private final Warehouse warehouse;
  private final String s;
  private final Map<Long, Object[]> blocks = new HashMap<>();
  private final Map<String, String> standards = new HashMap<>();

  public WarehouseAccountGraph(Warehouse warehouse, ChainId chain) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.s = requireNonNull(chain, "chain is null").value();
  }

  @Override
  public List<AccountEvent> events(Collection<String> accounts, Asset asset, long fromBlock) {
    List<Raw> raws = new ArrayList<>();
    for (List<Object> chunk : chunks(accounts)) {
      String in = marks(chunk.size());
      if (asset.isNative()) {
        raws.addAll(nativeTransfers("(tr.from_address IN (" + in + ") OR tr.to_address IN (" + in + "))", "(t.from_address IN (" + in + ")"
            + " OR coalesce(t.to_address, t.contract_address) IN (" + in + "))", fromBlock, twice(chunk)));
        List<Object> p = new ArrayList<>();
        p.add(fromBlock);
        p.addAll(chunk);
        for (List<Object> r : rows("SELECT block_number, transaction_index, transaction_hash, address, CAST(kind AS VARCHAR), CAST(sum(delta) AS VARCHAR)"
            + " FROM " + s + ".balance_changes WHERE block_number >= ? AND kind <> 'value' AND address IN (" + in + ")"
            + " GROUP BY block_number, transaction_index, transaction_hash, address, kind", p)) {
          raws.add(change(r));
        }
        check(raws, chunk, fromBlock);
      } else {
        requireErc20(asset);
        List<Object> p = new ArrayList<>();
        p.add(asset.token().orElseThrow());
        p.add(fromBlock);
        p.addAll(twice(chunk));
        for (List<Object> r : rows("SELECT tt.block_number, t.transaction_index, tt.log_index, tt.transaction_hash, tt.from_address, tt.to_address,"
            + " CAST(tt.value AS VARCHAR) FROM " + s + ".token_transfers tt JOIN " + s + ".transactions t"
            + " ON t.block_number = tt.block_number AND t.hash = tt.transaction_hash"
            + " WHERE tt.token_address = ? AND tt.token_standard = 'erc20' AND tt.block_number >= ?"
            + " AND (tt.from_address IN (" + in + ") OR tt.to_address IN (" + in + "))", p)) {
          token(r).ifPresent(raws::add);
        }
        for (Map.Entry<String, Object[]> o : tokenOpenings(asset, chunk).entrySet()) {
          long block = (Long) o.getValue()[0];
          BigInteger balance = (BigInteger) o.getValue()[1];
          if (block >= fromBlock && balance.signum() > 0) {
            raws.add(new Raw(new Position(block, Position.OPENING, Position.OPENING), AccountEvent.Kind.OPENING, null, null, o.getKey(), balance));
          }
        }
      }
    }
    return resolve(raws);
  }

  @Override
  public Map<String, BigInteger> balancesBefore(Collection<String> accounts, Asset asset, long block) {
    Map<String, BigInteger> out = new HashMap<>();
    for (List<Object> chunk : chunks(accounts)) {
      String in = marks(chunk.size());
      if (asset.isNative()) {
        List<Object> p = new ArrayList<>();
        p.add(block);
        p.addAll(chunk);
        for (List<Object> r : rows("SELECT address, CAST(sum(delta) AS VARCHAR) FROM " + s + ".balance_changes WHERE block_number < ? AND address IN (" + in + ")"
            + " GROUP BY address", p)) {
          out.put((String) r.get(0), new BigInteger((String) r.get(1)));
        }
      } else {
        requireErc20(asset);
        for (Map.Entry<String, Object[]> o : tokenOpenings(asset, chunk).entrySet()) {
          if ((Long) o.getValue()[0] < block) {
            out.merge(o.getKey(), (BigInteger) o.getValue()[1], BigInteger::add);
          }
        }
        List<Object> p = new ArrayList<>();
        p.add(asset.token().orElseThrow());
        p.add(block);
        p.addAll(chunk);
        p.add(asset.token().orElseThrow());
        p.add(block);
        p.addAll(chunk);
        for (List<Object> r : rows("SELECT holder, CAST(sum(amount) AS VARCHAR) FROM ("
            + " SELECT to_address AS holder, value AS amount FROM " + s + ".token_transfers WHERE token_address = ? AND token_standard = 'erc20'"
            + " AND block_number < ? AND to_address IN (" + in + ")"
            + " UNION ALL SELECT from_address, -value FROM " + s + ".token_transfers WHERE token_address = ? AND token_standard = 'erc20'"
            + " AND block_number < ? AND from_address IN (" + in + ")) AS moves GROUP BY holder", p)) {
          if (!ZERO.equals(r.get(0))) {
            out.merge((String) r.get(0), new BigInteger((String) r.get(1)), BigInteger::add);
          }
        }
      }
    }
    out.forEach((a, b) -> {
      if (b.signum() < 0) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "the warehouse's changes give " + a + " a negative " + asset + " balance before block " + block + ": " + b);
      }
    });
    return out;
  }

  @Override
  public List<AccountEvent> transfersIn(String hash, Asset asset) {
    List<List<Object>> tx = rows("SELECT block_number, transaction_index FROM " + s + ".transactions WHERE hash = ?", List.of(hash));
    if (tx.isEmpty()) {
      throw new IllegalArgumentException("no transaction " + hash + " in the warehouse of " + s);
    }
    long block = ((Number) tx.get(0).get(0)).longValue();
    List<Raw> raws = new ArrayList<>();
    if (asset.isNative()) {
      raws.addAll(nativeTransfers("tr.block_number = ? AND tr.transaction_hash = ?", "t.block_number = ? AND t.hash = ?", block, List.of(block, hash)));
    } else {
      requireErc20(asset);
      for (List<Object> r : rows("SELECT tt.block_number, " + tx.get(0).get(1) + ", tt.log_index, tt.transaction_hash, tt.from_address, tt.to_address,"
          + " CAST(tt.value AS VARCHAR) FROM " + s + ".token_transfers tt WHERE tt.block_number = ? AND tt.transaction_hash = ? AND tt.token_address = ?"
          + " AND tt.token_standard = 'erc20'", List.of(block, hash, asset.token().orElseThrow()))) {
        token(r).ifPresent(raws::add);
      }
    }
    return resolve(raws);
  }

  @Override
  public Map<String, BigInteger> fees(Collection<String> transactions) {
    Map<String, BigInteger> out = new HashMap<>();
    for (List<Object> chunk : chunks(transactions)) {
      for (List<Object> r : rows("SELECT hash, CAST(fee AS VARCHAR) FROM " + s + ".transactions WHERE hash IN (" + marks(chunk.size()) + ")", chunk)) {
        out.put((String) r.get(0), new BigInteger((String) r.get(1)));
      }
    }
    return out;
  }

  @Override
  public long firstBlockAt(Instant time) {
    List<List<Object>> r = rows("SELECT min(number), (SELECT max(number) FROM " + s + ".blocks) FROM " + s + ".blocks WHERE timestamp >= ?",
        List.of(LocalDateTime.ofInstant(time, ZoneOffset.UTC)));
    if (r.get(0).get(0) != null) {
      return ((Number) r.get(0).get(0)).longValue();
    }
    return r.get(0).get(1) == null ? 0 : ((Number) r.get(0).get(1)).longValue() + 1;
  }

  @Override
  public long firstBlock() {
    Object min = rows("SELECT min(number) FROM " + s + ".blocks", List.of()).get(0).get(0);
    return min == null ? 0 : ((Number) min).longValue();
  }

  /** A balance change before its block's hash and time are known. */
  private record Raw(Position at, AccountEvent.Kind kind, String transaction, String from, String to, BigInteger value) {}

  /**
   * Native value moved by traces matching {@code traceWhere}, and by the top-level calls matching {@code txWhere} of
   * transactions the warehouse holds no traces for; {@code parameters} fill both conditions.
   */
  private List<Raw> nativeTransfers(String traceWhere, String txWhere, long fromBlock, List<Object> parameters) {
    List<Raw> out = new ArrayList<>();
    List<Object> p = new ArrayList<>();
    p.add(fromBlock);
    p.addAll(parameters);
    for (List<Object> r : rows("SELECT tr.block_number, tr.transaction_index, tr.trace_index, tr.transaction_hash, tr.depth, tr.from_address, tr.to_address,"
        + " CAST(tr.value AS VARCHAR) FROM " + s + ".traces tr WHERE tr.block_number >= ? AND " + traceWhere
        + " AND NOT tr.reverted AND tr.trace_type <> 'reward' AND tr.value > 0"
        + " AND (tr.trace_type <> 'call' OR coalesce(tr.call_type, 'call') = 'call')", p)) {
      String where = "trace " + r.get(2) + " of block " + r.get(0);
      if (r.get(1) == null || r.get(3) == null || r.get(5) == null || r.get(6) == null) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, where + " moves value without a transaction, sender or recipient");
      }
      int depth = ((Number) r.get(4)).intValue();
      out.add(new Raw(new Position(((Number) r.get(0)).longValue(), ((Number) r.get(1)).intValue(), ((Number) r.get(2)).intValue()),
          depth == 0 ? AccountEvent.Kind.CALL : AccountEvent.Kind.INTERNAL, (String) r.get(3), (String) r.get(5), (String) r.get(6), new BigInteger((String) r.get(7))));
    }
    for (List<Object> r : rows("SELECT t.block_number, t.transaction_index, t.hash, t.from_address, coalesce(t.to_address, t.contract_address),"
        + " CAST(t.value AS VARCHAR) FROM " + s + ".transactions t WHERE t.block_number >= ? AND " + txWhere
        + " AND coalesce(t.status, 1) = 1 AND t.value > 0"
        + " AND NOT EXISTS (SELECT 1 FROM " + s + ".traces tr WHERE tr.block_number = t.block_number AND tr.transaction_hash = t.hash)", p)) {
      if (r.get(4) == null) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "transaction " + r.get(2) + " moves value to no recipient");
      }
      out.add(new Raw(new Position(((Number) r.get(0)).longValue(), ((Number) r.get(1)).intValue(), 0), AccountEvent.Kind.CALL, (String) r.get(2),
          (String) r.get(3), (String) r.get(4), new BigInteger((String) r.get(5))));
    }
    return out;
  }

  private static Raw change(List<Object> r) {
    long block = ((Number) r.get(0)).longValue();
    Integer index = r.get(1) == null ? null : ((Number) r.get(1)).intValue();
    String tx = (String) r.get(2);
    String address = (String) r.get(3);
    String kind = (String) r.get(4);
    BigInteger delta = new BigInteger((String) r.get(5));
    boolean outgoing = kind.equals("fee");
    if (delta.signum() == 0) {
      return null;
    }
    if ((delta.signum() < 0) != outgoing || (index == null) != (tx == null)) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "balance change " + kind + " of " + address + " at block " + block + " is " + delta
          + (index == null ? " outside a transaction" : " in transaction " + tx) + ", which a " + kind + " cannot be");
    }
    return switch (kind) {
      case "opening" -> new Raw(new Position(block, Position.OPENING, Position.OPENING), AccountEvent.Kind.OPENING, null, null, address, delta);
      case "fee" -> new Raw(new Position(block, index, Position.FEE), AccountEvent.Kind.FEE, tx, address, null, delta.negate());
      case "miner_fee" -> new Raw(new Position(block, index, Position.MINER_FEE), AccountEvent.Kind.MINER_FEE, tx, null, address, delta);
      case "block_reward" -> new Raw(new Position(block, Position.BLOCK_END, 0), AccountEvent.Kind.REWARD, null, null, address, delta);
      case "uncle_reward" -> new Raw(new Position(block, Position.BLOCK_END, 1), AccountEvent.Kind.REWARD, null, null, address, delta);
      case "withdrawal" -> new Raw(new Position(block, Position.BLOCK_END, 2), AccountEvent.Kind.WITHDRAWAL, null, null, address, delta);
      default -> throw new BdsException(ErrorCode.INVALID_ARGUMENT, "balance change of an unknown kind '" + kind + "' at block " + block);
    };
  }

  private static Optional<Raw> token(List<Object> r) {
    BigInteger value = new BigInteger((String) r.get(6));
    if (value.signum() == 0) {
      return Optional.empty();
    }
    Position at = new Position(((Number) r.get(0)).longValue(), ((Number) r.get(1)).intValue(), ((Number) r.get(2)).intValue());
    String from = (String) r.get(4);
    String to = (String) r.get(5);
    AccountEvent.Kind kind = ZERO.equals(from) ? AccountEvent.Kind.MINT : ZERO.equals(to) ? AccountEvent.Kind.BURN : AccountEvent.Kind.TOKEN;
    if (ZERO.equals(from) && ZERO.equals(to)) {
      return Optional.empty();
    }
    return Optional.of(new Raw(at, kind, (String) r.get(3), ZERO.equals(from) ? null : from, ZERO.equals(to) ? null : to, value));
  }

  /** Each holder's opening row of an ERC-20 token: the block it was read before, and the balance. */
  private Map<String, Object[]> tokenOpenings(Asset asset, List<Object> holders) {
    List<Object> p = new ArrayList<>();
    p.add(asset.token().orElseThrow());
    p.addAll(holders);
    Map<String, Object[]> out = new HashMap<>();
    for (List<Object> r : rows("SELECT holder, block_number, CAST(balance AS VARCHAR) FROM " + s + ".token_openings WHERE token_address = ? AND token_id IS NULL"
        + " AND holder IN (" + marks(holders.size()) + ")", p)) {
      if (r.get(2) == null) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "the token " + asset + " gave no usable balance of " + r.get(0) + " before block " + r.get(1)
            + ", so its holdings cannot be accounted for");
      }
      out.put((String) r.get(0), new Object[] {((Number) r.get(1)).longValue(), new BigInteger((String) r.get(2))});
    }
    return out;
  }

  private void requireErc20(Asset asset) {
    String token = asset.token().orElseThrow();
    String standard = standards.computeIfAbsent(token, t -> {
      List<List<Object>> r = rows("SELECT CAST(token_standard AS VARCHAR) FROM " + s + ".tokens WHERE address = ?", List.of(t));
      return r.isEmpty() ? "" : (String) r.get(0).get(0);
    });
    if (standard.isEmpty()) {
      throw new IllegalArgumentException("no token " + token + " in the warehouse of " + s);
    }
    if (!standard.equals("erc20")) {
      throw new IllegalArgumentException("the token " + token + " is " + standard + "; tracing follows fungible (ERC-20) tokens");
    }
  }

  /** Checks the native value moves read against the warehouse's own {@code value} balance changes of these accounts. */
  private void check(List<Raw> raws, List<Object> accounts, long fromBlock) {
    java.util.Set<Object> asked = new java.util.HashSet<>(accounts);
    java.util.SortedMap<List<String>, BigInteger> moved = new TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
    for (Raw r : raws) {
      if (r != null && (r.kind() == AccountEvent.Kind.CALL || r.kind() == AccountEvent.Kind.INTERNAL)) {
        if (asked.contains(r.from())) {
          moved.merge(List.of(r.transaction(), r.from()), r.value().negate(), BigInteger::add);
        }
        if (asked.contains(r.to())) {
          moved.merge(List.of(r.transaction(), r.to()), r.value(), BigInteger::add);
        }
      }
    }
    moved.values().removeIf(v -> v.signum() == 0);
    Map<List<String>, BigInteger> booked = new TreeMap<>(moved.comparator());
    List<Object> p = new ArrayList<>();
    p.add(fromBlock);
    p.addAll(accounts);
    for (List<Object> r : rows("SELECT transaction_hash, address, CAST(sum(delta) AS VARCHAR) FROM " + s + ".balance_changes WHERE block_number >= ?"
        + " AND kind = 'value' AND address IN (" + marks(accounts.size()) + ") GROUP BY transaction_hash, address", p)) {
      BigInteger v = new BigInteger((String) r.get(2));
      if (v.signum() != 0) {
        booked.put(List.of(String.valueOf(r.get(0)), (String) r.get(1)), v);
      }
    }
    if (!moved.equals(booked)) {
      TreeSet<List<String>> keys = new TreeSet<>(moved.comparator());
      keys.addAll(moved.keySet());
      keys.addAll(booked.keySet());
      for (List<String> k : keys) {
        if (!java.util.Objects.equals(moved.get(k), booked.get(k))) {
          throw new BdsException(ErrorCode.INVALID_ARGUMENT, "the value " + k.get(1) + " moved in transaction " + k.get(0) + " is "
              + moved.getOrDefault(k, BigInteger.ZERO) + " by the traces but " + booked.getOrDefault(k, BigInteger.ZERO) + " by the warehouse's balance changes");
        }
      }
    }
  }

  /** The events of {@code raws} with their blocks' hashes and times, in chain order. */
  private List<AccountEvent> resolve(List<Raw> raws) {
    java.util.Set<Object> missing = new java.util.LinkedHashSet<>();
    for (Raw r : raws) {
      if (r != null && !blocks.containsKey(r.at().block())) {
        missing.add(r.at().block());
      }
    }
    for (List<Object> chunk : chunks(missing)) {
      for (List<Object> r : rows("SELECT number, hash, timestamp FROM " + s + ".blocks WHERE number IN (" + marks(chunk.size()) + ")", chunk)) {
        blocks.put(((Number) r.get(0)).longValue(), new Object[] {r.get(1), ((LocalDateTime) r.get(2)).toInstant(ZoneOffset.UTC)});
      }
    }
    List<AccountEvent> out = new ArrayList<>();
    for (Raw r : raws) {
      if (r == null) {
        continue;
      }
      Object[] b = blocks.get(r.at().block());
      if (b == null) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "block " + r.at().block() + " holds balance changes but is not in the warehouse's blocks");
      }
      out.add(new AccountEvent(r.at(), r.kind(), Optional.ofNullable(r.transaction()), (String) b[0], (Instant) b[1], Optional.ofNullable(r.from()),
          Optional.ofNullable(r.to()), r.value()));
    }
    out.sort(java.util.Comparator.comparing(AccountEvent::at).thenComparing(AccountEvent::kind).thenComparing(e -> e.from().orElse(""))
        .thenComparing(e -> e.to().orElse("")));
    return out;
  }

  private List<List<Object>> rows(String sql, List<Object> parameters) {
    return warehouse.query(sql, parameters.toArray()).rows();
  }

  private static List<Object> twice(List<Object> chunk) {
    List<Object> out = new ArrayList<>(chunk);
    out.addAll(chunk);
    return out;
  }

  private static List<List<Object>> chunks(Collection<?> keys) {
    List<Object> all = new ArrayList<>(keys);
    List<List<Object>> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from += CHUNK) {
      out.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
    }
    return out;
  }

  private static String marks(int n) {
    return "?" + ", ?".repeat(n - 1);
  }
}
