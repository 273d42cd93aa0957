package org.openbds.ethereum.split;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.openbds.api.BlockRef;
import org.openbds.api.DecodedBlock;
import org.openbds.api.Hash32;
import org.openbds.ethereum.codec.EthBlockBundle;
import org.openbds.ethereum.token.ContractClassification;
import org.openbds.ethereum.token.TokenTransfer;

/**
 * A block decoded with everything derived from it alone: its native balance changes, token transfers and created
 * contracts, plus the node facts the source read (opening balances, token metadata answers, uncle miners).
 */
public record EthDecodedBlock(
    EthBlockBundle bundle,
    int sizeBytes,
    List<BalanceChange> balanceChanges,
    List<TokenTransfer> tokenTransfers,
    List<CreatedContract> contracts,
    NodeFacts facts) implements DecodedBlock {
  public EthDecodedBlock {
    requireNonNull(bundle, "bundle is null");
    balanceChanges = List.copyOf(balanceChanges);
    tokenTransfers = List.copyOf(tokenTransfers);
    contracts = List.copyOf(contracts);
    requireNonNull(facts, "facts is null");
  }

  /** A contract created by a successful create frame: where, by whom, and what its runtime code says it is. */
  public record CreatedContract(String address, Hash32 transactionHash, String creator, ContractClassification info) {}

  @Override
  public BlockRef ref() {
    return new BlockRef(bundle.block().number(), bundle.block().hash());
  }

  @Override
  public Hash32 parent() {
    return bundle.block().parentHash();
  }

  @Override
  public int transactionCount() {
    return bundle.block().transactions().size();
  }
}
