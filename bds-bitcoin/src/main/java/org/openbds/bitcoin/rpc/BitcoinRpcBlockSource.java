package org.openbds.bitcoin.rpc;

import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;

/** Live blocks from a Bitcoin-Core-compatible node. */
public final class BitcoinRpcBlockSource {
  private BitcoinRpcBlockSource() {}

  public static NodeSource open(NodeSettings settings) {
    throw new UnsupportedOperationException("not yet");
  }
}
