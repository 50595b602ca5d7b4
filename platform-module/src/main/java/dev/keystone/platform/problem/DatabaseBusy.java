package dev.keystone.platform.problem;

import dev.keystone.platform.jdbc.DatabaseReachability;
import jakarta.ws.rs.core.Response;

/**
 * The rows a request needed stayed locked by other requests past the lock timeout, or PostgreSQL
 * ended the request's transaction as a deadlock's or a serialization conflict's victim
 * (docs/operations.md#database-deadlines): 503 with a short {@code Retry-After}. The database is
 * healthy and nothing was written; unlike {@link DatabaseUnavailable}, trying again at once is
 * likely to succeed.
 */
public final class DatabaseBusy {

  /** Seconds a client should wait before retrying: a lock queue drains in milliseconds. */
  private static final int RETRY_AFTER_SECONDS = 1;

  private DatabaseBusy() {}

  /** True when {@code e} was caused by a lock wait or a conflict that PostgreSQL ended. */
  public static boolean in(Throwable e) {
    return DatabaseReachability.contended(e);
  }

  public static Response toResponse() {
    return Problem.of(
            503,
            "database-busy",
            "Service busy",
            "Other requests held the data this one needs for too long; nothing was changed."
                + " Try again.")
        .toResponse(RETRY_AFTER_SECONDS);
  }
}
