package dev.keystone.messaging.outbox;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The guarantee behind the fast path: sends rows still unpublished after {@code
 * keystone.outbox.sweep-delay-ms} (the broker was down, or the server died between commit and
 * send). Several servers may sweep at once: each locks the heads of aggregate queues with {@code
 * FOR UPDATE SKIP LOCKED}, so one aggregate is swept by one server at a time, in version order. A
 * failed send stops that aggregate's queue for this round (later versions must not overtake it) and
 * backs the row off.
 */
@ApplicationScoped
public class OutboxSweeper {

  private static final Logger LOG = Logger.getLogger(OutboxSweeper.class.getName());
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  @Inject OutboxStore store;
  @Inject OutboxRelay relay;

  @Inject
  @ConfigProperty(name = "keystone.outbox.sweep-interval-ms", defaultValue = "1000")
  long intervalMillis;

  @Inject
  @ConfigProperty(name = "keystone.outbox.sweep-delay-ms", defaultValue = "3000")
  long delayMillis;

  @Inject
  @ConfigProperty(name = "keystone.outbox.sweep-batch", defaultValue = "200")
  int batch;

  @Inject
  @ConfigProperty(name = "keystone.outbox.retention-hours", defaultValue = "24")
  long retentionHours;

  @Resource ManagedScheduledExecutorService scheduler;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (STARTED.compareAndSet(false, true)) {
      scheduler.scheduleWithFixedDelay(
          this::sweepSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
      scheduler.scheduleWithFixedDelay(this::pruneSafely, 1, 60, TimeUnit.MINUTES);
    }
  }

  /** One sweep; returns the number of rows the broker acknowledged. */
  public int sweep() throws SQLException {
    int sent = 0;
    try (var c = store.sweepConnection()) {
      try {
        var blocked = new HashSet<String>();
        for (var record : store.lockDueChains(c, Duration.ofMillis(delayMillis), batch)) {
          if (blocked.contains(record.aggregateKey())) {
            continue;
          }
          var failure = relay.send(record);
          if (failure == null) {
            store.markPublished(c, record.eventId());
            sent++;
          } else {
            store.markFailed(c, record.eventId(), failure, relay.backoff());
            blocked.add(record.aggregateKey());
          }
        }
      } finally {
        c.commit(); // the marks, and the release of the locks
      }
    }
    return sent;
  }

  private void sweepSafely() {
    try {
      int sent = sweep();
      if (sent > 0) {
        LOG.info(() -> "Sweeper published " + sent + " outbox rows");
      }
    } catch (Exception e) {
      LOG.warning(() -> "Outbox sweep failed, next round in " + intervalMillis + " ms: " + e);
    }
  }

  private void pruneSafely() {
    try {
      int deleted = store.deletePublishedOlderThan(Duration.ofHours(retentionHours));
      if (deleted > 0) {
        LOG.info(() -> "Pruned " + deleted + " published outbox rows");
      }
    } catch (RuntimeException e) {
      LOG.warning(() -> "Outbox prune failed: " + e);
    }
  }
}
