package dev.keystone.domain.migration;

import dev.keystone.platform.jdbc.OwnMigrations;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;

/**
 * Migrates the shop's schema at start-up, before the first request. The schema is where the
 * database's constraints live (docs/architecture.md §2: schema and constraints), so every migration
 * is a plain SQL file under {@code db/keystone}; the libraries migrate their own tables from their
 * own locations. Each such folder holds an empty {@code flyway.location} file: Liberty's class
 * loader resolves a folder only through a file. Flyway's lock makes concurrent start-ups of several
 * servers safe.
 */
@ApplicationScoped
public class SchemaMigration {

  private static final OwnMigrations MIGRATIONS =
      new OwnMigrations(SchemaMigration.class, "db/keystone", "flyway_schema_history", null);

  @Resource(lookup = "jdbc/keystone")
  DataSource dataSource;

  void migrate(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    MIGRATIONS.migrate(dataSource); // the event fires once per module of the EAR
  }
}
