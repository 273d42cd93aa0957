package org.openbds.bitcoin.split;

import java.util.ArrayList;
import java.util.List;
import org.openbds.api.BlockRows;
import org.openbds.api.RowWriter;
import org.openbds.api.WriteTransaction;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinTransaction;
import org.openbds.bitcoin.codec.TxInput;
import org.openbds.bitcoin.codec.TxOutput;
import org.openbds.bitcoin.script.OutputScript;
import org.openbds.bitcoin.script.ScriptType;

/**
 * A block whose inputs have been resolved against the unspent-output index: per input what it spends, per output
 * its owner's id, per transaction its fee. Filled by the resolving thread, then only read by the writing thread
 * (the hand-over through the runtime's queue publishes it safely).
 */
final class ResolvedBlock implements BlockRows {
  static final byte COINBASE = 0;
  static final byte RESOLVED = 1;
  static final byte UNKNOWN = 2;
  private static final ScriptType[] TYPES = ScriptType.values();

  final ClassifiedBlock classified;
  final long firstTxId;
  final boolean storeInputScripts;
  final byte[] inputState;
  final long[] spentTxId;
  final long[] spentValue;
  final long[] spentAddressId;
  final int[] spentHeight;
  final byte[] spentType;
  final long[] outputAddressId;
  private final boolean[] feeKnown;
  private final long[] inputValue;
  private final long[] outputValue;
  private final List<Long> newAddressIds = new ArrayList<>();
  private final List<String> newAddresses = new ArrayList<>();

  ResolvedBlock(ClassifiedBlock classified, long firstTxId, int inputs, int outputs, boolean storeInputScripts) {
    this.classified = classified;
    this.firstTxId = firstTxId;
    this.storeInputScripts = storeInputScripts;
    int txs = classified.transactionCount();
    inputState = new byte[inputs];
    spentTxId = new long[inputs];
    spentValue = new long[inputs];
    spentAddressId = new long[inputs];
    spentHeight = new int[inputs];
    spentType = new byte[inputs];
    outputAddressId = new long[outputs];
    feeKnown = new boolean[txs];
    inputValue = new long[txs];
    outputValue = new long[txs];
  }

  void finishTransaction(int t, boolean coinbase, boolean inputsKnown, long inValue, long outValue) {
    feeKnown[t] = coinbase || inputsKnown;
    inputValue[t] = coinbase ? 0 : inValue;
    outputValue[t] = outValue;
  }

  void newAddress(long id, String address) {
    newAddressIds.add(id);
    newAddresses.add(address);
  }

  @Override
  public void write(WriteTransaction transaction) {
    BitcoinBlock block = classified.block();
    long height = block.height();
    RowWriter addressWriter = transaction.table(BitcoinTables.ADDRESS_DICTIONARY);
    for (int i = 0; i < newAddressIds.size(); i++) {
      addressWriter.beginRow();
      addressWriter.putLong(newAddressIds.get(i));
      addressWriter.putString(newAddresses.get(i));
      addressWriter.putLong(height);
      addressWriter.endRow();
    }
    writeInputs(transaction.table(BitcoinTables.TX_INPUTS), transaction.table(BitcoinTables.INPUT_SCRIPTS), height);
    writeOutputs(transaction.table(BitcoinTables.TX_OUTPUTS), transaction.table(BitcoinTables.OUTPUT_SCRIPTS), height);
    writeTransactions(transaction.table(BitcoinTables.TRANSACTIONS), height);
    writeBlock(transaction.table(BitcoinTables.BLOCKS));
  }

  private void writeInputs(RowWriter w, RowWriter scripts, long height) {
    List<BitcoinTransaction> txs = classified.block().transactions();
    int in = 0;
    for (int t = 0; t < txs.size(); t++) {
      List<TxInput> inputs = txs.get(t).inputs();
      for (int v = 0; v < inputs.size(); v++, in++) {
        TxInput input = inputs.get(v);
        byte state = inputState[in];
        w.beginRow();
        w.putLong(firstTxId + t);
        w.putInt(v);
        w.putLong(height);
        w.putBoolean(state == COINBASE);
        if (state == COINBASE) {
          for (int k = 0; k < 7; k++) {
            w.putNull();
          }
        } else if (state == RESOLVED) {
          w.putLong(spentTxId[in]);
          w.putLong(input.previousVout());
          w.putNull();
          w.putLong(spentHeight[in]);
          w.putLong(spentValue[in]);
          putId(w, spentAddressId[in]);
          w.putString(TYPES[spentType[in]].sqlName());
        } else {
          w.putNull();
          w.putLong(input.previousVout());
          w.putString(input.previousTxid().toHex());
          for (int k = 0; k < 4; k++) {
            w.putNull();
          }
        }
        w.putLong(input.sequence());
        w.putInt(input.scriptSig().length);
        w.putInt(input.witnessItems());
        w.endRow();
        if (state == COINBASE || storeInputScripts) {
          scripts.beginRow();
          scripts.putLong(firstTxId + t);
          scripts.putInt(v);
          scripts.putLong(height);
          scripts.putBytes(input.scriptSig());
          scripts.putBytes(input.witness());
          scripts.endRow();
        }
      }
    }
  }

