package org.openbds.api;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Concurrent reading of a warehouse, for servers: readers of their own beside the one writer, and the check that keeps
 * the SQL sandbox to read-only queries. Implementations: the embedded DuckDB file, PostgreSQL.
 */
public interface ReadAccess {
  /**
   * A new connection that sees committed data only. Each is used by one thread at a time; closing it leaves the
   * warehouse open.
   */
  Connection openReader();

  /** The SQL the readers speak. */
  SqlDialect dialect();

  /**
   * Checks that {@code sql} is one read-only query the SQL sandbox may run: a {@code SELECT} (or {@code WITH …
   * SELECT}; DuckDB also {@code DESCRIBE}, {@code SHOW}) that reads the warehouse's own tables, no file, network,
   * extension, setting, variable, sequence or system catalog, and no table named {@code bds_*} of the server's own
   * bookkeeping but {@code bds_chains}. It may use {@code reader} (outside any transaction) and leaves it as it was.
   *
   * @param reader a connection from {@link #openReader()}, used to parse the statement
   * @throws BdsException {@link ErrorCode#QUERY_REFUSED} naming what is not allowed, {@link ErrorCode#INVALID_ARGUMENT}
   *     for a statement that does not parse
   */
  void checkSandboxed(Connection reader, String sql);

  /**
   * Starts a read-only transaction on {@code reader}: any write in it fails. The caller ends it with a rollback.
   */
  void beginReadOnly(Connection reader);

  /**
   * From now on, no statement on any connection of this warehouse reads or writes a file other than the warehouse's
   * own, opens a network connection or loads an extension. It cannot be undone while the warehouse is open. A
   * warehouse whose database cannot switch this off for its connections says how it holds instead (PostgreSQL: the
   * sandbox's checks and a role without the privileges).
   */
  void disableExternalAccess();

  /**
   * A result read from a reader, with the Java types the warehouse's own {@link Warehouse#query} gives, so that code
   * written against {@link Warehouse} reads a reader's results alike.
   */
  default QueryResult read(ResultSet rs) throws SQLException {
    return QueryResult.read(rs);
  }
}
