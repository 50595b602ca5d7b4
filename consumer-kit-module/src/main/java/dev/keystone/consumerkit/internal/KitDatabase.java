package dev.keystone.consumerkit.internal;

import dev.keystone.platform.jdbc.NamedDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The data source of the kit's tables and of the consumers' effects: one JTA data source, so that a
 * dedup row and its effect commit together. Its JNDI name is {@code
 * keystone.consumerkit.datasource}.
 */
@ApplicationScoped
public class KitDatabase {

  @Inject
  @ConfigProperty(name = "keystone.consumerkit.datasource", defaultValue = "jdbc/keystone")
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
