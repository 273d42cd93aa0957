package org.openbds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.openbds.bitcoin.regtest.RegtestNode;

/**
 * A private {@code litecoind -regtest} in a temporary directory, started and stopped by the test that owns it: a thin
 * wrapper over {@link RegtestNode}, which does the work. The checked exceptions stay declared so that tests written
 * against the earlier helper still compile.
 */
final class TestingLitecoind implements AutoCloseable {
  static final Path BINARY = RegtestNode.DEFAULT_BINARY;

  private final RegtestNode node;

  TestingLitecoind(Path dataDir) throws IOException, InterruptedException {
    this.node = RegtestNode.start(BINARY, dataDir);
  }

  /** The node itself, for restarts, kills, wallet clients and the scenario builders. */
  RegtestNode node() {
    return node;
  }

  /** The node's RPC URL with credentials, as users pass it to bds. */
  String url() {
    return node.url();
  }

  Path blocksDirectory() {
    return node.blocksDirectory();
  }

  JsonNode call(String method, Object... params) throws IOException, InterruptedException {
    return node.call(method, params);
  }

  /** Stops the node and waits until it has flushed its block files. */
  @Override
  public void close() {
    node.close();
  }
}
