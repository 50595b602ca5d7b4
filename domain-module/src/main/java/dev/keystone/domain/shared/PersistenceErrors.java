package dev.keystone.domain.shared;

import java.sql.SQLException;

/** Reads PostgreSQL's SQLSTATE out of a JPA failure, so a constraint's answer becomes a rule. */
public final class PersistenceErrors {

  private static final String UNIQUE_VIOLATION = "23505";

  private PersistenceErrors() {}

  /** True if a unique constraint refused the write (a concurrent insert won the race). */
  public static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
