package org.openbds.ethereum.bds;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
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
import org.openbds.ethereum.split.EthDecodedBlock;
import org.openbds.ethereum.split.EthSplitter;

/**
 * Splits blocks whose payload is an Ethereum-family message of the original BDS product: {@link #decode} reads the
 * message ({@link EthBdsDecoder}), the {@link EthSplitter} does everything else, so that the rows are written by our
 * own splitter. Threading as for {@link EthSplitter}.
 */
public final class EthBdsSplitter implements BlockSplitter<EthDecodedBlock> {
  private final EthSplitter splitter;
  private final EthBdsDecoder decoder;

  public EthBdsSplitter(EthSplitter splitter) {
    this.splitter = requireNonNull(splitter, "splitter is null");
    this.decoder = new EthBdsDecoder(splitter.rewards());
  }

  @Override
  public EthDecodedBlock decode(SourceBlock source) {
    EthDecodedBlock block = decoder.decode(source.payload(), source.origin());
    if (!block.ref().equals(source.ref()) || !block.parent().equals(source.parent())) {
      throw new BdsException(ErrorCode.MALFORMED_BLOCK, source.origin() + ": the message is block " + block.ref() + " (parent " + block.parent()
          + "), expected " + source.ref() + " (parent " + source.parent() + ")");
    }
    return block;
  }

  @Override
  public List<TableSchema> tables() {
    return splitter.tables();
  }

  @Override
  public List<ViewSchema> views() {
    return splitter.views();
  }

  @Override
  public BlockTable blockTable() {
    return splitter.blockTable();
  }

  @Override
  public void load(Warehouse warehouse, ChainId chain) {
    splitter.load(warehouse, chain);
  }

  @Override
  public BlockRows resolve(EthDecodedBlock block) {
    return splitter.resolve(block);
  }

  @Override
  public boolean rollBack(Warehouse warehouse, ChainId chain, long fromHeight) {
    return splitter.rollBack(warehouse, chain, fromHeight);
  }

  @Override
  public Map<String, Long> counters() {
    return splitter.counters();
  }
}
