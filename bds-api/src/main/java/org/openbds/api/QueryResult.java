package org.openbds.api;

import java.util.List;

/** A fully read query result: column names and rows of plain Java values (Long, String, Boolean, byte[], …). */
public record QueryResult(List<String> columns, List<List<Object>> rows) {
  public QueryResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }
}
