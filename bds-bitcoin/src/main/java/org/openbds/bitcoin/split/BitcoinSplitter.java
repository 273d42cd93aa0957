package org.openbds.bitcoin.split;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.openbds.api.BlockSplitter;
import org.openbds.api.BlockTable;
import org.openbds.api.ChainId;
import org.openbds.api.Hash32;
import org.openbds.api.QueryResult;
import org.openbds.api.SourceBlock;
import org.openbds.api.TableSchema;
import org.openbds.api.ViewSchema;
import org.openbds.api.Warehouse;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;
import org.openbds.bitcoin.codec.BitcoinTransaction;
import org.openbds.bitcoin.codec.TxInput;
import org.openbds.bitcoin.codec.TxOutput;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.NetworkParameters;
import org.openbds.bitcoin.script.AddressEncoder;
import org.openbds.bitcoin.script.OutputScript;
import org.openbds.bitcoin.script.ScriptClassifier;
import org.openbds.bitcoin.script.ScriptType;

/**
 * Splits Bitcoin-family blocks into the tables of {@link BitcoinTables}. Inputs are resolved against the splitter's own
 * index of unspent outputs (never against a node); an input whose output is not in the warehouse is kept with its
 * spent txid and NULL value, address and type, and counted in {@link #unresolvedInputs()}.
 *
 * <p>{@link #decode} is thread-safe. {@link #resolve} and {@link #load} belong to one thread; the rows they return are
 * written on any one thread.
 */
public final class BitcoinSplitter implements BlockSplitter<ClassifiedBlock> {

  private final ChainProfile profile;
  private final ScriptClassifier classifier;
  private final boolean storeInputScripts;

  private final UtxoIndex utxos = new UtxoIndex(1 << 14);
  private final AddressIndex addressIds = new AddressIndex(1 << 14);
  private final UtxoIndex.Spent spent = new UtxoIndex.Spent();
  private long nextTxId;
  private long nextAddressId;
  private long unresolvedInputs;

  /**
   * @param storeInputScripts whether to keep every input's script and witness bytes (coinbase scripts are always kept)
   */
  public BitcoinSplitter(ChainProfile profile, NetworkParameters network, boolean storeInputScripts) {
    this.profile = requireNonNull(profile, "profile is null");
    this.classifier = new ScriptClassifier(new AddressEncoder(requireNonNull(network, "network is null")), profile.segwit());
    this.storeInputScripts = storeInputScripts;
  }

  @Override
  public List<TableSchema> tables() {
    return BitcoinTables.TABLES;
  }

  @Override
  public List<ViewSchema> views() {
    return BitcoinTables.VIEWS;
  }

  @Override
  public BlockTable blockTable() {
    return new BlockTable(BitcoinTables.BLOCKS, "height", "hash", "prev_hash");
  }

  @Override
  public ClassifiedBlock decode(SourceBlock source) {
    // a codec per call: it holds a hasher and is not thread-safe, and creating one is cheap next to a block
    BitcoinBlock block = new BitcoinBlockCodec(profile.mweb(), storeInputScripts).decodeBlock(source.payload(), source.height(), source.origin());
    if (!block.hash().equals(source.hash())) {
      throw new org.openbds.api.BdsException(
          org.openbds.api.ErrorCode.MALFORMED_BLOCK,
          source.origin() + ": header hashes to " + block.hash() + ", expected " + source.hash());
    }
    return classify(block);
  }

