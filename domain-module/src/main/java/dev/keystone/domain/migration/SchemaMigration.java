package dev.keystone.domain.migration;

import dev.keystone.platform.jdbc.LongOperations;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

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

  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());
  private static final AtomicBoolean DONE = new AtomicBoolean();

  @Resource(lookup = "jdbc/keystone")
  DataSource dataSource;

  void migrate(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (!DONE.compareAndSet(false, true)) {
      return; // the event fires once per module of the EAR; migrate once
    }
    var result =
        Flyway.configure(SchemaMigration.class.getClassLoader())
            // a migration may run long: not under the request deadline of the data source
            .dataSource(LongOperations.patient(dataSource))
            .connectRetries(LongOperations.CONNECT_RETRIES)
            .locations("classpath:db/keystone")
            // the libraries keep their own tables and histories in the same schema: start from zero
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
    LOG.info(
        () ->
            "Schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied)");
  }
}
