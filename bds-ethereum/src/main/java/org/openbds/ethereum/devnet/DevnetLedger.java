package org.openbds.ethereum.devnet;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the activity believes the token contracts hold: ERC-20 balances and allowances, ERC-721 owners, ERC-1155
 * balances, and the children the Forwarder created. Addresses are lower-case. Mutable and not thread-safe; the
 * activity keeps a {@link #copy()} per block so that a reorg can return to the ledger of any recent height.
 *
 * <p>A debit below zero is a bug in the activity's planning, not a node failure, and throws
 * {@link IllegalStateException}.
 */
final class DevnetLedger {
  static final BigInteger MAX_UINT256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private final Map<String, Map<String, BigInteger>> erc20 = new TreeMap<>();
  private final Map<String, Map<String, Map<String, BigInteger>>> allowances = new TreeMap<>();
  private final Map<BigInteger, String> nftOwners = new TreeMap<>();
  private final Map<String, Map<BigInteger, BigInteger>> multi = new TreeMap<>();
  private final List<String> children = new ArrayList<>();

  DevnetLedger copy() {
    DevnetLedger c = new DevnetLedger();
    erc20.forEach((token, holders) -> c.erc20.put(token, new TreeMap<>(holders)));
    allowances.forEach((token, owners) -> {
      Map<String, Map<String, BigInteger>> o = new TreeMap<>();
      owners.forEach((owner, spenders) -> o.put(owner, new TreeMap<>(spenders)));
      c.allowances.put(token, o);
    });
    c.nftOwners.putAll(nftOwners);
    multi.forEach((holder, ids) -> c.multi.put(holder, new TreeMap<>(ids)));
    c.children.addAll(children);
    return c;
  }

  BigInteger balance(String token, String holder) {
    return erc20.getOrDefault(token, Map.of()).getOrDefault(holder, BigInteger.ZERO);
  }

  void credit(String token, String holder, BigInteger amount) {
    erc20.computeIfAbsent(token, t -> new TreeMap<>()).merge(holder, amount, BigInteger::add);
  }

  void debit(String token, String holder, BigInteger amount) {
    BigInteger left = balance(token, holder).subtract(amount);
    if (left.signum() < 0) {
      throw new IllegalStateException(holder + " holds less than " + amount + " of " + token);
    }
    erc20.computeIfAbsent(token, t -> new TreeMap<>()).put(holder, left);
  }

  /** Holders with a positive balance of {@code token}. */
  List<String> holders(String token) {
    List<String> holders = new ArrayList<>();
    erc20.getOrDefault(token, Map.of()).forEach((h, b) -> {
      if (b.signum() > 0) {
        holders.add(h);
      }
    });
    return holders;
  }

  BigInteger allowance(String token, String owner, String spender) {
    return allowances.getOrDefault(token, Map.of()).getOrDefault(owner, Map.of()).getOrDefault(spender, BigInteger.ZERO);
  }

  void setAllowance(String token, String owner, String spender, BigInteger amount) {
    allowances.computeIfAbsent(token, t -> new TreeMap<>()).computeIfAbsent(owner, o -> new TreeMap<>()).put(spender, amount);
  }

  /** Spends an allowance as the contracts do: one of 2^256-1 is unlimited and stays. */
  void spendAllowance(String token, String owner, String spender, BigInteger amount) {
    BigInteger allowed = allowance(token, owner, spender);
    if (!allowed.equals(MAX_UINT256)) {
      if (allowed.compareTo(amount) < 0) {
        throw new IllegalStateException(spender + " may spend less than " + amount + " of " + owner + "'s " + token);
      }
      setAllowance(token, owner, spender, allowed.subtract(amount));
    }
  }

  /** (owner, spender) pairs of {@code token} with a positive allowance. */
  List<String[]> allowancePairs(String token) {
    List<String[]> pairs = new ArrayList<>();
    allowances.getOrDefault(token, Map.of()).forEach((owner, spenders) -> spenders.forEach((spender, amount) -> {
      if (amount.signum() > 0) {
        pairs.add(new String[] {owner, spender});
      }
    }));
    return pairs;
  }

  String nftOwner(BigInteger id) {
    return nftOwners.get(id);
  }

  void setNftOwner(BigInteger id, String owner) {
    nftOwners.put(id, owner);
  }

  /** Forgets a token while planning, so that a round does not move it twice. */
  void removeNft(BigInteger id) {
    nftOwners.remove(id);
  }

  /** Token ids owned by one of {@code owners}. */
  List<BigInteger> nftsOwnedBy(List<String> owners) {
    List<BigInteger> ids = new ArrayList<>();
    nftOwners.forEach((id, owner) -> {
      if (owners.contains(owner)) {
        ids.add(id);
      }
    });
    return ids;
  }

  BigInteger multiBalance(String holder, BigInteger id) {
    return multi.getOrDefault(holder, Map.of()).getOrDefault(id, BigInteger.ZERO);
  }

  void creditMulti(String holder, BigInteger id, BigInteger amount) {
    multi.computeIfAbsent(holder, h -> new TreeMap<>()).merge(id, amount, BigInteger::add);
  }

  void debitMulti(String holder, BigInteger id, BigInteger amount) {
    BigInteger left = multiBalance(holder, id).subtract(amount);
    if (left.signum() < 0) {
      throw new IllegalStateException(holder + " holds less than " + amount + " of ERC-1155 id " + id);
    }
    multi.computeIfAbsent(holder, h -> new TreeMap<>()).put(id, left);
  }

  /** Ids that {@code holder} holds a positive amount of. */
  List<BigInteger> multiIds(String holder) {
    List<BigInteger> ids = new ArrayList<>();
    multi.getOrDefault(holder, Map.of()).forEach((id, amount) -> {
      if (amount.signum() > 0) {
        ids.add(id);
      }
    });
    return ids;
  }

  void addChild(String child) {
    children.add(child);
  }

  List<String> children() {
    return Collections.unmodifiableList(children);
  }

  /** ERC-20 balances by token, then holder, zero balances included (a holder that gave everything away). */
  Map<String, Map<String, BigInteger>> erc20Balances() {
    Map<String, Map<String, BigInteger>> out = new TreeMap<>();
    erc20.forEach((token, holders) -> out.put(token, Collections.unmodifiableMap(new TreeMap<>(holders))));
    return Collections.unmodifiableMap(out);
  }

  Map<BigInteger, String> nftOwners() {
    return Collections.unmodifiableMap(new TreeMap<>(nftOwners));
  }

  /** ERC-1155 balances by holder, then id. */
  Map<String, Map<BigInteger, BigInteger>> multiBalances() {
    Map<String, Map<BigInteger, BigInteger>> out = new TreeMap<>();
    multi.forEach((holder, ids) -> out.put(holder, Collections.unmodifiableMap(new TreeMap<>(ids))));
    return Collections.unmodifiableMap(out);
  }
}