  /**
   * Classifies every output script of a decoded block and renders its txids, as {@link #decode} does for the blocks it
   * decodes itself; for readers of other block formats that decode into the same {@link BitcoinBlock}. Thread-safe.
   */
  public ClassifiedBlock classify(BitcoinBlock block) {
    List<BitcoinTransaction> txs = block.transactions();
    OutputScript[][] scripts = new OutputScript[txs.size()][];
    String[] txids = new String[txs.size()];
    for (int t = 0; t < txs.size(); t++) {
      BitcoinTransaction tx = txs.get(t);
      txids[t] = tx.txid().toHex();
      List<TxOutput> outs = tx.outputs();
      OutputScript[] classified = new OutputScript[outs.size()];
      for (int o = 0; o < outs.size(); o++) {
        classified[o] = classifier.classify(outs.get(o).script());
        if (classified[o].address() != null) {
          // String caches its hash: computed here, on a decoding thread, the ordered resolving thread reuses it
          int unused = classified[o].address().hashCode();
        }
      }
      scripts[t] = classified;
    }
    return new ClassifiedBlock(block, scripts, txids);
  }

  @Override
  public void load(Warehouse warehouse, ChainId chain) {
    String s = chain.value();
    utxos.clear();
    addressIds.clear();
    unresolvedInputs = 0;
    nextTxId = nextId(warehouse.query("SELECT MAX(tx_id) FROM " + s + ".transactions"));
    nextAddressId = nextId(warehouse.query("SELECT MAX(address_id) FROM " + s + ".address_dictionary"));
    warehouse.stream(
        "SELECT address, address_id FROM " + s + ".address_dictionary",
        row -> addressIds.put(row.getString(1), row.getLong(2)));
    indexUnspent(
        warehouse,
        "SELECT t.txid, o.vout, o.value, o.tx_id, o.address_id, o.block_height, o.script_type"
            + " FROM " + s + ".tx_outputs o JOIN " + s + ".transactions t ON t.tx_id = o.tx_id"
            + " WHERE o.script_type <> 'op_return' AND NOT EXISTS (SELECT 1 FROM " + s + ".tx_inputs i"
            + " WHERE i.spent_tx_id = o.tx_id AND i.spent_vout = o.vout)");
    unresolvedInputs =
        ((Number) warehouse
                .query("SELECT COUNT(*) FROM " + s + ".tx_inputs WHERE NOT is_coinbase AND spent_tx_id IS NULL")
                .rows()
                .get(0)
                .get(0))
            .longValue();
  }

  /**
   * Undoes the blocks from {@code fromHeight} on in the in-memory state while the warehouse still holds them: their
   * outputs leave the unspent index, the outputs their inputs spent return to it, and the addresses and ids they
   * introduced are released.
   */
  @Override
  public boolean rollBack(Warehouse warehouse, ChainId chain, long fromHeight) {
    String s = chain.value();
    long h = fromHeight;
    utxos.removeCreatedFrom((int) Math.min(Integer.MAX_VALUE, h));
    indexUnspent(
        warehouse,
        "SELECT t.txid, o.vout, o.value, o.tx_id, o.address_id, o.block_height, o.script_type"
            + " FROM " + s + ".tx_inputs i JOIN " + s + ".tx_outputs o ON o.tx_id = i.spent_tx_id AND o.vout = i.spent_vout"
            + " JOIN " + s + ".transactions t ON t.tx_id = o.tx_id"
            + " WHERE i.block_height >= " + h + " AND o.block_height < " + h);
    Object firstAddress = warehouse.query("SELECT MIN(address_id) FROM " + s + ".address_dictionary WHERE first_height >= ?", h).rows().get(0).get(0);
    if (firstAddress != null) {
      addressIds.removeIdsFrom(((Number) firstAddress).longValue());
      nextAddressId = ((Number) firstAddress).longValue();
    }
    Object firstTx = warehouse.query("SELECT MIN(tx_id) FROM " + s + ".transactions WHERE block_height >= ?", h).rows().get(0).get(0);
    if (firstTx != null) {
      nextTxId = ((Number) firstTx).longValue();
    }
    unresolvedInputs -=
        ((Number) warehouse
                .query("SELECT COUNT(*) FROM " + s + ".tx_inputs WHERE NOT is_coinbase AND spent_tx_id IS NULL AND block_height >= ?", h)
                .rows()
                .get(0)
                .get(0))
            .longValue();
    return true;
  }

