package org.openbds.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A view over a chain's tables. The SQL uses {@code {schema}} where the chain's schema name goes, and only standard
 * SQL that every warehouse understands.
 */
public record ViewSchema(String name, String description, String sqlTemplate, List<Column> columns) {
  public ViewSchema {
    requireNonNull(name, "name is null");
    requireNonNull(description, "description is null");
    requireNonNull(sqlTemplate, "sqlTemplate is null");
    columns = List.copyOf(columns);
  }

  public String sql(String schema) {
    return sqlTemplate.replace("{schema}", schema);
  }
}
