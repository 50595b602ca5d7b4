package dev.keystone.domain.idempotency;

import dev.keystone.platform.scheduling.Periodic;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Deletes expired idempotency keys now and then, so the table holds only live ones. */
@ApplicationScoped
public class IdempotencyKeyPruner {

  private static final Logger LOG = Logger.getLogger(IdempotencyKeyPruner.class.getName());
  private static final Periodic JOB = new Periodic("Pruning idempotency keys", LOG);

  @Inject IdempotencyKeys keys;

  @Inject
  @ConfigProperty(name = "keystone.idempotency.prune-interval-minutes", defaultValue = "10")
  long intervalMinutes;

  @Resource ManagedScheduledExecutorService scheduler;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    var interval = Duration.ofMinutes(intervalMinutes);
    JOB.start(scheduler, interval, interval, this::prune);
  }

  private void prune() {
    int deleted = keys.prune();
    if (deleted > 0) {
      LOG.info(() -> "Pruned " + deleted + " expired idempotency keys");
    }
  }
}