  private void writeOutputs(RowWriter w, RowWriter details, long height) {
    List<BitcoinTransaction> txs = classified.block().transactions();
    int out = 0;
    for (int t = 0; t < txs.size(); t++) {
      List<TxOutput> outputs = txs.get(t).outputs();
      OutputScript[] scripts = classified.scripts()[t];
      for (int o = 0; o < outputs.size(); o++, out++) {
        OutputScript script = scripts[o];
        w.beginRow();
        w.putLong(firstTxId + t);
        w.putInt(o);
        w.putLong(height);
        w.putLong(outputs.get(o).value());
        w.putString(script.type().sqlName());
        putId(w, outputAddressId[out]);
        w.endRow();
        if (keepsScript(script.type())) {
          details.beginRow();
          details.putLong(firstTxId + t);
          details.putInt(o);
          details.putLong(height);
          if (script.requiredSignatures() == null) {
            details.putNull();
          } else {
            details.putInt(script.requiredSignatures());
          }
          details.putString(script.keyType());
          details.putStringList(script.type() == ScriptType.MULTISIG ? script.addresses() : null);
          details.putBytes(script.data());
          details.putBytes(outputs.get(o).script());
          details.endRow();
        }
      }
    }
  }

  private void writeTransactions(RowWriter w, long height) {
    List<BitcoinTransaction> txs = classified.block().transactions();
    long time = classified.block().header().time();
    for (int t = 0; t < txs.size(); t++) {
      BitcoinTransaction tx = txs.get(t);
      boolean coinbase = t == 0 && tx.isCoinbase();
      w.beginRow();
      w.putLong(firstTxId + t);
      w.putString(classified.txids()[t]);
      w.putString(tx.hasWitness() ? tx.wtxid().toHex() : null);
      w.putLong(height);
      w.putInt(t);
      w.putEpochSeconds(time);
      w.putInt(tx.version());
      w.putLong(tx.lockTime());
      w.putInt(tx.size());
      w.putInt(tx.virtualSize());
      w.putInt(tx.weight());
      w.putBoolean(coinbase);
      w.putBoolean(tx.hasWitness());
      w.putInt(tx.inputs().size());
      w.putInt(tx.outputs().size());
      if (feeKnown[t]) {
        w.putLong(inputValue[t]);
      } else {
        w.putNull();
      }
      w.putLong(outputValue[t]);
      if (!feeKnown[t]) {
        w.putNull();
      } else {
        w.putLong(coinbase ? 0 : inputValue[t] - outputValue[t]);
      }
      w.endRow();
    }
  }

  private void writeBlock(RowWriter w) {
    BitcoinBlock block = classified.block();
    List<BitcoinTransaction> txs = block.transactions();
    int inputCount = 0;
    int outputCount = 0;
    long totalOutput = 0;
    long fees = 0;
    boolean feesKnown = true;
    long coinbaseValue = 0;
    for (int t = 0; t < txs.size(); t++) {
      boolean coinbase = t == 0 && txs.get(t).isCoinbase();
      if (!coinbase) {
        inputCount += txs.get(t).inputs().size();
        if (feeKnown[t]) {
          fees += inputValue[t] - outputValue[t];
        } else {
          feesKnown = false;
        }
      } else {
        coinbaseValue = outputValue[t];
      }
      outputCount += txs.get(t).outputs().size();
      totalOutput = Math.addExact(totalOutput, outputValue[t]);
    }
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
    w.putLong(totalOutput);
    if (feesKnown) {
      w.putLong(fees);
    } else {
      w.putNull();
    }
    w.putLong(coinbaseValue);
    w.putBytes(txs.get(0).inputs().get(0).scriptSig());
    w.putLong(firstTxId);
    w.endRow();
  }

  private static void putId(RowWriter w, long id) {
    if (id < 0) {
      w.putNull();
    } else {
      w.putLong(id);
    }
  }

  /** The five address types' scripts follow from the address; every other script is kept. */
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
}
