package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openbds.ethereum.devnet.AnvilNode;

/** Transactions on a test anvil: sent from an unlocked or impersonated account, waited for, checked to succeed. */
final class AnvilTransactions {
  private AnvilTransactions() {}

  /** Sends a transaction and returns its hash once mined, checking it succeeded; {@code data} may be null. */
  static String send(AnvilNode node, String from, String to, BigInteger value, String data) {
    Map<String, Object> tx = new LinkedHashMap<>();
    tx.put("from", from);
    tx.put("to", to);
    tx.put("value", "0x" + value.toString(16));
    tx.put("gas", "0x" + Long.toHexString(1_000_000));
    if (data != null) {
      tx.put("data", data);
    }
    String hash = node.call("eth_sendTransaction", tx).asText();
    JsonNode receipt = node.call("eth_getTransactionReceipt", hash);
    for (int i = 0; i < 100 && (receipt == null || receipt.isNull()); i++) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      receipt = node.call("eth_getTransactionReceipt", hash);
    }
    assertThat(receipt.path("status").asText()).as("status of " + hash + ": " + receipt).isEqualTo("0x1");
    return hash;
  }
}
