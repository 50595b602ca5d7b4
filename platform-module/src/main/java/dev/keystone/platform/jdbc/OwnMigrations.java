package dev.keystone.platform.jdbc;

import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One part's own Flyway migrations — the shop's, the outbox's, the consumer kit's, the consumers' —
 * each from its own location with its own history table, so that several parts share a database
 * (and a schema) without ever mixing their migrations. Each history starts at zero in a schema that
 * already holds the others' tables. Flyway's lock makes concurrent start-ups of several servers
 * safe; migrations run outside the request deadlines ({@link LongOperations}).
 *
 * <p>Callers run {@link #migrate} outside any JTA transaction: Flyway commits on its own
 * connection, which a global transaction forbids.
 */
public final class OwnMigrations {

  private static final Logger LOG = Logger.getLogger(OwnMigrations.class.getName());

  private final Class<?> owner;
  private final String location;
  private final String historyTable;
  private final String schema;
  private volatile boolean done;

  /**
   * @param owner a class of the part: its class loader finds the migration files (in an EAR, a
   *     WAR's files are not visible to a library's class loader)
   * @param location the classpath folder, e.g. {@code db/outbox}; it holds an empty {@code
   *     flyway.location} file, because Liberty's class loader resolves a folder only through a file
   * @param historyTable e.g. {@code flyway_outbox_history}
   * @param schema the schema to create and migrate, or {@code null} for the connection's default
   */
  public OwnMigrations(Class<?> owner, String location, String historyTable, String schema) {
    this.owner = Objects.requireNonNull(owner);
    this.location = Objects.requireNonNull(location);
    this.historyTable = Objects.requireNonNull(historyTable);
    this.schema = schema;
  }

  /** Whether {@link #migrate} has completed in this JVM. */
  public boolean done() {
    return done;
  }

  /** Migrates once; later calls return at once. */
  public void migrate(DataSource dataSource) {
    if (done) {
      return;
    }
    synchronized (this) {
      if (done) {
        return;
      }
      var config =
          Flyway.configure(owner.getClassLoader())
              .dataSource(LongOperations.patient(dataSource))
              .connectRetries(LongOperations.CONNECT_RETRIES)
              .table(historyTable)
              .locations("classpath:" + location)
              .baselineOnMigrate(true)
              .baselineVersion("0");
      if (schema != null) {
        config = config.schemas(schema);
      }
      var result = config.load().migrate();
      LOG.info(
          () ->
              location
                  + " at version "
                  + result.targetSchemaVersion
                  + " ("
                  + result.migrationsExecuted
                  + " migrations applied)");
      done = true;
    }
  }
}
