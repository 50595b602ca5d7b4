package dev.keystone.consumers.schema;

import dev.keystone.platform.jdbc.LongOperations;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrates the consumers' own tables (schema {@code consumers}, with its own Flyway history; the
 * consumer kit migrates its tables itself) at start-up, whether the consumers run inside the EAR or
 * alone on a consumers-only server. Each effect calls {@link #ensureMigrated()} too, through the
 * kit's {@code prepareStorage}, since a channel may deliver before the start-up event fires.
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
            .dataSource(LongOperations.patient(dataSource)) // not under the request deadline
            .connectRetries(LongOperations.CONNECT_RETRIES)
            .schemas("consumers")
            .table("flyway_consumers_history")
            .locations("classpath:db/consumers")
            // the libraries keep their own tables and histories in the same schema: start from zero
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
        migrated = true;
      }
    }
  }
}
