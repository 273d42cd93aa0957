package org.openbds.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.openbds.api.NodeSettings;
import org.openbds.api.RetryPolicy;
import picocli.CommandLine.Option;

/** How commands that read a node ({@code sync}, {@code source}) reach it. */
final class NodeOptions {
  @Option(names = "--rpc", required = true, description = "The node's RPC URL, e.g. http://user:password@127.0.0.1:9332.")
  String rpc;

  @Option(names = "--rpc-cookie", description = "The node's cookie file (.cookie), read when the URL carries no user:password.")
  Path cookie;

  @Option(names = "--rpc-concurrency", defaultValue = "2", description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--rpc-timeout", defaultValue = "60", description = "Seconds one request may take (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(
      names = "--node-wait",
      description = "Give up after the node has been unreachable for this many seconds (default: wait for it forever).")
  Long nodeWaitSeconds;

  @Option(
      names = "--traces",
      description = "Ethereum family: the node's trace API, auto (default), parity (trace_block), geth (debug_traceBlockByNumber) or none.")
  String traces;

  NodeSettings settings() {
    RetryPolicy retry = nodeWaitSeconds == null ? RetryPolicy.forever() : RetryPolicy.upTo(Duration.ofSeconds(nodeWaitSeconds));
    NodeSettings settings = new NodeSettings(rpc, Optional.ofNullable(cookie), Duration.ofSeconds(timeoutSeconds), concurrency, retry);
    return traces == null ? settings : settings.withOption("traces", traces);
  }
}