  /** Puts every output the query returns (txid, vout, value, tx_id, address_id, block_height, script_type) in the index. */
  private void indexUnspent(Warehouse warehouse, String sql) {
    warehouse.stream(
        sql,
        row -> {
          long address = row.getLong(5);
          if (row.wasNull()) {
            address = -1;
          }
          utxos.put(
              Hash32.parse(row.getString(1)),
              row.getInt(2),
              row.getLong(3),
              row.getLong(4),
              address,
              (int) row.getLong(6),
              (byte) ScriptType.fromSqlName(row.getString(7)).ordinal());
        });
  }

  private static long nextId(QueryResult max) {
    Object v = max.rows().get(0).get(0);
    return v == null ? 0 : ((Number) v).longValue() + 1;
  }

  /** Inputs whose spent output was not in the warehouse when they were applied. */
  public long unresolvedInputs() {
    return unresolvedInputs;
  }

  @Override
  public Map<String, Long> counters() {
    return Map.of("unresolved inputs", unresolvedInputs, "unspent outputs", (long) utxos.size(), "addresses", (long) addressIds.size());
  }

  /** Unspent outputs currently indexed (OP_RETURN outputs are never indexed). */
  public int unspentOutputs() {
    return utxos.size();
  }

  @Override
  public ResolvedBlock resolve(ClassifiedBlock classified) {
    BitcoinBlock block = classified.block();
    List<BitcoinTransaction> txs = block.transactions();
    int inputs = 0;
    int outputs = 0;
    for (BitcoinTransaction tx : txs) {
      inputs += tx.inputs().size();
      outputs += tx.outputs().size();
    }
    ResolvedBlock r = new ResolvedBlock(classified, nextTxId, inputs, outputs, storeInputScripts);
    nextTxId += txs.size();
    int height = (int) block.height();
    int in = 0;
    int out = 0;
    for (int t = 0; t < txs.size(); t++) {
      BitcoinTransaction tx = txs.get(t);
      long txId = r.firstTxId + t;
      boolean coinbase = t == 0 && tx.isCoinbase();
      long inputValue = 0;
      boolean inputsKnown = true;
      for (TxInput input : tx.inputs()) {
        if (coinbase) {
          r.inputState[in] = ResolvedBlock.COINBASE;
        } else if (utxos.remove(input.previousTxid(), input.previousVout(), spent)) {
          r.inputState[in] = ResolvedBlock.RESOLVED;
          r.spentTxId[in] = spent.txId;
          r.spentValue[in] = spent.value;
          r.spentAddressId[in] = spent.addressId;
          r.spentHeight[in] = spent.height;
          r.spentType[in] = spent.scriptType;
          inputValue += spent.value;
        } else {
          r.inputState[in] = ResolvedBlock.UNKNOWN;
          inputsKnown = false;
          unresolvedInputs++;
        }
        in++;
      }
      Hash32 txid = tx.txid();
      OutputScript[] scripts = classified.scripts()[t];
      long txOutputValue = 0;
      for (int o = 0; o < scripts.length; o++) {
        OutputScript script = scripts[o];
        long value = tx.outputs().get(o).value();
        long addressId = script.address() == null ? -1 : addressId(script.address(), r);
        r.outputAddressId[out++] = addressId;
        txOutputValue = Math.addExact(txOutputValue, value);
        if (!script.unspendable()) {
          utxos.put(txid, o, value, txId, addressId, height, (byte) script.type().ordinal());
        }
      }
      r.finishTransaction(t, coinbase, inputsKnown, inputValue, txOutputValue);
    }
    return r;
  }

  private long addressId(String address, ResolvedBlock block) {
    long id = addressIds.get(address);
    if (id >= 0) {
      return id;
    }
    long fresh = nextAddressId++;
    addressIds.put(address, fresh);
    block.newAddress(fresh, address);
    return fresh;
  }

  public ChainProfile profile() {
    return profile;
  }

  /** Whether every input's script and witness bytes are kept (coinbase scripts always are). */
  public boolean storesInputScripts() {
    return storeInputScripts;
  }
}
