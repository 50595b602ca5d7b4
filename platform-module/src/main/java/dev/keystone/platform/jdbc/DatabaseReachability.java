package dev.keystone.platform.jdbc;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Predicate;

/**
 * Tells whether a failure was PostgreSQL being unreachable or not answering in time, so the HTTP
 * layer can answer 503 (try again shortly; nothing was written) instead of 500 without itself
 * knowing JDBC (docs/architecture.md §2: only the application service talks to the database).
 *
 * <p>Unreachable: SQLState class {@code 08} ("connection exception": refused, broken, or silent
 * past the socket or login timeout), {@code 57P01}–{@code 57P03} (an administrator shutdown, a
 * crash shutdown, "cannot connect now" while the database starts), and no pooled connection free
 * within the acquisition timeout (the pool's {@link SQLTransientConnectionException}). Not
 * answering in time: {@code 57014}, a statement cancelled by its query or statement timeout, and
 * {@link SQLTimeoutException}. Each leaves nothing written: the transaction rolls back
 * (docs/operations.md#database-deadlines).
 *
 * <p>Contended is another thing: PostgreSQL answers, but the rows a call needs stayed locked by
 * other transactions past the lock timeout ({@code 55P03}, {@code KEYSTONE_DB_LOCK_TIMEOUT_MS}), or
 * it chose the call as a deadlock's victim ({@code 40P01}) or a serialization failure ({@code
 * 40001}). Also nothing written, and worth retrying at once; it says nothing about the database's
 * health, so it never opens the {@link DatabaseBreaker}.
 */
public final class DatabaseReachability {

  private DatabaseReachability() {}

  /** True when {@code failure} was caused, anywhere in its causes, by an unreachable database. */
  public static boolean unreachable(Throwable failure) {
    return anyCause(
        failure,
        t ->
            t instanceof SQLTransientConnectionException
                || t instanceof SQLRecoverableException
                || t instanceof SQLTimeoutException
                || t instanceof SQLException sql && unreachableState(sql.getSQLState()));
  }

  /**
   * True when {@code failure} was caused, anywhere in its causes, by a lock wait or transaction
   * conflict that PostgreSQL itself ended (see the class comment).
   */
  public static boolean contended(Throwable failure) {
    return anyCause(
        failure, t -> t instanceof SQLException sql && contendedState(sql.getSQLState()));
  }

  private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (test.test(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean contendedState(String state) {
    return "55P03".equals(state) || "40P01".equals(state) || "40001".equals(state);
  }

  private static boolean unreachableState(String state) {
    return state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03")
            || state.equals("57014"));
  }
}
