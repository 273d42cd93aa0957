package org.openbds.bitcoin.bds;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;
import org.openbds.bitcoin.codec.BitcoinTransaction;
import org.openbds.bitcoin.codec.BlockHeader;
import org.openbds.bitcoin.codec.TxInput;
import org.openbds.bitcoin.codec.TxOutput;
import org.openbds.bitcoin.profile.ChainProfile;

/**
 * Reads one Bitcoin-family message of the original BDS product into the {@link BitcoinBlock} our codec would have
 * produced from the block's bytes. Hashes and txids are taken as the message gives them (nothing is rehashed and no
 * merkle root is checked: the message carries no serialized transactions to hash); sizes come from the message's
 * {@code size}, {@code weight} and {@code stripped_size}. Output values are converted exactly ({@link CoinValues}).
 *
 * <p>Field names: the product's own ({@code tx_id}, {@code lock_time}, {@code vin[].tx_id_origin},
 * {@code vout_num_origin}, {@code script_sig}, {@code tx_in_witness}, {@code script_pubkey}) and, for the Bitcoin SV
 * nodes that send raw node names, {@code txid}, {@code locktime}, {@code vin[].txid}, {@code vin[].vout},
 * {@code scriptSig} and {@code scriptPubKey} (a hex string or an object with {@code hex}).
 *
 * <p>Thread-safe (stateless).
 */
final class BitcoinBdsDecoder {
  private static final long UINT32_MAX = 0xffffffffL;
  private static final int MAX_SIZE = Integer.MAX_VALUE;

  private final ChainProfile profile;
  private final boolean retainWitnesses;

  /**
   * @param retainWitnesses whether to keep every input's witness bytes, as {@link BitcoinBlockCodec} does when input
   *     scripts are stored; coinbase witnesses are always kept
   */
  BitcoinBdsDecoder(ChainProfile profile, boolean retainWitnesses) {
    this.profile = requireNonNull(profile, "profile is null");
    this.retainWitnesses = retainWitnesses;
  }

  /**
   * A decoded message: the block, and per transaction and output the addresses the message states (null where it
   * states none), which the caller checks against the addresses derived from the scripts.
   */
  record Decoded(BitcoinBlock block, List<List<List<String>>> statedAddresses) {}

  Decoded decode(byte[] document, String origin) {
    DocumentFields f = new DocumentFields(origin);
    JsonNode root = f.parse(document);
    long height = f.integer(root, "", "height", 0, Integer.MAX_VALUE);
    BlockHeader header =
        new BlockHeader(
            f.hash(f.required(root, "", "hash"), "hash"),
            (int) f.integer(root, "", "version", Integer.MIN_VALUE, UINT32_MAX),
            f.hash(f.required(root, "", "prev_hash", "previousblockhash"), DocumentFields.nameUsed(root, "prev_hash", "previousblockhash")),
            f.hash(f.required(root, "", "merkle_root", "merkleroot"), DocumentFields.nameUsed(root, "merkle_root", "merkleroot")),
            f.integer(root, "", "time", 0, UINT32_MAX),
            bits(f, f.required(root, "", "bits")),
            f.integer(root, "", "nonce", 0, UINT32_MAX));
    JsonNode txs = f.array(f.required(root, "", "tx"), "tx");
    if (txs.isEmpty()) {
      throw f.malformed("tx", "a block has at least one transaction (its coinbase)");
    }
    List<BitcoinTransaction> transactions = new ArrayList<>(txs.size());
    List<List<List<String>>> stated = new ArrayList<>(txs.size());
    long witnessBytes = 0;
    for (int t = 0; t < txs.size(); t++) {
      List<List<String>> addresses = new ArrayList<>();
      BitcoinTransaction tx = transaction(f, f.object(txs.get(t), "tx[" + t + "]"), t, addresses);
      transactions.add(tx);
      stated.add(addresses);
      witnessBytes += tx.size() - tx.baseSize();
    }
    int size = (int) f.integer(root, "", "size", BitcoinBlockCodec.HEADER_SIZE + 1, MAX_SIZE);
    JsonNode stripped = DocumentFields.optional(root, "stripped_size", "strippedsize");
    // without stripped_size (chains without segregated witness), the size less the transactions' witness bytes
    int strippedSize =
        stripped == null
            ? (int) (size - witnessBytes)
            : (int) f.integer(stripped, DocumentFields.nameUsed(root, "stripped_size", "strippedsize"), 0, size);
    return new Decoded(new BitcoinBlock(height, header, List.copyOf(transactions), size, strippedSize), stated);
  }

