package org.openbds.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A splitter of blocks delivered in another format than the family's own (the original BDS product's JSON documents,
 * say): a subclass decodes them into the family's decoded blocks, and everything else — tables, state, resolving,
 * rollbacks — is the family's own splitter's, so that the rows are the same.
 *
 * @param <D> the family's decoded block type
 */
public abstract class ForeignFormatSplitter<D extends DecodedBlock> implements BlockSplitter<D> {
  private final BlockSplitter<D> family;

  protected ForeignFormatSplitter(BlockSplitter<D> family) {
    this.family = requireNonNull(family, "family is null");
  }

  @Override
  public List<TableSchema> tables() {
    return family.tables();
  }

  @Override
  public List<ViewSchema> views() {
    return family.views();
  }

  @Override
  public BlockTable blockTable() {
    return family.blockTable();
  }

  @Override
  public void load(Warehouse warehouse, ChainId chain) {
    family.load(warehouse, chain);
  }

  @Override
  public BlockRows resolve(D block) {
    return family.resolve(block);
  }

  @Override
  public boolean rollBack(Warehouse warehouse, ChainId chain, long fromHeight) {
    return family.rollBack(warehouse, chain, fromHeight);
  }

  @Override
  public void apply(D block, WriteTransaction transaction) {
    family.apply(block, transaction);
  }

  @Override
  public Map<String, Long> counters() {
    return family.counters();
  }
}
