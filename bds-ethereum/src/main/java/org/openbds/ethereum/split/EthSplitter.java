package org.openbds.ethereum.split;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRows;
import org.openbds.api.BlockSplitter;
import org.openbds.api.BlockTable;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.SourceBlock;
import org.openbds.api.TableSchema;
import org.openbds.api.ViewSchema;
import org.openbds.api.Warehouse;
import org.openbds.ethereum.codec.EthBlockBundle;
import org.openbds.ethereum.codec.EthLog;
import org.openbds.ethereum.codec.EthReceipt;
import org.openbds.ethereum.codec.EthTrace;
import org.openbds.ethereum.profile.RewardSchedule;
import org.openbds.ethereum.token.ContractClassifier;
import org.openbds.ethereum.token.TokenHolding;
import org.openbds.ethereum.token.TokenMetadata;
import org.openbds.ethereum.token.TokenMetadataReader;
import org.openbds.ethereum.token.TokenTransfer;
import org.openbds.ethereum.token.TokenTransferExtractor;
import org.openbds.ethereum.token.TransferExtraction;

/**
 * Splits Ethereum-family blocks into the tables of {@link EthTables}. Decoding (several threads) parses the payload
 * (or takes the form a source of the same process decoded already, see {@link DecodedPayloads}) and derives what the
 * block alone says: balance changes, token transfers, created contracts. Resolving (one thread,
 * chain order) keeps the set of addresses and token contracts already in the warehouse: an address seen for the first
 * time gets its opening balance (read by the source from the node) as a row of its own, a token contract seen for the
 * first time a row in {@code tokens}.
 */
public final class EthSplitter implements BlockSplitter<EthDecodedBlock> {
  private static final TokenTransferExtractor TRANSFERS = new TokenTransferExtractor();
  private static final ContractClassifier CLASSIFIER = new ContractClassifier();
  private final RewardSchedule rewards;
  private final DecodedPayloads decoded;
  private final Set<String> knownAddresses = new HashSet<>();
  private final Set<String> knownTokens = new HashSet<>();
  /** Keys ({@link TokenHolding#key()}) of the holdings that have an opening row: those of tokens older than the range. */
  private final Set<String> openedHoldings = new HashSet<>();
  private long skippedTransferLogs;

  public EthSplitter(RewardSchedule rewards) {
    this(rewards, new DecodedPayloads());
  }

  /** A splitter that takes the payloads a source of this process decoded already from {@code decoded} instead of decoding them again. */
  public EthSplitter(RewardSchedule rewards, DecodedPayloads decoded) {
    this.rewards = requireNonNull(rewards, "rewards is null");
    this.decoded = requireNonNull(decoded, "decoded is null");
  }

  public RewardSchedule rewards() {
    return rewards;
  }

  @Override
  public List<TableSchema> tables() {
    return EthTables.TABLES;
  }

  @Override
  public List<ViewSchema> views() {
    return EthTables.VIEWS;
  }

  @Override
  public BlockTable blockTable() {
    return new BlockTable(EthTables.BLOCKS, "number", "hash", "parent_hash");
  }

  @Override
  public EthDecodedBlock decode(SourceBlock source) {
    EthSourcePayload payload = decoded.take(source.payload()).orElseGet(() -> EthSourcePayload.decode(source.payload(), source.origin()));
    EthBlockBundle bundle = payload.bundle();
    if (!bundle.block().hash().equals(source.hash()) || bundle.block().number() != source.height()) {
      throw new BdsException(ErrorCode.MALFORMED_BLOCK,
          source.origin() + ": the payload holds block " + bundle.block().number() + " " + bundle.block().hash() + ", not " + source.ref());
    }
    List<BalanceChange> changes = NativeBalanceChanges.of(bundle, payload.facts().uncles(), rewards);
    List<TokenTransfer> transfers = new ArrayList<>();
    long skipped = 0;
    for (EthReceipt r : bundle.receipts()) {
      for (EthLog log : r.logs()) {
        TransferExtraction result = TRANSFERS.extract(log);
        transfers.addAll(result.transfers());
        skipped += result.isSkipped() ? 1 : 0;
      }
    }
    synchronized (this) {
      skippedTransferLogs += skipped;
    }
    return new EthDecodedBlock(bundle, source.payload().length, changes, transfers, contracts(bundle), payload.facts());
  }

  /** Contracts created by create frames that did not revert, with their runtime code classified. */
  private static List<EthDecodedBlock.CreatedContract> contracts(EthBlockBundle bundle) {
    List<EthDecodedBlock.CreatedContract> out = new ArrayList<>();
    for (EthTrace t : bundle.traces().orElse(List.of())) {
      if (!"create".equals(t.traceType()) || t.reverted() || t.toAddress().isEmpty() || t.transactionHash().isEmpty()) {
        continue;
      }
      out.add(new EthDecodedBlock.CreatedContract(
          t.toAddress().get(), t.transactionHash().get(), t.fromAddress().orElse(""), CLASSIFIER.classify(t.output().orElse("0x"))));
    }
    return out;
  }

