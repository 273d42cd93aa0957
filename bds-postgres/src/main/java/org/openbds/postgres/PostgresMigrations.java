package org.openbds.postgres;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The warehouse's own tables in the schema {@code main}, made and upgraded by the Flyway migrations in
 * {@code db/migration} (one {@code V<n>__<what>.sql} file per change, never edited once released). Flyway records what
 * it applied in {@code main.bds_schema_history} and holds a lock while it works, so that two processes opening the
 * same database do not both migrate it.
 */
final class PostgresMigrations {
  static final String SCHEMA = "main";
  static final String HISTORY_TABLE = "bds_schema_history";

  private PostgresMigrations() {}

  static void migrate(DataSource dataSource) {
    try {
      Flyway.configure(PostgresMigrations.class.getClassLoader())
          // through SLF4J, as the connection pool: the application's logging settings quiet both
          .loggers("slf4j")
          .dataSource(dataSource)
          .schemas(SCHEMA)
          .defaultSchema(SCHEMA)
          .table(HISTORY_TABLE)
          .locations("classpath:db/migration")
          // a schema main made before the warehouse (by hand, or by another tool's tables) is taken as version 0
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot bring the warehouse's tables up to date: " + e.getMessage(), e);
    }
  }
}
