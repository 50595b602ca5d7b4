package dev.keystone.platform.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A library's data source, named by its host application's configuration (e.g. {@code
 * keystone.outbox.datasource}) and looked up on first use, so that the library neither hard-codes
 * the name in an annotation nor needs JNDI before the server has bound it.
 */
public final class NamedDataSource {

  private final String jndiName;
  private volatile DataSource dataSource;

  public NamedDataSource(String jndiName) {
    this.jndiName = Objects.requireNonNull(jndiName);
  }

  /** A connection, enlisted in the caller's JTA transaction when there is one. */
  public Connection connection() throws SQLException {
    return dataSource().getConnection();
  }

  /**
   * The data source bound at the configured name.
   *
   * @throws IllegalStateException when nothing usable is bound there (a configuration error)
   */
  public DataSource dataSource() {
    var found = dataSource;
    if (found == null) {
      found = DataSources.lookup(jndiName);
      dataSource = found;
    }
    return found;
  }
}
