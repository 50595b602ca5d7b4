package dev.keystone.outbox.internal;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The outbox as MicroProfile Metrics (application scope): the backlog (unpublished rows), the age
 * of the oldest unpublished row, and counters of acknowledged and failed sends. The backlog is read
 * from PostgreSQL at most once a second, however often the metrics are scraped, so it counts every
 * server's rows, not only this one's.
 */
@ApplicationScoped
public class OutboxMetrics implements SendCounters {

  private static final Logger LOG = Logger.getLogger(OutboxMetrics.class.getName());
  private static final long REFRESH_MILLIS = 1000;

  @Inject MetricRegistry registry;
  @Inject OutboxStore store;

  private Counter sent;
  private Counter failed;
  private volatile OutboxStore.Backlog backlog = new OutboxStore.Backlog(0, 0);
  private volatile long readAt;

  @PostConstruct
  void register() {
    sent =
        registry.counter(
            Metadata.builder()
                .withName("keystone.outbox.sent")
                .withDescription("Outbox rows the broker acknowledged")
                .build());
    failed =
        registry.counter(
            Metadata.builder()
                .withName("keystone.outbox.failed")
                .withDescription("Sends of outbox rows the broker failed or did not ack in time")
                .build());
    registry.gauge(
        Metadata.builder()
            .withName("keystone.outbox.backlog")
            .withDescription("Outbox rows not yet acknowledged by the broker")
            .build(),
        this,
        m -> m.backlog().size());
    registry.gauge(
        Metadata.builder()
            .withName("keystone.outbox.oldest.age.ms")
            .withDescription("Age in milliseconds of the oldest unpublished outbox row")
            .build(),
        this,
        m -> m.backlog().oldestAgeMillis());
  }

  /** Registers the metrics when the application starts, not on the first send. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // observing instantiates the bean; @PostConstruct registers
  }

  @Override
  public void sent() {
    sent.inc();
  }

  @Override
  public void failed() {
    failed.inc();
  }

  /** The backlog, read at most once a second; the last known value while the database is away. */
  public OutboxStore.Backlog backlog() {
    long now = System.currentTimeMillis();
    if (now - readAt >= REFRESH_MILLIS) {
      readAt = now;
      try {
        backlog = store.backlog();
      } catch (RuntimeException e) {
        LOG.fine(() -> "Could not read the outbox backlog: " + e);
      }
    }
    return backlog;
  }
}
