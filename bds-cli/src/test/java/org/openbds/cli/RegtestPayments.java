package org.openbds.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Wallet activity on a {@link TestingLitecoind}: payments to legacy, P2SH-segwit and bech32 addresses, batches to many
 * outputs, blocks of one to three per round. Stays below height 432, where this node's regtest activates MWEB.
 */
final class RegtestPayments {
  private RegtestPayments() {}

  /** Creates a wallet, mines its first coins and makes twenty rounds of payments; returns the miner's address. */
  static String make(TestingLitecoind node, long seed) throws IOException, InterruptedException {
    node.call("createwallet", "w");
    String miner = node.call("getnewaddress").asText();
    node.call("generatetoaddress", 110, miner);
    Random random = new Random(seed);
    String[] types = {"legacy", "p2sh-segwit", "bech32"};
    for (int round = 0; round < 20; round++) {
      for (int k = 0; k < 1 + random.nextInt(6); k++) {
        String to = node.call("getnewaddress", "", types[random.nextInt(types.length)]).asText();
        BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(300_000_000), 8);
        node.call("sendtoaddress", to, amount);
      }
      if (round % 5 == 0) {
        Map<String, BigDecimal> many = new LinkedHashMap<>();
        for (int k = 0; k < 12; k++) {
          many.put(node.call("getnewaddress", "", types[k % 3]).asText(), BigDecimal.valueOf(1_000_000 + k, 8));
        }
        node.call("sendmany", "", many);
      }
      node.call("generatetoaddress", 1 + random.nextInt(3), miner);
    }
    return miner;
  }
}
