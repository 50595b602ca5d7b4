package dev.keystone.outbox.internal;

import dev.keystone.platform.jdbc.NamedDataSource;
import jakarta.annotation.PostConstruct;
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

  private NamedDataSource named;

  @PostConstruct
  void name() {
    named = new NamedDataSource(jndiName); // looked up on first use
  }

  /** A connection, enlisted in the caller's transaction when there is one. */
  public Connection connection() throws SQLException {
    return named.connection();
  }

  DataSource dataSource() {
    return named.dataSource();
  }
}
