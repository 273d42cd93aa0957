package org.openbds.bench;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinTransaction;
import org.openbds.bitcoin.codec.TxInput;
import org.openbds.bitcoin.codec.TxOutput;
import org.openbds.bitcoin.script.OutputScript;
import org.openbds.bitcoin.script.ScriptClassifier;

/**
 * Writes a decoded Bitcoin-family block as the original BDS product's patched nodes publish it (one JSON document per
 * block: coin values as JSON floating-point numbers, no input values, node type names), for benchmarks of the BDS
 * message path on generated chains of any size.
 */
final class BdsDocumentWriter {
  private static final HexFormat HEX = HexFormat.of();
  private final ScriptClassifier classifier;

  BdsDocumentWriter(ScriptClassifier classifier) {
    this.classifier = classifier;
  }

  byte[] write(BitcoinBlock block) {
    StringBuilder j = new StringBuilder(block.sizeBytes() * 3);
    j.append("{\"hash\": \"").append(block.hash().toHex()).append("\", \"height\": ").append(block.height())
        .append(", \"prev_hash\": \"").append(block.parent().toHex()).append("\", \"version\": ").append(block.header().version())
        .append(", \"merkle_root\": \"").append(block.header().merkleRoot().toHex()).append("\", \"time\": ").append(block.header().time())
        .append(", \"median_time\": ").append(block.header().time()).append(", \"nonce\": ").append(block.header().nonce())
        .append(", \"bits\": \"").append(String.format("%08x", block.header().bits())).append("\", \"difficulty\": 1.0")
        .append(", \"size\": ").append(block.sizeBytes()).append(", \"stripped_size\": ").append(block.strippedSize())
        .append(", \"weight\": ").append(block.weight()).append(", \"tx\": [");
    List<BitcoinTransaction> txs = block.transactions();
    for (int t = 0; t < txs.size(); t++) {
      BitcoinTransaction tx = txs.get(t);
      j.append(t == 0 ? "" : ", ").append("{\"tx_id\": \"").append(tx.txid().toHex()).append("\", \"hash\": \"").append(tx.wtxid().toHex())
          .append("\", \"version\": ").append(tx.version()).append(", \"size\": ").append(tx.size()).append(", \"vsize\": ").append(tx.virtualSize())
          .append(", \"weight\": ").append(tx.weight()).append(", \"lock_time\": ").append(tx.lockTime()).append(", \"vin\": [");
      for (int i = 0; i < tx.inputs().size(); i++) {
        TxInput in = tx.inputs().get(i);
        j.append(i == 0 ? "{" : ", {");
        if (in.isCoinbase()) {
          j.append("\"coinbase\": \"").append(HEX.formatHex(in.scriptSig())).append('"');
        } else {
          j.append("\"tx_id_origin\": \"").append(in.previousTxid().toHex()).append("\", \"vout_num_origin\": ").append(in.previousVout())
              .append(", \"script_sig\": \"").append(HEX.formatHex(in.scriptSig())).append('"');
        }
        j.append(", \"sequence\": ").append(in.sequence()).append("}");
      }
      j.append("], \"vout\": [");
      for (int o = 0; o < tx.outputs().size(); o++) {
        TxOutput out = tx.outputs().get(o);
        OutputScript s = classifier.classify(out.script());
        j.append(o == 0 ? "{" : ", {").append("\"value\": ").append(coins(out.value())).append(", \"is_coinbase\": ").append(tx.isCoinbase())
            .append(", \"script_pubkey\": \"").append(HEX.formatHex(out.script())).append("\", \"type\": \"").append(nodeType(s))
            .append("\", \"addresses\": [");
        List<String> addresses = s.address() != null ? List.of(s.address()) : s.addresses();
        for (int a = 0; a < addresses.size(); a++) {
          j.append(a == 0 ? "\"" : ", \"").append(addresses.get(a)).append('"');
        }
        j.append("]}");
      }
      j.append("]}");
    }
    j.append("]}");
    return j.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Satoshi as the node's float of coins (e.g. 0.29, 6.25617556). */
  static String coins(long satoshi) {
    String s = BigDecimal.valueOf(satoshi, 8).stripTrailingZeros().toPlainString();
    return s.contains(".") ? s : s + ".0";
  }

  private static String nodeType(OutputScript s) {
    return switch (s.type()) {
      case P2PK -> "pubkey";
      case P2PKH -> "pubkeyhash";
      case P2SH -> "scripthash";
      case P2WPKH -> "witness_v0_keyhash";
      case P2WSH -> "witness_v0_scripthash";
      case P2TR -> "witness_v1_taproot";
      case WITNESS_UNKNOWN -> "witness_unknown";
      case MULTISIG -> "multisig";
      case OP_RETURN -> "nulldata";
      case NONSTANDARD -> "nonstandard";
    };
  }
}
