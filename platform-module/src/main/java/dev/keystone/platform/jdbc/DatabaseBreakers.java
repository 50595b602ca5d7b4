package dev.keystone.platform.jdbc;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
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
    return new DatabaseBreaker(failures, MILLISECONDS.toNanos(openMs), System::nanoTime);
  }

  /**
   * At most the pool's size ({@code keystone.db.pool-size}, 40) less {@code
   * keystone.db.background-connections} (12) request calls at the database at once, so that a
   * request holding its turn never waits for a pooled connection the relay, the consumers or a
   * health check hold; a caller beyond them waits up to {@code keystone.db.concurrency-wait-ms}
   * (500: with the request's own 1 s deadline after it, a refusal stays within the 2 s promise) for
   * a permit, or until the breaker opens.
   */
  @Produces
  @Singleton
  DatabaseBulkhead bulkhead(
      @ConfigProperty(name = "keystone.db.pool-size", defaultValue = "40") int poolSize,
      @ConfigProperty(name = "keystone.db.background-connections", defaultValue = "12")
          int background,
      @ConfigProperty(name = "keystone.db.concurrency-wait-ms", defaultValue = "500") long waitMs) {
    return new DatabaseBulkhead(requestPermits(poolSize, background), MILLISECONDS.toNanos(waitMs));
  }

  /** Makes the bulkhead at start, so that a pool no larger than the reserve fails the start. */
  void checkAtStart(
      @Observes @Initialized(ApplicationScoped.class) Object ignored, DatabaseBulkhead bulkhead) {
    bulkhead.available();
  }

  static int requestPermits(int poolSize, int background) {
    if (background < 0 || poolSize - background < 1) {
      throw new IllegalArgumentException(
          ("keystone.db.pool-size (KEYSTONE_DB_POOL_MAX) %d must exceed"
                  + " keystone.db.background-connections %d by at least one, the requests' share")
              .formatted(poolSize, background));
    }
    return poolSize - background;
  }
}
