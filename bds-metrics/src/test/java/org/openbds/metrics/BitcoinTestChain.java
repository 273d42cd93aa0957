package org.openbds.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openbds.api.ChainId;
import org.openbds.bitcoin.split.BitcoinTables;
import org.openbds.api.Warehouse;

/**
 * A small Bitcoin-family chain written by hand into a warehouse's tables, for metric tests whose expected values are
 * worked out by hand. Amounts are in satoshi; sizes are given per transaction so that byte metrics are easy to check.
 */
final class BitcoinTestChain {
  static final ChainId CHAIN = new ChainId("btc");

  /** An output of the test chain: its creating transaction and index. */
  record Out(long txId, int vout, long height, long value, Long addressId, String scriptType, boolean coinbase) {}

  /** An output to create: value, owning address (null for none) and script type. */
  record Pay(long value, String address, String scriptType) {}

  private final List<String> sql = new ArrayList<>();
  private final Map<String, Long> addressIds = new LinkedHashMap<>();
  private final Map<String, Long> addressHeights = new LinkedHashMap<>();
  private final Map<Long, List<Out>> outputsByTx = new LinkedHashMap<>();
  private long nextTxId;
  private long nextAddressId;
  private long blocksMade;
  private long height = -1;
  private Instant blockTime;
  private double difficulty;
  private byte[] coinbaseTag;
  private final List<long[]> blockTxs = new ArrayList<>();
  private long blockFirstTxId;
  private long blockSize;
  private long blockStripped;
  private long blockInputs;
  private long blockOutputs;
  private long blockOutputValue;
  private long blockFee;
  private long blockCoinbaseValue;
  private int blockTxCount;
  private long inputSequence = 0xffffffffL;
  /** Added to the hashes of blocks started from now on, so that a rebuilt chain's blocks differ from the original's. */
  private long hashSalt;
  private long blockHashSalt;

  static Pay pay(long value, String address) {
    return new Pay(value, address, address == null ? "nonstandard" : "p2pkh");
  }

  static Pay pay(long value, String address, String scriptType) {
    return new Pay(value, address, scriptType);
  }

  /** Starts a block at {@code time} (an ISO instant, UTC) whose coinbase pays {@code reward} to {@code miner}. */
  BitcoinTestChain block(String time, long reward, String miner) {
    return block(time, 1.0, "", pay(reward, miner, "p2wpkh"));
  }

  /** Starts a block with a difficulty, a coinbase tag (written as UTF-8) and the coinbase's outputs. */
  BitcoinTestChain block(String time, double blockDifficulty, String tag, Pay... coinbase) {
    return block(time, blockDifficulty, tag.getBytes(java.nio.charset.StandardCharsets.UTF_8), coinbase);
  }

  /** Starts a block whose coinbase script ends with {@code tag}, any bytes (not necessarily text). */
  BitcoinTestChain block(String time, double blockDifficulty, byte[] tag, Pay... coinbase) {
    finishBlock();
    height++;
    blockTime = Instant.parse(time);
    blockHashSalt = hashSalt;
    difficulty = blockDifficulty;
    coinbaseTag = tag.clone();
    blockFirstTxId = nextTxId;
    blockSize = 80;
    blockStripped = 80;
    blockInputs = 0;
    blockOutputs = 0;
    blockOutputValue = 0;
    blockFee = 0;
    blockCoinbaseValue = 0;
    blockTxCount = 0;
    transaction(true, 100, 100, List.of(), List.of(coinbase));
    return this;
  }

  /** A transaction of {@code size} bytes ({@code vsize} virtual bytes) spending {@code inputs} and paying {@code outputs}. */
  long tx(int size, int vsize, List<Out> inputs, Pay... outputs) {
    return transaction(false, size, vsize, inputs, List.of(outputs));
  }

  /** A transaction whose inputs all have the sequence number {@code sequence} (below 0xfffffffe: replaceable, BIP125). */
  long tx(int size, int vsize, long sequence, List<Out> inputs, Pay... outputs) {
    inputSequence = sequence;
    try {
      return transaction(false, size, vsize, inputs, List.of(outputs));
    } finally {
      inputSequence = 0xffffffffL;
    }
  }

  /** The outputs of a transaction of this chain. */
  List<Out> outputs(long txId) {
    return outputsByTx.get(txId);
  }

  Out output(long txId, int vout) {
    return outputsByTx.get(txId).get(vout);
  }

  /** The coinbase transaction id of the current block. */
  long coinbase() {
    return blockFirstTxId;
  }

  long addressId(String address) {
    return addressIds.get(address);
  }

