package dev.keystone.consumers.kit;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrates the consumers' own schema ({@code consumers}, with its own Flyway history) at start-up,
 * whether the consumers run inside the EAR or alone on a consumers-only server. Consumers call
 * {@link #ensureMigrated()} too, since a channel may deliver before the start-up event fires.
 */
@ApplicationScoped
public class ConsumerSchema {

  @Resource(lookup = "jdbc/keystone")
  DataSource dataSource;

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
        Flyway.configure(ConsumerSchema.class.getClassLoader())
            .dataSource(dataSource)
            .schemas("consumers")
            .table("flyway_consumers_history")
            .locations("classpath:db/consumers")
            .load()
            .migrate();
        migrated = true;
      }
    }
  }
}
