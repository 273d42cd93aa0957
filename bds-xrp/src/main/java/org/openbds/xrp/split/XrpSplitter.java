package org.openbds.xrp.split;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRows;
import org.openbds.api.BlockSplitter;
import org.openbds.api.BlockTable;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.QueryResult;
import org.openbds.api.SourceBlock;
import org.openbds.api.TableSchema;
import org.openbds.api.ViewSchema;
import org.openbds.api.Warehouse;
import org.openbds.xrp.codec.XrpLedger;
import org.openbds.xrp.codec.XrpLedgerDecoder;

/**
 * Splits validated XRP Ledger ledgers into the {@code xrp} schema. Decoding builds every row; the ordered step checks
 * that each ledger follows the last one: its {@code total_coins} is the previous ledger's less the fees it burnt
 * (the parent hash is the runtime's check). The XRP Ledger has no reorganizations of validated ledgers, so there is
 * nothing to undo beyond what the runtime deletes.
 */
public final class XrpSplitter implements BlockSplitter<XrpDecodedLedger> {
  private final XrpLedgerDecoder decoder;
  /** The last ledger applied (or found in the warehouse): index and total coins. */
  private Optional<Tip> previous = Optional.empty();

  private record Tip(long index, long totalCoins) {}

  public XrpSplitter(XrpLedgerDecoder decoder) {
    this.decoder = requireNonNull(decoder, "decoder is null");
  }

  @Override
  public List<TableSchema> tables() {
    return XrpTables.TABLES;
  }

  @Override
  public List<ViewSchema> views() {
    return List.of();
  }

  @Override
  public BlockTable blockTable() {
    return XrpTables.BLOCK_TABLE;
  }

  @Override
  public XrpDecodedLedger decode(SourceBlock block) {
    XrpLedger ledger = decoder.decode(block.payload(), block.origin());
    if (ledger.index() != block.height() || !ledger.hash().equals(block.hash()) || !ledger.parentHash().equals(block.parent())) {
      throw new BdsException(ErrorCode.MALFORMED_BLOCK, block.origin() + ": holds ledger " + ledger.ref() + " with parent "
          + ledger.parentHash().toHex() + ", but the source announced " + block.ref() + " with parent " + block.parent().toHex());
    }
    return new XrpDecodedLedger(ledger, LedgerRowBuilder.build(ledger, block.origin()), block.origin());
  }

  @Override
  public void load(Warehouse warehouse, ChainId chain) {
    QueryResult tip = warehouse.query(
        "SELECT ledger_index, total_coins FROM " + chain.value() + "." + XrpTables.LEDGERS + " ORDER BY ledger_index DESC LIMIT 1");
    previous = tip.rows().isEmpty()
        ? Optional.empty()
        : Optional.of(new Tip(((Number) tip.rows().get(0).get(0)).longValue(), ((Number) tip.rows().get(0).get(1)).longValue()));
  }

  @Override
  public BlockRows resolve(XrpDecodedLedger block) {
    XrpLedger l = block.ledger();
    if (previous.isPresent() && previous.get().index() == l.index() - 1) {
      long expected = previous.get().totalCoins() - l.feesBurnt();
      if (expected != l.totalCoins()) {
        throw new BdsException(ErrorCode.MALFORMED_BLOCK, block.origin() + ", ledger " + l.index() + ": total_coins "
            + l.totalCoins() + " is not the previous ledger's " + previous.get().totalCoins() + " less the " + l.feesBurnt()
            + " drops of fees burnt (" + expected + ")");
      }
    }
    previous = Optional.of(new Tip(l.index(), l.totalCoins()));
    return block.rows();
  }

  @Override
  public boolean rollBack(Warehouse warehouse, ChainId chain, long fromHeight) {
    // nothing is kept but the last ledger's figures, read again by load()
    return false;
  }
}