  private long transaction(boolean coinbase, int size, int vsize, List<Out> inputs, List<Pay> outputs) {
    long txId = nextTxId++;
    long in = 0;
    for (int vin = 0; vin < inputs.size(); vin++) {
      Out o = inputs.get(vin);
      in += o.value();
      sql.add(String.format(
          "INSERT INTO btc.tx_inputs (tx_id, vin, block_height, is_coinbase, spent_tx_id, spent_vout, spent_block_height, value,"
              + " address_id, script_type, sequence, script_sig_size, witness_items) VALUES (%d, %d, %d, false, %d, %d, %d, %d, %s, '%s', %d, 107, 0)",
          txId, vin, height, o.txId(), o.vout(), o.height(), o.value(), o.addressId() == null ? "NULL" : o.addressId(), o.scriptType(),
          inputSequence));
    }
    if (coinbase) {
      sql.add(String.format(
          "INSERT INTO btc.tx_inputs (tx_id, vin, block_height, is_coinbase, sequence, script_sig_size, witness_items)"
              + " VALUES (%d, 0, %d, true, 4294967295, %d, 0)", txId, height, coinbaseTag.length + 4));
      sql.add(String.format(
          "INSERT INTO btc.input_scripts (tx_id, vin, block_height, script_sig) VALUES (%d, 0, %d, from_hex('%s'))",
          txId, height, coinbaseScriptHex()));
    }
    long out = 0;
    List<Out> made = new ArrayList<>();
    for (int vout = 0; vout < outputs.size(); vout++) {
      Pay p = outputs.get(vout);
      Long addressId = null;
      if (p.address() != null) {
        addressId = addressIds.get(p.address());
        if (addressId == null) {
          addressId = nextAddressId++;
          addressIds.put(p.address(), addressId);
          addressHeights.put(p.address(), height);
          sql.add(String.format("INSERT INTO btc.address_dictionary VALUES (%d, '%s', %d)", addressId, p.address(), height));
        }
      }
      out += p.value();
      sql.add(String.format(
          "INSERT INTO btc.tx_outputs (tx_id, vout, block_height, value, script_type, address_id) VALUES (%d, %d, %d, %d, '%s', %s)",
          txId, vout, height, p.value(), p.scriptType(), addressId == null ? "NULL" : addressId));
      made.add(new Out(txId, vout, height, p.value(), addressId, p.scriptType(), coinbase));
    }
    outputsByTx.put(txId, made);
    long fee = coinbase ? 0 : in - out;
    sql.add(String.format(
        "INSERT INTO btc.transactions VALUES (%d, '%064x', NULL, %d, %d, TIMESTAMP '%s', 2, 0, %d, %d, %d, %s, %s, %d, %d, %d, %d, %d)",
        txId, txId + 1, height, blockTxCount, ts(blockTime), size, vsize, vsize * 4, coinbase, vsize < size, coinbase ? 1 : inputs.size(),
        outputs.size(), coinbase ? 0 : in, out, fee));
    blockTxCount++;
    blockSize += size;
    blockStripped += size - (size - vsize) * 4 / 3;
    blockInputs += coinbase ? 0 : inputs.size();
    blockOutputs += outputs.size();
    blockOutputValue += out;
    blockFee += fee;
    if (coinbase) {
      blockCoinbaseValue = out;
    }
    return txId;
  }

  /** The coinbase input script: a BIP34 push of the height (3 bytes, little-endian), then the tag's bytes. */
  private String coinbaseScriptHex() {
    return String.format("03%06x%s", Long.reverseBytes(height) >>> 40, HexFormat.of().formatHex(coinbaseTag));
  }

  private static String ts(Instant t) {
    return t.toString().replace('T', ' ').replace("Z", "");
  }

  private void finishBlock() {
    if (blockTime == null) {
      return;
    }
    sql.add(String.format(
        "INSERT INTO btc.blocks VALUES (%d, '%064x', '%064x', TIMESTAMP '%s', 1, '%064x', 545259519, 0, %s, %d, %d, %d, %d, %d, %d, %d, %d, %d, from_hex('%s'), %d)",
        height, ++blocksMade + (blockHashSalt << 32), height, ts(blockTime), 0, Double.toString(difficulty), blockSize, blockStripped, blockStripped * 3 + blockSize,
        blockTxCount, blockInputs, blockOutputs, blockOutputValue, blockFee, blockCoinbaseValue, coinbaseScriptHex(), blockFirstTxId));
    blockTime = null;
  }

  /**
   * Removes the blocks from {@code fromHeight} on from {@code warehouse} (as a reorg's rollback does) and continues
   * building at that height. Outputs of the removed blocks must not be spent by later transactions.
   */
  void rollBack(Warehouse warehouse, long fromHeight) {
    finishBlock();
    List<String> delete = new ArrayList<>();
    for (String table : List.of("tx_inputs", "input_scripts", "tx_outputs", "transactions")) {
      delete.add("DELETE FROM btc." + table + " WHERE block_height >= " + fromHeight);
    }
    delete.add("DELETE FROM btc.blocks WHERE height >= " + fromHeight);
    delete.add("DELETE FROM btc.address_dictionary WHERE first_height >= " + fromHeight);
    warehouse.executeAtomically(delete);
    sql.clear();
    height = fromHeight - 1;
    addressHeights.entrySet().removeIf(e -> {
      boolean gone = e.getValue() >= fromHeight;
      if (gone) {
        addressIds.remove(e.getKey());
      }
      return gone;
    });
  }

  /**
   * Forgets the rows built so far without writing them: a second chain built the same way up to a fork point, then
   * written from there, is a reorganisation of the first.
   */
  void discardPending() {
    finishBlock();
    sql.clear();
  }

  /** Gives the blocks started from now on other hashes than an original chain's blocks of the same heights. */
  void fork(long salt) {
    hashSalt = salt;
  }

  /** Removes the rows of blocks at {@code height} and above from {@code warehouse}, as a rollback leaves them. */
  static void removeFrom(Warehouse warehouse, long height) {
    List<String> delete = new ArrayList<>();
    for (String table : List.of("blocks", "transactions", "tx_inputs", "tx_outputs", "input_scripts", "output_scripts")) {
      delete.add("DELETE FROM btc." + table + " WHERE " + (table.equals("blocks") ? "height" : "block_height") + " >= " + height);
    }
    delete.add("DELETE FROM btc.address_dictionary WHERE first_height >= " + height);
    warehouse.executeAtomically(delete);
  }

  /** Writes every row built so far into {@code warehouse} (creating the chain's tables). */
  void writeTo(Warehouse warehouse) {
    finishBlock();
    warehouse.ensureChain(CHAIN, "regtest", BitcoinTables.TABLES, BitcoinTables.VIEWS);
    warehouse.executeAtomically(sql);
    sql.clear();
  }
}
