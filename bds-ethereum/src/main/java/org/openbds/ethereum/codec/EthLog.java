package org.openbds.ethereum.codec;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.openbds.api.Hash32;

/** An event log: the emitting contract, up to four topics and the data ({@code 0x} hex). */
public record EthLog(int logIndex, Hash32 transactionHash, int transactionIndex, String address, String data, List<Hash32> topics) {
  public EthLog {
    requireNonNull(transactionHash, "transactionHash is null");
    requireNonNull(address, "address is null");
    requireNonNull(data, "data is null");
    topics = List.copyOf(topics);
  }
}
