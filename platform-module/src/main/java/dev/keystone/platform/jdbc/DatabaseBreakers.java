package dev.keystone.platform.jdbc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's one {@link DatabaseBreaker}: opened by {@code keystone.db.breaker.failures} (3)
 * unreachable answers in a row, refusing for {@code keystone.db.breaker.open-ms} (500) between
 * trial calls (docs/operations.md#database-deadlines), and its {@link DatabaseBulkhead}.
 */
@ApplicationScoped
class DatabaseBreakers {

  @Produces
  @Singleton
  DatabaseBreaker breaker(
      @ConfigProperty(name = "keystone.db.breaker.failures", defaultValue = "3") int failures,
      @ConfigProperty(name = "keystone.db.breaker.open-ms", defaultValue = "500") long openMs) {
    return new DatabaseBreaker(failures, TimeUnit.MILLISECONDS.toNanos(openMs), System::nanoTime);
  }

  /**
   * At most {@code keystone.db.concurrency} (the pool's size, 40) request calls at the database at
   * once; a caller beyond them waits up to {@code keystone.db.concurrency-wait-ms} (500: with the
   * request's own 1 s deadline after it, a refusal stays within the 2 s promise) for a permit, or
   * until the breaker opens.
   */
  @Produces
  @Singleton
  DatabaseBulkhead bulkhead(
      @ConfigProperty(name = "keystone.db.concurrency", defaultValue = "40") int permits,
      @ConfigProperty(name = "keystone.db.concurrency-wait-ms", defaultValue = "500") long waitMs) {
    return new DatabaseBulkhead(permits, TimeUnit.MILLISECONDS.toNanos(waitMs));
  }
}
