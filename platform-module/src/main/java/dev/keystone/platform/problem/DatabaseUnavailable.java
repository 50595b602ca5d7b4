package dev.keystone.platform.problem;

import dev.keystone.platform.jdbc.DatabaseReachability;
import jakarta.ws.rs.core.Response;

/**
 * PostgreSQL unreachable anywhere in a failure's causes: the caller gets 503 with {@code
 * Retry-After} (try again shortly; nothing was written) instead of a 500. PostgreSQL is the source
 * of truth (docs/architecture.md §2): without it Keystone refuses rather than guesses.
 */
public final class DatabaseUnavailable {

  /** Seconds a client should wait before retrying. */
  private static final int RETRY_AFTER_SECONDS = 5;

  private DatabaseUnavailable() {}

  /** True when {@code e} was caused by the database being unreachable. */
  public static boolean in(Throwable e) {
    return DatabaseReachability.unreachable(e);
  }

  public static Response toResponse() {
    return Problem.of(
            503,
            "database-unavailable",
            "Service unavailable",
            "The database is not reachable; nothing was changed. Try again shortly.")
        .toResponse(RETRY_AFTER_SECONDS);
  }
}
