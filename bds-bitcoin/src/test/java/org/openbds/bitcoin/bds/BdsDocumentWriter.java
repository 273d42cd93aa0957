package org.openbds.bitcoin.bds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinTransaction;
import org.openbds.bitcoin.codec.TxInput;
import org.openbds.bitcoin.codec.TxOutput;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.script.OutputScript;
import org.openbds.bitcoin.split.ClassifiedBlock;

/**
 * Writes a block our codec decoded as the original BDS product's message for it, the way its nodes do: values as
 * decimal coins (integers of base units for chains whose profile says so), addresses as the node derives them. Value
 * texts vary on purpose between plain ({@code 0.29}), trailing zeros ({@code 0.29000000}) and exponent
 * ({@code 2.9E-7}) notation.
 */
final class BdsDocumentWriter {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private BdsDocumentWriter() {}

  static ObjectNode write(ClassifiedBlock classified, ChainProfile profile, boolean rawNodeNames) {
    JsonNodeFactory f = JsonNodeFactory.withExactBigDecimals(true);
    BitcoinBlock block = classified.block();
    ObjectNode root = f.objectNode();
    root.put("hash", block.hash().toHex());
    root.put("stripped_size", block.strippedSize());
    root.put("size", block.size());
    root.put("weight", block.weight());
    root.put("height", block.height());
    root.put("version", block.header().version());
    root.put("merkle_root", block.header().merkleRoot().toHex());
    ArrayNode txs = root.putArray("tx");
    List<BitcoinTransaction> transactions = block.transactions();
    for (int t = 0; t < transactions.size(); t++) {
      BitcoinTransaction tx = transactions.get(t);
      ObjectNode n = txs.addObject();
      n.put(rawNodeNames ? "txid" : "tx_id", tx.txid().toHex());
      n.put("hash", tx.wtxid().toHex());
      n.put("version", tx.version());
      n.put("size", tx.size());
      n.put("vsize", tx.virtualSize());
      n.put("weight", tx.weight());
      n.put(rawNodeNames ? "locktime" : "lock_time", tx.lockTime());
      ArrayNode vin = n.putArray("vin");
      for (TxInput input : tx.inputs()) {
        ObjectNode i = vin.addObject();
        if (input.isCoinbase()) {
          i.put("coinbase", HEX.formatHex(input.scriptSig()));
        } else {
          i.put(rawNodeNames ? "txid" : "tx_id_origin", input.previousTxid().toHex());
          i.put(rawNodeNames ? "vout" : "vout_num_origin", input.previousVout());
          if (rawNodeNames) {
            i.putObject("scriptSig").put("asm", "").put("hex", HEX.formatHex(input.scriptSig()));
          } else {
            i.put("script_sig", HEX.formatHex(input.scriptSig()));
          }
        }
        ArrayNode witness = i.putArray("tx_in_witness");
        if (input.witness() != null) {
          for (byte[] item : witnessItems(input.witness())) {
            witness.add(HEX.formatHex(item));
          }
        } else if (input.witnessItems() > 0) {
          throw new IllegalArgumentException("decode with witnesses retained to write a message");
        }
        i.put("sequence", input.sequence());
      }
      ArrayNode vout = n.putArray("vout");
      List<TxOutput> outputs = tx.outputs();
      for (int o = 0; o < outputs.size(); o++) {
        OutputScript script = classified.scripts()[t][o];
        ObjectNode out = vout.addObject();
        out.set("value", value(f, outputs.get(o).value(), profile, t + o));
        out.put("is_coinbase", t == 0);
        out.put("script_pubkey", HEX.formatHex(outputs.get(o).script()));
        out.put("required_signatures", script.requiredSignatures() == null ? 0 : script.requiredSignatures());
        out.put("type", script.type().sqlName());
        ArrayNode addresses = out.putArray("addresses");
        script.addresses().forEach(addresses::add);
      }
    }
    root.put("time", block.header().time());
    root.put("median_time", block.header().time() - 3000);
    root.put("nonce", block.header().nonce());
    root.put("bits", String.format("%08x", block.header().bits()));
    root.put("difficulty", block.header().difficulty());
    root.put("chain_work", "00");
    root.put("prev_hash", block.parent().toHex());
    return root;
  }

  static byte[] bytes(ObjectNode document) {
    try {
      return JSON.writeValueAsBytes(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Re-reads a document with exact decimals, for tests that edit one field. */
  static ObjectNode read(byte[] document) {
    try {
      return (ObjectNode) JSON.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .readTree(new ByteArrayInputStream(document));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode value(JsonNodeFactory f, long units, ChainProfile profile, int variant) {
    if (profile.bdsValuesInBaseUnits()) {
      return f.numberNode(units);
    }
    BigDecimal coins = BigDecimal.valueOf(units, CoinValues.DECIMALS);
    switch (variant % 3) {
      case 0:
        return f.numberNode(coins); // toString: 2.9E-7 for small values, 0.29000000 otherwise
      case 1:
        return f.numberNode(new BigDecimal(coins.stripTrailingZeros().toPlainString()));
      default:
        // a whole number of coins as a JSON integer (21000), any other as its plain text
        BigDecimal plain = coins.stripTrailingZeros();
        return plain.scale() <= 0 ? f.numberNode(plain.toBigIntegerExact()) : f.numberNode(new BigDecimal(plain.toPlainString()));
    }
  }

  /** The items of a serialized witness stack. */
  private static List<byte[]> witnessItems(byte[] w) {
    java.util.List<byte[]> items = new java.util.ArrayList<>();
    int[] pos = {0};
    long count = varInt(w, pos);
    for (long k = 0; k < count; k++) {
      int len = (int) varInt(w, pos);
      items.add(java.util.Arrays.copyOfRange(w, pos[0], pos[0] + len));
      pos[0] += len;
    }
    return items;
  }

  private static long varInt(byte[] b, int[] pos) {
    int first = b[pos[0]++] & 0xff;
    if (first < 0xfd) {
      return first;
    }
    int width = first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
    long v = 0;
    for (int i = 0; i < width; i++) {
      v |= (b[pos[0]++] & 0xffL) << (8 * i);
    }
    return v;
  }
}
