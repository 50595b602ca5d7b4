package dev.keystone.web.problem;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises PostgreSQL being unreachable anywhere in a failure's causes, so the caller gets a 503
 * with {@code Retry-After} (try again shortly; nothing was written) instead of a 500. PostgreSQL is
 * the source of truth (seed §2): without it Keystone refuses rather than guesses. SQLState class
 * {@code 08} is "connection exception"; {@code 57P01}–{@code 57P03} are an administrator shutdown,
 * a crash shutdown and "cannot connect now" (the database starting).
 */
final class DatabaseUnavailable {

  /** Seconds a client should wait before retrying. */
  private static final int RETRY_AFTER_SECONDS = 5;

  private DatabaseUnavailable() {}

  /** True when {@code e} was caused by the database being unreachable. */
  static boolean in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && unreachable(sql.getSQLState())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean unreachable(String state) {
    return state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03"));
  }

  static Response toResponse() {
    return Response.fromResponse(
            Problem.of(
                    503,
                    "database-unavailable",
                    "Service unavailable",
                    "The database is not reachable; nothing was changed. Try again shortly.")
                .toResponse())
        .header("Retry-After", RETRY_AFTER_SECONDS)
        .build();
  }
}
