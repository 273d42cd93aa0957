package org.openbds.xrp.rpc;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * What {@code server_info} says about a rippled server's ledgers.
 *
 * @param validatedLedger the index of the latest validated ledger; empty while the server has none (starting, syncing)
 * @param completeLedgers the ledgers it holds complete
 * @param serverState {@code full}, {@code syncing}, {@code connected}…; empty when the server does not say
 */
public record RippledServerInfo(OptionalLong validatedLedger, CompleteLedgers completeLedgers, String serverState) {
  public RippledServerInfo {
    requireNonNull(validatedLedger, "validatedLedger is null");
    requireNonNull(completeLedgers, "completeLedgers is null");
    requireNonNull(serverState, "serverState is null");
  }
}
