package dev.keystone.outbox.internal;

import dev.keystone.platform.jdbc.OwnMigrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Creates and migrates the outbox's own table at start-up, from its own Flyway location ({@code
 * db/outbox}) with its own history table, so that it never mixes with the host application's
 * migrations. Flyway's lock makes concurrent start-ups of several servers safe.
 */
@ApplicationScoped
public class OutboxSchema {

  private static final OwnMigrations MIGRATIONS =
      new OwnMigrations(OutboxSchema.class, "db/outbox", "flyway_outbox_history", null);

  @Inject OutboxDatabase database;

  void migrate(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    MIGRATIONS.migrate(database.dataSource()); // the event fires once per module of an EAR
  }
}
