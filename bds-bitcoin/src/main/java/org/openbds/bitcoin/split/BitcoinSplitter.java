package org.openbds.bitcoin.split;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openbds.api.BlockSplitter;
import org.openbds.api.ChainId;
import org.openbds.api.Hash32;
import org.openbds.api.QueryResult;
import org.openbds.api.RowWriter;
import org.openbds.api.SourceBlock;
import org.openbds.api.TableSchema;
import org.openbds.api.ViewSchema;
import org.openbds.api.Warehouse;
import org.openbds.api.WriteTransaction;
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
 * <p>{@link #decode} is thread-safe. {@link #apply} and {@link #load} belong to one thread.
 */
public final class BitcoinSplitter implements BlockSplitter<ClassifiedBlock> {
  private static final ScriptType[] TYPES = ScriptType.values();

  private final ChainProfile profile;
  private final ScriptClassifier classifier;
  private final boolean storeInputScripts;

  private final UtxoIndex utxos = new UtxoIndex(1 << 20);
  private final Map<String, Long> addressIds = new HashMap<>();
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
  public ClassifiedBlock decode(SourceBlock source) {
    // a codec per call: it holds a hasher and is not thread-safe, and creating one is cheap next to a block
    BitcoinBlock block = new BitcoinBlockCodec(profile.mweb()).decodeBlock(source.payload(), source.height(), source.origin());
    if (!block.hash().equals(source.hash())) {
      throw new org.openbds.api.BdsException(
          org.openbds.api.ErrorCode.MALFORMED_BLOCK,
          source.origin() + ": header hashes to " + block.hash() + ", expected " + source.hash());
    }
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
    warehouse.stream(
        "SELECT t.txid, o.vout, o.value, o.tx_id, o.address_id, o.block_height, o.script_type"
            + " FROM " + s + ".tx_outputs o JOIN " + s + ".transactions t ON t.tx_id = o.tx_id"
            + " WHERE o.script_type <> 'op_return' AND NOT EXISTS (SELECT 1 FROM " + s + ".tx_inputs i"
            + " WHERE i.spent_tx_id = o.tx_id AND i.spent_vout = o.vout)",
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
    unresolvedInputs =
        ((Number) warehouse
                .query("SELECT COUNT(*) FROM " + s + ".tx_inputs WHERE NOT is_coinbase AND spent_tx_id IS NULL")
                .rows()
                .get(0)
                .get(0))
            .longValue();
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
  public void apply(ClassifiedBlock classified, WriteTransaction transaction) {
    BitcoinBlock block = classified.block();
    RowWriter txWriter = transaction.table(BitcoinTables.TRANSACTIONS);
    RowWriter inWriter = transaction.table(BitcoinTables.TX_INPUTS);
    RowWriter outWriter = transaction.table(BitcoinTables.TX_OUTPUTS);
    RowWriter addressWriter = transaction.table(BitcoinTables.ADDRESS_DICTIONARY);
    long height = block.height();
    long time = block.header().time();
    long firstTxId = nextTxId;
    int inputCount = 0;
    int outputCount = 0;
    long outputValue = 0;
    long coinbaseValue = 0;
    long fees = 0;
    boolean feesKnown = true;
    List<BitcoinTransaction> txs = block.transactions();
    for (int t = 0; t < txs.size(); t++) {
      BitcoinTransaction tx = txs.get(t);
      long txId = nextTxId++;
      boolean coinbase = t == 0 && tx.isCoinbase();
      long inputValue = 0;
      boolean inputsKnown = true;
      List<TxInput> inputs = tx.inputs();
      for (int v = 0; v < inputs.size(); v++) {
        TxInput in = inputs.get(v);
        inWriter.beginRow();
        inWriter.putLong(txId);
        inWriter.putInt(v);
        inWriter.putLong(height);
        if (coinbase) {
          inWriter.putBoolean(true);
          for (int k = 0; k < 7; k++) {
            inWriter.putNull();
          }
        } else {
          inputCount++;
          inWriter.putBoolean(false);
          if (utxos.remove(in.previousTxid(), in.previousVout(), spent)) {
            inputValue += spent.value;
            inWriter.putLong(spent.txId);
            inWriter.putLong(in.previousVout());
            inWriter.putNull();
            inWriter.putLong(spent.height);
            inWriter.putLong(spent.value);
            putAddressId(inWriter, spent.addressId);
            inWriter.putString(TYPES[spent.scriptType].sqlName());
          } else {
            inputsKnown = false;
            unresolvedInputs++;
            inWriter.putNull();
            inWriter.putLong(in.previousVout());
            inWriter.putString(in.previousTxid().toHex());
            for (int k = 0; k < 4; k++) {
              inWriter.putNull();
            }
          }
        }
        inWriter.putLong(in.sequence());
        inWriter.putInt(in.scriptSig().length);
        inWriter.putInt(in.witnessItems());
        inWriter.putBytes(coinbase || storeInputScripts ? in.scriptSig() : null);
        inWriter.putBytes(storeInputScripts ? in.witness() : null);
        inWriter.endRow();
      }
      Hash32 txid = tx.txid();
      List<TxOutput> outputs = tx.outputs();
      OutputScript[] scripts = classified.scripts()[t];
      long txOutputValue = 0;
      for (int o = 0; o < outputs.size(); o++) {
        TxOutput out = outputs.get(o);
        OutputScript script = scripts[o];
        long addressId = script.address() == null ? -1 : addressId(script.address(), height, addressWriter);
        outWriter.beginRow();
        outWriter.putLong(txId);
        outWriter.putInt(o);
        outWriter.putLong(height);
        outWriter.putLong(out.value());
        outWriter.putString(script.type().sqlName());
        putAddressId(outWriter, addressId);
        if (script.requiredSignatures() == null) {
          outWriter.putNull();
        } else {
          outWriter.putInt(script.requiredSignatures());
        }
        outWriter.putString(script.keyType());
        outWriter.putStringList(script.type() == ScriptType.MULTISIG ? script.addresses() : null);
        outWriter.putBytes(script.data());
        outWriter.putBytes(keepsScript(script.type()) ? out.script() : null);
        outWriter.endRow();
        txOutputValue = Math.addExact(txOutputValue, out.value());
        if (!script.unspendable()) {
          utxos.put(txid, o, out.value(), txId, addressId, (int) height, (byte) script.type().ordinal());
        }
      }
      outputCount += outputs.size();
      outputValue = Math.addExact(outputValue, txOutputValue);
      Long fee;
      if (coinbase) {
        coinbaseValue = txOutputValue;
        fee = 0L;
      } else if (inputsKnown) {
        fee = inputValue - txOutputValue;
        fees += fee;
      } else {
        fee = null;
        feesKnown = false;
      }
      txWriter.beginRow();
      txWriter.putLong(txId);
      txWriter.putString(classified.txids()[t]);
      txWriter.putString(tx.hasWitness() ? tx.wtxid().toHex() : null);
      txWriter.putLong(height);
      txWriter.putInt(t);
      txWriter.putEpochSeconds(time);
      txWriter.putInt(tx.version());
      txWriter.putLong(tx.lockTime());
      txWriter.putInt(tx.size());
      txWriter.putInt(tx.virtualSize());
      txWriter.putInt(tx.weight());
      txWriter.putBoolean(coinbase);
      txWriter.putBoolean(tx.hasWitness());
      txWriter.putInt(inputs.size());
      txWriter.putInt(outputs.size());
      if (coinbase || inputsKnown) {
        txWriter.putLong(coinbase ? 0 : inputValue);
      } else {
        txWriter.putNull();
      }
      txWriter.putLong(txOutputValue);
      if (fee == null) {
        txWriter.putNull();
      } else {
        txWriter.putLong(fee);
      }
      txWriter.endRow();
    }
    writeBlock(transaction.table(BitcoinTables.BLOCKS), block, firstTxId, inputCount, outputCount, outputValue,
        feesKnown ? fees : null, coinbaseValue);
  }

  private static void writeBlock(RowWriter w, BitcoinBlock block, long firstTxId, int inputCount, int outputCount,
      long outputValue, Long fee, long coinbaseValue) {
    w.beginRow();
    w.putLong(block.height());
    w.putString(block.hash().toHex());
    w.putString(block.header().previousHash().toHex());
    w.putEpochSeconds(block.header().time());
    w.putInt(block.header().version());
    w.putString(block.header().merkleRoot().toHex());
    w.putLong(block.header().bits());
    w.putLong(block.header().nonce());
    w.putDouble(block.header().difficulty());
    w.putInt(block.size());
    w.putInt(block.strippedSize());
    w.putInt(block.weight());
    w.putInt(block.transactionCount());
    w.putInt(inputCount);
    w.putInt(outputCount);
    w.putLong(outputValue);
    if (fee == null) {
      w.putNull();
    } else {
      w.putLong(fee);
    }
    w.putLong(coinbaseValue);
    w.putBytes(block.transactions().get(0).inputs().get(0).scriptSig());
    w.putLong(firstTxId);
    w.endRow();
  }

  private long addressId(String address, long height, RowWriter addressWriter) {
    Long id = addressIds.get(address);
    if (id != null) {
      return id;
    }
    long fresh = nextAddressId++;
    addressIds.put(address, fresh);
    addressWriter.beginRow();
    addressWriter.putLong(fresh);
    addressWriter.putString(address);
    addressWriter.putLong(height);
    addressWriter.endRow();
    return fresh;
  }

  private static void putAddressId(RowWriter w, long addressId) {
    if (addressId < 0) {
      w.putNull();
    } else {
      w.putLong(addressId);
    }
  }

  private static boolean keepsScript(ScriptType type) {
    switch (type) {
      case P2PKH:
      case P2SH:
      case P2WPKH:
      case P2WSH:
      case P2TR:
        return false;
      default:
        return true;
    }
  }

  public ChainProfile profile() {
    return profile;
  }
}
