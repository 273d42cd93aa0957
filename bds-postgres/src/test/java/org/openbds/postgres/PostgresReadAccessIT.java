package org.openbds.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openbds.api.BaseReadAccessTest;
import org.openbds.api.Warehouse;

/** The read-access conformance suite on a real PostgreSQL server; its own escapes are in {@link PostgresSandboxCheckIT}. */
class PostgresReadAccessIT extends BaseReadAccessTest {
  private static TestingPostgres server;

  @BeforeAll
  static void startServer() throws Exception {
    server = new TestingPostgres();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Override
  protected Warehouse createWarehouse() {
    return PostgresWarehouse.open(server.freshDatabase());
  }
}
