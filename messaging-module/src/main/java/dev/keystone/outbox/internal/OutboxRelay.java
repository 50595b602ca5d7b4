package dev.keystone.outbox.internal;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The fast path: sends committed outbox rows to Kafka through the {@link EventSender} and marks
 * them published only when the broker acknowledged them (docs/architecture.md §3, write path:
 * "publishes a Kafka event").
 *
 * <p>Never on the caller's thread: the after-commit observer runs on the HTTP request's thread, and
 * Kafka's producer can block for {@code max.block.ms} when the broker is away. A row goes onto the
 * bounded queue of one of a few {@link RelayWorker}s, chosen by aggregate; a worker sends whatever
 * has queued up as one batch, so the database work is paid per batch, not per row (one row at a
 * time capped the relay below the write rate). Per batch round ({@link RelayRounds}, at most one
 * row per aggregate): ONE statement claims the rows that are next for their aggregate ({@code FOR
 * UPDATE SKIP LOCKED}, no older version unpublished; locked and marked published, uncommitted) and
 * all of them are sent without waiting in between (they are different aggregates). The worker then
 * goes on with the next round while the worker's {@link RelayFlights} thread lands this one: awaits
 * every ack, takes the mark back from any row that failed, and commits, which publishes the marks
 * and releases the locks. A round waits for the landing of any round carrying one of its
 * aggregates, so version N+1 is claimed only after N's mark committed. A row another server's
 * sweeper holds, or whose predecessor waits, is left to the {@link OutboxSweeper}, which keeps the
 * order.
 *
 * <p>At-least-once: a failed or timed-out stage does not prove the record was not written (the
 * broker may have appended it and the ack been lost), so a row retried after a failure can reach
 * the topic twice. Consumers dedupe by the CloudEvents {@code id}.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

  @Inject EventSender sender;
  @Inject RelayStore store;
  @Inject SendCounters metrics;

  @Inject
  @ConfigProperty(name = "keystone.outbox.relay.enabled", defaultValue = "true")
  boolean enabled;

  /**
   * Relay threads; an aggregate always goes to the same one. One by default: with its rounds
   * pipelined a single worker keeps up past 1,000 writes/s, and its rounds are twice as full as two
   * workers' (6.6 rows per claim instead of 3.2 at ~1,000 writes/s: half the claims, commits and
   * produce requests per event), with no worse commit→consumer latency (measured: docs/outbox.md).
   */
  @Inject
  @ConfigProperty(name = "keystone.outbox.relay.workers", defaultValue = "1")
  int workerCount;

  /** The most rows one worker sends per batch (keep below the emitter's buffer of 4096). */
  @Inject
  @ConfigProperty(name = "keystone.outbox.relay.batch", defaultValue = "200")
  int batchSize;

  /**
   * Rounds one worker may have sent and not yet landed (acks, marks, commit); each holds a database
   * connection meanwhile. 1 makes the worker wait for every round's commit before the next.
   */
  @Inject
  @ConfigProperty(name = "keystone.outbox.relay.in-flight", defaultValue = "2")
  int maxInFlight;

  /** Queued rows per worker; past it rows are left to the sweeper. */
  @Inject
  @ConfigProperty(name = "keystone.outbox.relay.queue", defaultValue = "5000")
  int queueCapacity;

  /** Must exceed the producer's delivery.timeout.ms: the producer gives up first (see send). */
  @Inject
  @ConfigProperty(name = "keystone.outbox.ack-timeout-ms", defaultValue = "15000")
  long ackTimeoutMillis;

  @Inject
  @ConfigProperty(name = "keystone.outbox.retry-backoff-ms", defaultValue = "1000")
  long retryBackoffMillis;

  @Inject
  @ConfigProperty(name = "keystone.outbox.max-backoff-ms", defaultValue = "10000")
  long maxBackoffMillis;

  @Resource ManagedThreadFactory threads;

  /** The time of the stand-aside after a failure; the unit tests set their own. */
  Clock clock = Clock.systemUTC();

  private final List<RelayWorker> workers = new ArrayList<>();
  private final List<RelayFlights> landings = new ArrayList<>();

  /** After a failed send the fast path stands aside until then; the sweeper catches up. */
  private volatile long standAsideUntil;

  @PostConstruct
  void startWorkers() {
    if (!enabled) {
      return;
    }
    for (int i = 0; i < Math.max(1, workerCount); i++) {
      var flights = new RelayFlights(maxInFlight, this::land);
      flights.start(threads);
      landings.add(flights);
      var worker = new RelayWorker(queueCapacity, batchSize, batch -> relay(batch, flights));
      worker.start(threads);
      workers.add(worker);
    }
  }

  @PreDestroy
  void stopWorkers() {
    workers.forEach(RelayWorker::stop);
    landings.forEach(RelayFlights::stop);
  }

  /**
   * Queues committed rows for sending; returns at once, never blocks. Does nothing if the fast path
   * is off or standing aside after a failure, and drops rows a full queue refuses: the sweeper
   * sends all of those.
   */
  public void publish(List<OutboxRecord> records) {
    if (workers.isEmpty() || standingAside()) {
      return;
    }
    for (var record : records) {
      var worker = workers.get(Math.floorMod(record.aggregateKey().hashCode(), workers.size()));
      if (!worker.offer(record)) {
        LOG.fine(() -> "Relay queue full; " + record.eventId() + " left to the sweeper");
      }
    }
  }

  /** Sends one batch, round by round, handing each round to the landing thread; a worker's. */
  void relay(List<OutboxRecord> batch, RelayFlights flights) throws InterruptedException {
    for (var round : RelayRounds.of(batch)) {
      if (standingAside()) {
        return; // the broker just failed us: don't queue a timeout per row, let the sweeper send
      }
      try {
        flights.launch(round, this::takeOff);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        LOG.warning(() -> "Relay left " + round.size() + " rows to the sweeper: " + e);
      }
    }
  }

  /**
   * Claims what can be sent of one round (at most one row per aggregate) and sends it, without
   * waiting for the acks; null, with nothing held, if no row could be claimed.
   */
  private RelayFlights.Flight takeOff(List<OutboxRecord> round) throws SQLException {
    var tx = store.begin();
    try {
      var claimed = store.claimNext(tx, round.stream().map(OutboxRecord::eventId).toList());
      var sending = round.stream().filter(r -> claimed.contains(r.eventId())).toList();
      if (sending.isEmpty()) {
        tx.commit();
        tx.close();
        return null;
      }
      return new RelayFlights.Flight(tx, sending, sending.stream().map(this::sendAsync).toList());
    } catch (SQLException | RuntimeException e) {
      try (tx) {
        tx.rollback(); // the rows stay unpublished (the claim undone) and unlocked, for the sweeper
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Lands a round on the landing thread: awaits its acks (if {@code wait}; stopping, only the ones
   * already in count), takes the claim's mark back from the rows that failed or whose fate is
   * unknown, and commits, which publishes the other marks and releases the rows' locks.
   */
  private void land(RelayFlights.Flight flight, boolean wait) {
    var outcomes = flight.outcomes();
    if (wait && !awaitAll(outcomes)) {
      Thread.currentThread().interrupt(); // stopping: land this one as it is, then no more
    }
    try (var tx = flight.tx()) {
      try {
        var unknown = new ArrayList<UUID>();
        for (int i = 0; i < outcomes.size(); i++) {
          var outcome = outcomes.get(i);
          var eventId = flight.rows().get(i).eventId();
          if (!outcome.isDone()) {
            unknown.add(eventId); // stopping: the sweeper sends it again (at least once)
            continue;
          }
          var failure = outcome.join();
          if (failure != null) {
            failed();
            store.markFailed(tx, eventId, failure, backoff(), maxBackoff());
          }
        }
        store.unclaim(tx, unknown);
        tx.commit(); // the marks of the acknowledged rows, and the release of every lock
      } catch (SQLException | RuntimeException e) {
        tx.rollback(); // every claim undone: the sweeper sends the round again (at least once)
        throw e;
      }
    } catch (SQLException e) {
      throw new OutboxException("Could not land a relayed round; the sweeper sends it again", e);
    }
  }

  /** Waits for every outcome; false if interrupted first (the application is stopping). */
  private static boolean awaitAll(List<CompletableFuture<String>> outcomes) {
    for (var outcome : outcomes) {
      try {
        outcome.get(); // never fails: see sendAsync
      } catch (InterruptedException e) {
        return false;
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
    return true;
  }

  /**
   * Sends one row; the future completes when the broker acknowledged it (with null) or when the
   * send failed (with what went wrong). Never completes exceptionally. Marking the row is the
   * caller's job, in the transaction that holds the row's lock.
   *
   * <p>The wait is bounded by {@code ack-timeout-ms}, longer than the producer's {@code
   * delivery.timeout.ms}: by the time the stage fails, the producer has given up on the record, so
   * a retry can duplicate it but an old attempt cannot land after a newer version.
   */
  CompletableFuture<String> sendAsync(OutboxRecord record) {
    try {
      return sender
          .send(record)
          .toCompletableFuture()
          .orTimeout(ackTimeoutMillis, TimeUnit.MILLISECONDS)
          .handle((ok, e) -> outcome(e));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(outcome(e));
    }
  }

  private String outcome(Throwable e) {
    if (e == null) {
      metrics.sent();
      return null;
    }
    metrics.failed();
    var cause = e.getCause() != null ? e.getCause() : e;
    return String.valueOf(cause);
  }

  private boolean standingAside() {
    return clock.millis() < standAsideUntil;
  }

  /** Tells the fast path that the broker failed a send: stand aside for a while. */
  void failed() {
    standAsideUntil = clock.millis() + retryBackoffMillis;
  }

  /** How long a failed row first waits before the sweeper tries it again; doubles per attempt. */
  Duration backoff() {
    return Duration.ofMillis(retryBackoffMillis);
  }

  /** The longest wait between two attempts of one row. */
  Duration maxBackoff() {
    return Duration.ofMillis(maxBackoffMillis);
  }
}
