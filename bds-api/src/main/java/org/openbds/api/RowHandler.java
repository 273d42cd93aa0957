package org.openbds.api;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Receives the rows of a streamed query one at a time (for large reads such as rebuilding an index). */
@FunctionalInterface
public interface RowHandler {
  void row(ResultSet row) throws SQLException;
}
