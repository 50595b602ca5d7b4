package dev.keystone.consumerkit;

import dev.keystone.consumerkit.internal.KitSchema;
import dev.keystone.consumerkit.internal.ProcessedEvents;
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

/**
 * Keeps the dedup store bounded: every {@code keystone.consumers.dedup-prune-interval-minutes} (60)
 * it deletes {@code processed_events} rows older than {@code
 * keystone.consumers.dedup-horizon-hours} (168, a week), in batches.
 *
 * <h2>Why pruning is safe</h2>
 *
 * <ul>
 *   <li>Kafka redelivers only from a group's last <em>committed</em> offset: after a crash or a
 *       rebalance, the messages a consumer sees again are those between its committed offset and
 *       what it had processed, a range as old as its lag (seconds, minutes in a bad hour). A
 *       duplicate can therefore only be an event processed recently, far inside the horizon, as
 *       long as the horizon is much longer than the worst consumer lag or outage (a week vs.
 *       hours).
 *   <li>A producer-side duplicate (the outbox sweeper republishing an event whose first send did
 *       land) follows the original within the sweeper's delay: seconds.
 *   <li>Should an even older duplicate slip through (an operator resets offsets without rebuilding
 *       the tables), every current-state effect is also guarded by aggregate version ({@link
 *       AggregateVersions}, which is never pruned): an old event is older than what the projection
 *       holds and is skipped. Only purely additive effects (analytics sums) rely on the dedup row
 *       alone, which is why a replay rebuilds a consumer's tables together with its dedup rows (the
 *       docs/consumers.md, "Rebuilding a consumer from the log") instead of resetting offsets
 *       alone.
 *   <li>The horizon must also exceed the topics' retention of records a group has not committed
 *       yet; with {@code retention.ms} at Kafka's default (7 days) the default horizon matches it.
 * </ul>
 */
@ApplicationScoped
public class DedupPruner {

  private static final Logger LOG = Logger.getLogger(DedupPruner.class.getName());
  private static final int BATCH = 5000;

  @Inject ProcessedEvents processed;
  @Inject KitSchema schema;

  @Inject
  @ConfigProperty(name = "keystone.consumers.dedup-horizon-hours", defaultValue = "168")
  long horizonHours;

  @Inject
  @ConfigProperty(name = "keystone.consumers.dedup-prune-interval-minutes", defaultValue = "60")
  long intervalMinutes;

  @Inject
  @ConfigProperty(name = "keystone.consumers.connector", defaultValue = "liberty-kafka")
  String connector;

  @Resource ManagedScheduledExecutorService scheduler;

  private final Periodic job = new Periodic("Pruning the dedup store", LOG);

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (!SwitchedOffConnector.isOff(connector)) {
      job.start(scheduler, Duration.ofMinutes(1), Duration.ofMinutes(intervalMinutes), this::prune);
    }
  }

  /** The configured horizon: rows older than this are pruned. */
  public Duration horizon() {
    return Duration.ofHours(horizonHours);
  }

  /**
   * Deletes every row older than the horizon, in batches; also what an operator's {@code POST
   * /consumers/admin/dedup/prune} runs.
   *
   * @return how many rows were deleted
   * @throws RuntimeException when the database cannot be reached
   */
  public int prune() {
    schema.ensureMigrated();
    int total = 0;
    int deleted;
    do {
      deleted = processed.prune(horizon(), BATCH);
      total += deleted;
    } while (deleted == BATCH);
    int pruned = total;
    LOG.fine(() -> "Pruned " + pruned + " processed-event rows");
    return total;
  }
}
