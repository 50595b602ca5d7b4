package dev.keystone.outbox.internal;

import dev.keystone.platform.scheduling.Periodic;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The guarantee behind the fast path (docs/architecture.md §3, write path): sends rows still
 * unpublished after {@code keystone.outbox.sweep-delay-ms} (the broker was down, or the server died
 * between commit and send). Several servers may sweep at once: each locks the heads of aggregate
 * queues with {@code FOR UPDATE SKIP LOCKED}, then the rest of those queues, so one aggregate is
 * swept by one server at a time.
 *
 * <p>A sweep first sends one row alone (a probe: with the broker away one timeout ends the sweep,
 * not one per row); then it sends in rounds, one row per aggregate per round, all aggregates at
 * once, waiting for every ack before the next round. Version N+1 of an aggregate is therefore sent
 * only after version N was acknowledged. A failed send stops that aggregate's queue (later versions
 * must not overtake it), backs the row off exponentially and ends the sweep after the round.
 */
@ApplicationScoped
public class OutboxSweeper {

  private static final Logger LOG = Logger.getLogger(OutboxSweeper.class.getName());
  private static final Periodic SWEEPS = new Periodic("Sweeping the outbox", LOG);
  private static final Periodic PRUNES = new Periodic("Pruning published outbox rows", LOG);

  /** Bounds one drain burst, so the scheduler's thread comes back now and then. */
  private static final int MAX_SWEEPS_IN_A_ROW = 100;

  @Inject OutboxStore store;
  @Inject RelayStore rows;
  @Inject OutboxRelay relay;

  @Inject
  @ConfigProperty(name = "keystone.outbox.sweeper.enabled", defaultValue = "true")
  boolean enabled;

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
  @ConfigProperty(name = "keystone.outbox.retention-ms", defaultValue = "86400000")
  long retentionMillis;

  @Inject
  @ConfigProperty(name = "keystone.outbox.prune-interval-ms", defaultValue = "600000")
  long pruneIntervalMillis;

  @Resource ManagedScheduledExecutorService scheduler;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (enabled) {
      var interval = Duration.ofMillis(intervalMillis);
      SWEEPS.start(scheduler, interval, interval, this::sweepSafely);
    }
    var pruneInterval = Duration.ofMillis(pruneIntervalMillis);
    PRUNES.start(scheduler, pruneInterval, pruneInterval, this::prune);
  }

  /** One sweep; returns the number of rows the broker acknowledged. */
  public int sweep() throws SQLException, InterruptedException {
    try (var tx = rows.begin()) {
      try {
        var queues = new LinkedHashMap<String, ArrayDeque<OutboxRecord>>();
        for (var record : rows.lockDueChains(tx, Duration.ofMillis(delayMillis), batch)) {
          queues.computeIfAbsent(record.aggregateKey(), k -> new ArrayDeque<>()).add(record);
        }
        if (queues.isEmpty()) {
          return 0;
        }
        var probe = queues.values().iterator().next().poll();
        int sent = send(tx, List.of(probe), queues);
        if (sent == 0) {
          return 0; // the broker failed the probe: the rest waits for the next sweep
        }
        while (!queues.isEmpty()) {
          var round = queues.values().stream().map(ArrayDeque::poll).toList();
          int ok = send(tx, round, queues);
          sent += ok;
          if (ok < round.size()) {
            break;
          }
        }
        return sent;
      } finally {
        tx.commit(); // the marks, and the release of the locks
      }
    }
  }

  /** Sends a round, marks each row, drops emptied or failed queues; returns the acks. */
  private int send(
      RelayStore.Tx tx,
      List<OutboxRecord> round,
      LinkedHashMap<String, ArrayDeque<OutboxRecord>> queues)
      throws SQLException, InterruptedException {
    var outcomes = round.stream().map(relay::sendAsync).toList();
    var acked = new ArrayList<UUID>();
    try {
      for (int i = 0; i < round.size(); i++) {
        var record = round.get(i);
        String failure;
        try {
          failure = outcomes.get(i).get(); // interruptible: the app may be stopping
        } catch (ExecutionException e) {
          failure = String.valueOf(e.getCause());
        }
        if (failure == null) {
          acked.add(record.eventId());
          if (queues.get(record.aggregateKey()).isEmpty()) {
            queues.remove(record.aggregateKey());
          }
        } else {
          relay.failed();
          rows.markFailed(tx, record.eventId(), failure, relay.backoff(), relay.maxBackoff());
          queues.remove(record.aggregateKey()); // later versions must not overtake it
        }
      }
    } finally {
      rows.markPublished(tx, acked); // one statement per round, also when stopping mid-round
    }
    return acked.size();
  }

  /** Sweeps; while a sweep fills its batch a backlog is draining: sweep again at once. */
  private void sweepSafely() {
    try {
      int sent;
      int sweeps = 0;
      do {
        sent = sweep();
      } while (sent >= batch && ++sweeps < MAX_SWEEPS_IN_A_ROW);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the application is stopping
    } catch (Exception e) {
      LOG.warning(() -> "Outbox sweep failed, next round in " + intervalMillis + " ms: " + e);
    }
  }

  private void prune() {
    int deleted = store.deletePublishedOlderThan(Duration.ofMillis(retentionMillis));
    if (deleted > 0) {
      LOG.fine(() -> "Pruned " + deleted + " published outbox rows");
    }
  }
}
