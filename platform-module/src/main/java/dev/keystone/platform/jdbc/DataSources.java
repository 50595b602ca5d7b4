package dev.keystone.platform.jdbc;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Looks up a data source by the JNDI name an application configured, so that a library does not
 * hard-code the name of its host application's data source in an annotation.
 */
public final class DataSources {

  private DataSources() {}

  /**
   * The data source bound at {@code jndiName}, e.g. {@code jdbc/keystone}.
   *
   * @throws IllegalStateException when nothing usable is bound there (a configuration error)
   */
  public static DataSource lookup(String jndiName) {
    try {
      return InitialContext.doLookup(jndiName);
    } catch (NamingException | ClassCastException e) {
      throw new IllegalStateException("No data source is bound at " + jndiName, e);
    }
  }
}
