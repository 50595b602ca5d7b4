package dev.keystone.outbox.internal;

import dev.keystone.platform.jdbc.DataSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The data source the outbox writes to: the application's own JTA data source, so that the outbox
 * row commits with the state change. Its JNDI name is {@code keystone.outbox.datasource}.
 */
@ApplicationScoped
public class OutboxDatabase {

  @Inject
  @ConfigProperty(name = "keystone.outbox.datasource", defaultValue = "jdbc/keystone")
  String jndiName;

  private volatile DataSource dataSource;

  /** A connection of the application's data source, enlisted in the caller's transaction. */
  public Connection connection() throws SQLException {
    return dataSource().getConnection();
  }

  DataSource dataSource() {
    var found = dataSource;
    if (found == null) {
      found = DataSources.lookup(jndiName);
      dataSource = found;
    }
    return found;
  }
}
