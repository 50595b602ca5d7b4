package dev.keystone.domain.idempotency;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Deletes expired idempotency keys now and then, so the table holds only live ones. */
@ApplicationScoped
public class IdempotencyKeyPruner {

  private static final Logger LOG = Logger.getLogger(IdempotencyKeyPruner.class.getName());
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  @Inject IdempotencyKeys keys;

  @Inject
  @ConfigProperty(name = "keystone.idempotency.prune-interval-minutes", defaultValue = "10")
  long intervalMinutes;

  @Resource ManagedScheduledExecutorService scheduler;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (STARTED.compareAndSet(false, true)) {
      scheduler.scheduleWithFixedDelay(
          this::pruneSafely, intervalMinutes, intervalMinutes, TimeUnit.MINUTES);
    }
  }

  private void pruneSafely() {
    try {
      int deleted = keys.prune();
      if (deleted > 0) {
        LOG.info(() -> "Pruned " + deleted + " expired idempotency keys");
      }
    } catch (RuntimeException e) {
      LOG.warning(() -> "Pruning idempotency keys failed, next round later: " + e);
    }
  }
}
