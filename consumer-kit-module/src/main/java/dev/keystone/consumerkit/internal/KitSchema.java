package dev.keystone.consumerkit.internal;

import dev.keystone.platform.jdbc.OwnMigrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Migrates the kit's own tables (schema {@code consumers}, Flyway location {@code db/consumerkit},
 * history {@code flyway_consumerkit_history}) at start-up, whether the consumers run inside an EAR
 * or alone. The kit also calls {@link #ensureMigrated()} before a consumer's first message, since a
 * channel may deliver before the start-up event fires.
 */
@ApplicationScoped
public class KitSchema {

  private static final OwnMigrations MIGRATIONS =
      new OwnMigrations(
          KitSchema.class, "db/consumerkit", "flyway_consumerkit_history", "consumers");

  @Inject KitDatabase database;

  void migrate(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    ensureMigrated();
  }

  /** Runs the migrations once; later calls return at once. Outside any JTA transaction. */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public void ensureMigrated() {
    MIGRATIONS.migrate(database.dataSource());
  }
}
