package dev.keystone.outbox.internal;

import dev.keystone.platform.jdbc.LongOperations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;

/**
 * Creates and migrates the outbox's own table at start-up, from its own Flyway location ({@code
 * db/outbox}) with its own history table, so that it never mixes with the host application's
 * migrations. Flyway's lock makes concurrent start-ups of several servers safe.
 */
@ApplicationScoped
public class OutboxSchema {

  private static final Logger LOG = Logger.getLogger(OutboxSchema.class.getName());
  private static final AtomicBoolean DONE = new AtomicBoolean();

  @Inject OutboxDatabase database;

  void migrate(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (!DONE.compareAndSet(false, true)) {
      return; // the event fires once per module of an EAR; migrate once
    }
    var result =
        Flyway.configure(OutboxSchema.class.getClassLoader())
            .dataSource(
                LongOperations.patient(database.dataSource())) // not under the request deadline
            .connectRetries(LongOperations.CONNECT_RETRIES)
            .table("flyway_outbox_history")
            .locations("classpath:db/outbox")
            // the schema already holds the application's tables: start this history at zero
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
    LOG.info(() -> "Outbox schema at version " + result.targetSchemaVersion);
  }
}
