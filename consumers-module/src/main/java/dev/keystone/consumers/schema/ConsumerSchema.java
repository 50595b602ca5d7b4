package dev.keystone.consumers.schema;

import dev.keystone.platform.jdbc.OwnMigrations;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import javax.sql.DataSource;

/**
 * Migrates the consumers' own tables (schema {@code consumers}, with its own Flyway history; the
 * consumer kit migrates its tables itself) at start-up, whether the consumers run inside the EAR or
 * alone on a consumers-only server. Each effect calls {@link #ensureMigrated()} too, through the
 * kit's {@code prepareStorage}, since a channel may deliver before the start-up event fires.
 */
@ApplicationScoped
public class ConsumerSchema {

  private static final OwnMigrations MIGRATIONS =
      new OwnMigrations(
          ConsumerSchema.class, "db/consumers", "flyway_consumers_history", "consumers");

  @Resource(lookup = "jdbc/keystone")
  DataSource dataSource;

  void migrate(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    ensureMigrated();
  }

  /** Runs the migrations once; later calls return at once. Outside any JTA transaction. */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public void ensureMigrated() {
    MIGRATIONS.migrate(dataSource);
  }
}
