package dev.keystone.outbox.internal;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Stuck outbox rows as MicroProfile Metrics (application scope): {@code keystone.outbox.stuck.rows}
 * and {@code keystone.outbox.blocked.aggregates}, the aggregates whose later events wait behind a
 * stuck row (docs/outbox.md, "Stuck rows"). Read from PostgreSQL at most once a second however
 * often they are scraped, so they count every server's rows; alert on the second one above zero.
 */
@ApplicationScoped
public class StuckRowMetrics {

  private static final Logger LOG = Logger.getLogger(StuckRowMetrics.class.getName());
  private static final long REFRESH_MILLIS = 1000;

  @Inject MetricRegistry registry;
  @Inject OutboxStuckRows stuckRows;

  private volatile StuckStore.Counts counts = new StuckStore.Counts(0, 0);
  private volatile long readAt;

  @PostConstruct
  void register() {
    registry.gauge(
        Metadata.builder()
            .withName("keystone.outbox.stuck.rows")
            .withDescription(
                "Unpublished outbox rows whose sends failed keystone.outbox.stuck-after-attempts"
                    + " times or more")
            .build(),
        this,
        m -> m.counts().rows());
    registry.gauge(
        Metadata.builder()
            .withName("keystone.outbox.blocked.aggregates")
            .withDescription("Aggregates whose later events wait behind a stuck outbox row")
            .build(),
        this,
        m -> m.counts().aggregates());
  }

  /** Registers the metrics when the application starts, not on the first scrape. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // observing instantiates the bean; @PostConstruct registers
  }

  /** The counts, read at most once a second; the last known ones while the database is away. */
  public StuckStore.Counts counts() {
    long now = System.currentTimeMillis();
    if (now - readAt >= REFRESH_MILLIS) {
      readAt = now;
      try {
        counts = stuckRows.counts();
      } catch (RuntimeException e) {
        LOG.fine(() -> "Could not count the stuck outbox rows: " + e);
      }
    }
    return counts;
  }
}
