package dev.keystone.platform.jdbc;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.sql.SQLTransientConnectionException;

/**
 * Runs {@link DatabaseWork} through the {@link DatabaseBulkhead} and the {@link DatabaseBreaker}:
 * refused while the breaker is open or no permit came in time, with a failure the HTTP layer
 * answers as 503 with Retry-After (an unreachable database, {@link DatabaseReachability});
 * otherwise the call's outcome is reported to it. Only the outermost marked call of a thread
 * counts: a use case calling another is one piece of database work. Priority between the cache's
 * interceptor and {@code @Transactional}'s.
 */
@DatabaseWork
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 150)
public class DatabaseWorkInterceptor {

  private static final ThreadLocal<Boolean> INSIDE = new ThreadLocal<>();

  @Inject DatabaseBreaker breaker;
  @Inject DatabaseBulkhead bulkhead;

  @AroundInvoke
  Object guard(InvocationContext ctx) throws Exception {
    if (INSIDE.get() != null) {
      return ctx.proceed();
    }
    if (!bulkhead.acquire(breaker::isOpen)) {
      throw new DatabaseRefused();
    }
    if (!breaker.tryEnter()) {
      bulkhead.release();
      throw new DatabaseRefused();
    }
    INSIDE.set(Boolean.TRUE);
    try {
      var result = ctx.proceed();
      breaker.answered();
      return result;
    } catch (Exception | Error e) {
      if (DatabaseReachability.unreachable(e)) {
        breaker.unreachable();
      } else {
        breaker.answered();
      }
      throw e;
    } finally {
      INSIDE.remove();
      bulkhead.release();
    }
  }

  /**
   * A call refused by the open breaker: nothing was tried, nothing written. No stack trace: while
   * the breaker is open every request that needs the database ends here, and a refusal must cost
   * next to nothing.
   */
  static final class DatabaseRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DatabaseRefused() {
      super(
          "The database did not answer in time a moment ago, or every connection stayed busy;"
              + " refused without trying",
          new SQLTransientConnectionException("database breaker open", "08001"),
          false,
          false);
    }
  }
}