  /** {@code bits} as the nodes print it (eight hex digits), or as a plain integer. */
  private static long bits(DocumentFields f, JsonNode n) {
    if (n.isIntegralNumber()) {
      return f.integer(n, "bits", 0, UINT32_MAX);
    }
    String s = f.text(n, "bits");
    if (!s.matches("[0-9a-fA-F]{1,8}")) {
      throw f.malformed("bits", "expected up to eight hex digits, got " + DocumentFields.quote(s));
    }
    return Long.parseLong(s, 16);
  }

  private BitcoinTransaction transaction(DocumentFields f, JsonNode tx, int t, List<List<String>> addresses) {
    String at = "tx[" + t + "]";
    Hash32 txid = f.hash(f.required(tx, at, "tx_id", "txid"), at + "." + DocumentFields.nameUsed(tx, "tx_id", "txid"));
    String path = at + " (" + txid + ")";
    JsonNode wtxidNode = DocumentFields.optional(tx, "hash");
    Hash32 wtxid = wtxidNode == null ? txid : f.hash(wtxidNode, path + ".hash");
    int version = (int) f.integer(f.required(tx, path, "version"), path + ".version", Integer.MIN_VALUE, UINT32_MAX);
    long lockTime = f.integer(f.required(tx, path, "lock_time", "locktime"), path + "." + DocumentFields.nameUsed(tx, "lock_time", "locktime"), 0, UINT32_MAX);
    int size = (int) f.integer(f.required(tx, path, "size"), path + ".size", 10, MAX_SIZE);

    JsonNode vin = f.array(f.required(tx, path, "vin"), path + ".vin");
    if (vin.isEmpty()) {
      throw f.malformed(path + ".vin", "a transaction has at least one input");
    }
    List<JsonNode> witnessStacks = new ArrayList<>(vin.size());
    boolean hasWitness = false;
    for (int i = 0; i < vin.size(); i++) {
      JsonNode input = f.object(vin.get(i), path + ".vin[" + i + "]");
      JsonNode stack = DocumentFields.optional(input, "tx_in_witness", "txinwitness");
      if (stack != null) {
        f.array(stack, path + ".vin[" + i + "]." + DocumentFields.nameUsed(input, "tx_in_witness", "txinwitness"));
        hasWitness |= !stack.isEmpty();
      }
      witnessStacks.add(stack);
    }
    List<TxInput> inputs = new ArrayList<>(vin.size());
    long witnessSize = 2; // the marker and flag bytes
    for (int i = 0; i < vin.size(); i++) {
      String inPath = path + ".vin[" + i + "]";
      byte[] witness = witness(f, witnessStacks.get(i), inPath);
      witnessSize += witness.length;
      JsonNode stack = witnessStacks.get(i);
      TxInput input = input(f, vin.get(i), inPath, witness, stack == null ? 0 : stack.size(), vin.size(), t);
      inputs.add(input);
    }

    JsonNode vout = f.array(f.required(tx, path, "vout"), path + ".vout");
    List<TxOutput> outputs = new ArrayList<>(vout.size());
    for (int o = 0; o < vout.size(); o++) {
      String outPath = path + ".vout[" + o + "]";
      JsonNode output = f.object(vout.get(o), outPath);
      outputs.add(new TxOutput(value(f, f.required(output, outPath, "value"), outPath + ".value"), outputScript(f, output, outPath)));
      addresses.add(statedAddresses(f, output, outPath));
    }
    return new BitcoinTransaction(txid, wtxid, version, lockTime, List.copyOf(inputs), List.copyOf(outputs), size,
        baseSize(f, tx, path, size, hasWitness, witnessSize), hasWitness);
  }

  /**
   * The size without witness data: from {@code weight} (BIP141: weight = 3 × base size + size) when given, else the
   * size itself for a transaction without witness, else the size less the serialized witnesses and marker.
   */
  private static int baseSize(DocumentFields f, JsonNode tx, String path, int size, boolean hasWitness, long witnessSize) {
    JsonNode weight = DocumentFields.optional(tx, "weight");
    if (weight != null) {
      long w = f.integer(weight, path + ".weight", size, 4L * size);
      if ((w - size) % 3 != 0) {
        throw f.malformed(path + ".weight", w + " is not 3 × base size + size for size " + size);
      }
      return (int) ((w - size) / 3);
    }
    if (!hasWitness) {
      return size;
    }
    if (witnessSize >= size) {
      throw f.malformed(path + ".size", size + " does not even hold the transaction's witnesses (" + witnessSize + " bytes)");
    }
    return (int) (size - witnessSize);
  }

