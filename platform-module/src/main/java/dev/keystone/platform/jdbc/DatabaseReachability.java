package dev.keystone.platform.jdbc;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells whether a failure was PostgreSQL being unreachable, so the HTTP layer can answer 503 (try
 * again shortly; nothing was written) instead of 500 without itself knowing JDBC
 * (docs/architecture.md §2: only the application service talks to the database). SQLState class
 * {@code 08} is "connection exception"; {@code 57P01}–{@code 57P03} are an administrator shutdown,
 * a crash shutdown and "cannot connect now" (the database starting).
 */
public final class DatabaseReachability {

  private DatabaseReachability() {}

  /** True when {@code failure} was caused, anywhere in its causes, by an unreachable database. */
  public static boolean unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && unreachableState(sql.getSQLState())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean unreachableState(String state) {
    return state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03"));
  }
}