  @Override
  public void load(Warehouse warehouse, ChainId chain) {
    knownAddresses.clear();
    knownTokens.clear();
    openedHoldings.clear();
    warehouse.stream("SELECT DISTINCT address FROM " + chain.value() + "." + EthTables.BALANCE_CHANGES, row -> knownAddresses.add(row.getString(1)));
    warehouse.stream(
        "SELECT token_address, token_standard, holder, CAST(token_id AS VARCHAR) FROM " + chain.value() + "." + EthTables.TOKEN_OPENINGS,
        row -> openedHoldings.add(storedHolding(row.getString(1), row.getString(2), row.getString(3), row.getString(4)).key()));
    warehouse.stream("SELECT address FROM " + chain.value() + "." + EthTables.TOKENS, row -> knownTokens.add(row.getString(1)));
  }

  @Override
  public BlockRows resolve(EthDecodedBlock block) {
    String origin = "block " + block.ref();
    // opening balances of addresses first seen here, ahead of the block's own changes
    Map<String, BigInteger> openings = new LinkedHashMap<>();
    for (BalanceChange c : block.balanceChanges()) {
      if (!knownAddresses.contains(c.address()) && !openings.containsKey(c.address())) {
        BigInteger opening = block.facts().openings().get(c.address());
        if (opening == null) {
          throw new BdsException(ErrorCode.MALFORMED_BLOCK, origin + ": no opening balance for " + c.address() + ", seen for the first time");
        }
        openings.put(c.address(), opening);
      }
    }
    List<BalanceChange> changes = new ArrayList<>(openings.size() + block.balanceChanges().size());
    openings.forEach((address, balance) -> changes.add(new BalanceChange(address, BalanceChange.Kind.OPENING, balance, Optional.empty(), Optional.empty())));
    changes.addAll(block.balanceChanges());
    Map<String, EthBlockRows.NewToken> newTokens = new LinkedHashMap<>();
    for (TokenTransfer t : block.tokenTransfers()) {
      if (knownTokens.contains(t.tokenAddress()) || newTokens.containsKey(t.tokenAddress())) {
        continue;
      }
      NodeFacts.TokenCalls calls = block.facts().tokenCalls().get(t.tokenAddress());
      if (calls == null) {
        throw new BdsException(ErrorCode.MALFORMED_BLOCK, origin + ": no metadata answers for token " + t.tokenAddress() + ", seen for the first time");
      }
      newTokens.put(t.tokenAddress(), new EthBlockRows.NewToken(t.tokenAddress(), t.standard(), metadata(calls)));
    }
    // holdings of tokens older than the range, touched here for the first time: what they held at the block before
    Map<String, NodeFacts.TokenOpening> tokenOpenings = new LinkedHashMap<>();
    for (TokenTransfer t : block.tokenTransfers()) {
      for (TokenHolding h : TokenHolding.changedBy(t)) {
        NodeFacts.TokenOpening opening = block.facts().tokenOpenings().get(h.key());
        if (opening != null && !openedHoldings.contains(h.key())) {
          tokenOpenings.putIfAbsent(h.key(), opening);
        }
      }
    }
    knownAddresses.addAll(openings.keySet());
    knownTokens.addAll(newTokens.keySet());
    openedHoldings.addAll(tokenOpenings.keySet());
    return new EthBlockRows(block, changes, new ArrayList<>(newTokens.values()), new ArrayList<>(tokenOpenings.values()), rewards);
  }

  /** The holding a stored opening row stands for (for ERC-721 the key is the id; the stored holder is its owner then). */
  private static TokenHolding storedHolding(String token, String standard, String holder, String tokenId) {
    try {
      return TokenHolding.ofStored(token, standard, holder, tokenId);
    } catch (IllegalArgumentException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "token_openings holds a row that is no holding: " + e.getMessage(), e);
    }
  }

  private static TokenMetadata metadata(NodeFacts.TokenCalls calls) {
    Map<String, Optional<String>> answers = new HashMap<>();
    answers.put(TokenMetadataReader.NAME, calls.name());
    answers.put(TokenMetadataReader.SYMBOL, calls.symbol());
    answers.put(TokenMetadataReader.DECIMALS, calls.decimals());
    answers.put(TokenMetadataReader.TOTAL_SUPPLY, calls.totalSupply());
    return new TokenMetadataReader((address, data) -> answers.getOrDefault(data, Optional.empty())).read("");
  }

  @Override
  public synchronized Map<String, Long> counters() {
    return Map.of("logs with a transfer signature that are not a valid transfer", skippedTransferLogs);
  }
}