  private TxInput input(DocumentFields f, JsonNode input, String path, byte[] witness, int witnessItems, int inputCount, int t) {
    long sequence = f.integer(f.required(input, path, "sequence"), path + ".sequence", 0, UINT32_MAX);
    JsonNode coinbase = DocumentFields.optional(input, "coinbase");
    if (coinbase != null) {
      if (t != 0 || inputCount != 1) {
        throw f.malformed(path + ".coinbase", "a coinbase input must be the only input of the block's first transaction");
      }
      byte[] script = f.hex(coinbase, path + ".coinbase");
      return new TxInput(Hash32.ZERO, TxInput.COINBASE_VOUT, script, sequence, witnessItems, witnessItems == 0 ? null : witness);
    }
    Hash32 spent = f.hash(f.required(input, path, "tx_id_origin", "txid"), path + "." + DocumentFields.nameUsed(input, "tx_id_origin", "txid"));
    long vout = f.integer(f.required(input, path, "vout_num_origin", "vout"), path + "." + DocumentFields.nameUsed(input, "vout_num_origin", "vout"), 0, UINT32_MAX);
    if (vout == TxInput.COINBASE_VOUT && spent.isZero()) {
      throw f.malformed(path, "spends the null outpoint but has no coinbase field");
    }
    String scriptName = DocumentFields.nameUsed(input, "script_sig", "scriptSig");
    byte[] script = hexOrObjectHex(f, f.required(input, path, "script_sig", "scriptSig"), path + "." + scriptName);
    byte[] kept = witnessItems > 0 && retainWitnesses ? witness : null;
    return new TxInput(spent, vout, script, sequence, witnessItems, kept);
  }

  /** The witness stack serialized as in a block (item count, then each item with its length), empty for none. */
  private static byte[] witness(DocumentFields f, JsonNode stack, String path) {
    if (stack == null || stack.isEmpty()) {
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeVarInt(out, stack.size());
    for (int k = 0; k < stack.size(); k++) {
      byte[] item = f.hex(stack.get(k), path + ".tx_in_witness[" + k + "]");
      writeVarInt(out, item.length);
      out.write(item, 0, item.length);
    }
    return out.toByteArray();
  }

  private long value(DocumentFields f, JsonNode n, String path) {
    java.math.BigDecimal v = f.number(n, path);
    try {
      return profile.bdsValuesInBaseUnits() ? CoinValues.baseUnits(v, profile.maxMoney()) : CoinValues.coinsToBaseUnits(v, profile.maxMoney());
    } catch (IllegalArgumentException e) {
      throw f.malformed(path, e.getMessage());
    }
  }

  private static byte[] outputScript(DocumentFields f, JsonNode output, String path) {
    String name = DocumentFields.nameUsed(output, "script_pubkey", "scriptPubKey");
    return hexOrObjectHex(f, f.required(output, path, "script_pubkey", "scriptPubKey"), path + "." + name);
  }

  /** A script as hex, or as a node's {@code {"asm": …, "hex": …}} object. */
  private static byte[] hexOrObjectHex(DocumentFields f, JsonNode n, String path) {
    if (n.isObject()) {
      return f.hex(f.required(n, path, "hex"), path + ".hex");
    }
    return f.hex(n, path);
  }

  /**
   * The addresses the message states for an output: {@code addresses[]} (or a node's {@code address}, also inside a
   * {@code scriptPubKey} object); null when it states none, which leaves nothing to check.
   */
  private static List<String> statedAddresses(DocumentFields f, JsonNode output, String path) {
    JsonNode holder = output;
    JsonNode script = output.get("scriptPubKey");
    if (DocumentFields.optional(output, "addresses", "address") == null && script != null && script.isObject()) {
      holder = script;
      path = path + ".scriptPubKey";
    }
    JsonNode list = DocumentFields.optional(holder, "addresses");
    if (list != null) {
      f.array(list, path + ".addresses");
      List<String> out = new ArrayList<>(list.size());
      for (int a = 0; a < list.size(); a++) {
        out.add(f.text(list.get(a), path + ".addresses[" + a + "]"));
      }
      return out.isEmpty() ? null : out;
    }
    JsonNode single = DocumentFields.optional(holder, "address");
    return single == null ? null : List.of(f.text(single, path + ".address"));
  }

  private static void writeVarInt(ByteArrayOutputStream out, long n) {
    if (n < 0xfd) {
      out.write((int) n);
    } else if (n <= 0xffff) {
      out.write(0xfd);
      out.write((int) n);
      out.write((int) (n >>> 8));
    } else {
      out.write(0xfe);
      for (int i = 0; i < 4; i++) {
        out.write((int) (n >>> (8 * i)));
      }
    }
  }
}
