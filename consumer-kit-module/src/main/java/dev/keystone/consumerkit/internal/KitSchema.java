package dev.keystone.consumerkit.internal;

import dev.keystone.platform.jdbc.LongOperations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.flywaydb.core.Flyway;

/**
 * Migrates the kit's own tables (schema {@code consumers}, Flyway location {@code db/consumerkit},
 * history {@code flyway_consumerkit_history}) at start-up, whether the consumers run inside an EAR
 * or alone. The kit also calls {@link #ensureMigrated()} before a consumer's first message, since a
 * channel may deliver before the start-up event fires.
 */
@ApplicationScoped
public class KitSchema {

  @Inject KitDatabase database;

  private volatile boolean migrated;

  void migrate(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    ensureMigrated();
  }

  /**
   * Runs the migrations once; later calls return at once. Outside any JTA transaction: Flyway
   * commits on its own connection, which a consumer's global transaction forbids (DSRA9350E).
   */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public void ensureMigrated() {
    if (migrated) {
      return;
    }
    synchronized (this) {
      if (!migrated) {
        Flyway.configure(KitSchema.class.getClassLoader())
            .dataSource(
                LongOperations.patient(database.dataSource())) // not under the request deadline
            .connectRetries(LongOperations.CONNECT_RETRIES)
            .schemas("consumers")
            .table("flyway_consumerkit_history")
            .locations("classpath:db/consumerkit")
            // the schema may already hold the application's consumer tables: history from zero
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
        migrated = true;
      }
    }
  }
}
