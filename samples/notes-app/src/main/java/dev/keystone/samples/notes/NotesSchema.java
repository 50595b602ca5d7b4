package dev.keystone.samples.notes;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrates the notes' own table at start-up from {@code db/notes}, with a history table of its own.
 * The outbox library migrates its table into the same schema from its own location and history
 * ({@code flyway_outbox_history}), so neither sees the other's migrations.
 */
@ApplicationScoped
public class NotesSchema {

  private static final Logger LOG = Logger.getLogger(NotesSchema.class.getName());

  @Resource(lookup = "jdbc/notes")
  DataSource dataSource;

  void migrate(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    var result =
        Flyway.configure(NotesSchema.class.getClassLoader())
            .dataSource(dataSource)
            .table("flyway_notes_history")
            .locations("classpath:db/notes")
            // the outbox's table may be there first: start this history at zero
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
    LOG.info(() -> "Notes schema at version " + result.targetSchemaVersion);
  }
}
