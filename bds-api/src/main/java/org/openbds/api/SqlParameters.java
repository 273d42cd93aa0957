package org.openbds.api;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/** Binds the parameters of {@link Warehouse#query} to a JDBC statement, the same way for every warehouse. */
public final class SqlParameters {
  private SqlParameters() {}

  /**
   * Binds {@code parameters} in order: a {@code long[]} as one array of 64-bit integers, made by the statement's
   * connection under the database's name for that type ({@code bigintType}); anything else as the driver binds it.
   */
  public static void bind(PreparedStatement statement, Object[] parameters, String bigintType) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      Object p = parameters[i];
      statement.setObject(i + 1, p instanceof long[] keys ? statement.getConnection().createArrayOf(bigintType, Arrays.stream(keys).boxed().toArray()) : p);
    }
  }
}
