package dev.keystone.consumerkit;

import dev.keystone.consumerkit.ReceivedEvent.MalformedEvent;
import dev.keystone.consumerkit.internal.DeadLetterSink;
import dev.keystone.consumerkit.internal.DeadLetters;
import dev.keystone.consumerkit.internal.KitSchema;
import dev.keystone.consumerkit.internal.KitTransactions;
import dev.keystone.consumerkit.internal.Outcome;
import dev.keystone.consumerkit.internal.OutcomeCounters;
import dev.keystone.platform.jdbc.DatabaseReachability;
import io.opentelemetry.api.trace.StatusCode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The consumer kit's entry point (docs/architecture.md §2 "consumers", §5.3, §5.4): every
 * {@code @Incoming} method of every consumer hands its message to {@link #handle}, which makes the
 * consumer safe by default.
 *
 * <ol>
 *   <li><b>Idempotent:</b> in one transaction ({@link KitTransactions#applyOrPark}) it inserts
 *       {@code (consumer, event id)} into the dedup store and runs the effect; a conflict means a
 *       duplicate, which is skipped. The effect guards its projections by aggregate version ({@link
 *       AggregateVersions}), so an older event never overwrites a newer one.
 *   <li><b>Acknowledged after commit:</b> the Kafka offset is acknowledged only after that
 *       transaction committed, so a crash in between redelivers the message, which dedup absorbs.
 *   <li><b>Never nacks:</b> Liberty shuts an incoming channel down on any nack, so a failing
 *       message is retried a bounded number of times in-process, then parked as the head of its key
 *       and published to {@code keystone.dlt.<consumer>} with the error in headers ({@link
 *       DeadLetters}), and acknowledged. Later messages of the same key are parked behind it (per
 *       key order survives) until an operator replays or discards them ({@link Replays}); other
 *       keys keep flowing.
 *   <li><b>An outage is not poison:</b> while PostgreSQL does not answer, attempts are not counted;
 *       the channel waits (keeping order) until the database is back. Nor is contention: a lock
 *       wait PostgreSQL ended, or a deadlock it broke, is tried again without counting.
 * </ol>
 */
@ApplicationScoped
public class ConsumerKit {

  private static final Logger LOG = Logger.getLogger(ConsumerKit.class.getName());

  @Inject KitTransactions transactions;
  @Inject DeadLetterSink deadLetters;
  @Inject KitSchema schema;
  @Inject ConsumerSpans spans = new ConsumerSpans();

  /** Replaced by the container's metrics; counts nothing for tests without one. */
  @Inject OutcomeCounters counters = OutcomeCounters.NONE;

  @Inject
  @ConfigProperty(name = "keystone.consumers.max-attempts", defaultValue = "3")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "keystone.consumers.retry-backoff-ms", defaultValue = "200")
  long backoffMillis;

  private volatile boolean stopping;

  /**
   * Processes one message for one consumer and acknowledges it once the outcome is committed.
   *
   * @return the acknowledgement's stage; never a nack. When the outcome cannot be recorded at all
   *     (the server is stopping during an outage) the message stays unacknowledged and is
   *     redelivered after a restart.
   */
  public CompletionStage<Void> handle(EventEffect effect, Message<String> message) {
    var record = IncomingRecord.of(message);
    try {
      migrated(effect);
      var outcome = process(effect, record, true);
      counters.count(effect.consumer(), outcome);
      LOG.fine(() -> effect.consumer() + " " + outcome + " " + record);
      return message.ack();
    } catch (RuntimeException e) {
      LOG.log(
          Level.SEVERE, effect.consumer() + " left " + record + " unacknowledged (redelivered)", e);
      return CompletableFuture.completedFuture(null);
    }
  }

  /**
   * Applies one record a rebuild read from the log or had held (docs/consumers.md, "Rebuilding a
   * consumer"): exactly as a delivery — dedup, version guard, retries, dead-lettering and parking —
   * but through the closed gate.
   */
  Outcome reapply(EventEffect effect, IncomingRecord record) {
    migrated(effect);
    return process(effect, record, false);
  }

  /**
   * Parses and applies one message inside its processing span (docs/tracing.md): the effect's own
   * spans (the email's SMTP send) and log lines belong to the event's trace. A {@code live}
   * delivery is held while its consumer is being rebuilt.
   */
  Outcome process(EventEffect effect, IncomingRecord record, boolean live) {
    ReceivedEvent event;
    try {
      event = ReceivedEvent.parse(record.value());
    } catch (MalformedEvent e) {
      var span = spans.delivery(effect.consumer(), record, null);
      try (var scope = span.makeCurrent()) {
        span.setStatus(StatusCode.ERROR, e.getMessage());
        return deadLetter(effect.consumer(), record, null, e, 1);
      } finally {
        span.end();
      }
    }
    var span = spans.delivery(effect.consumer(), record, event);
    try (var scope = span.makeCurrent()) {
      var outcome = attempt(effect, record, event, live);
      span.setAttribute("keystone.consumer.outcome", outcome.name().toLowerCase(Locale.ROOT));
      if (outcome == Outcome.DEAD_LETTERED) {
        span.setStatus(StatusCode.ERROR);
      }
      return outcome;
    } finally {
      span.end();
    }
  }

  private Outcome attempt(
      EventEffect effect, IncomingRecord record, ReceivedEvent event, boolean live) {
    RuntimeException last = null;
    int attempts = 0;
    while (attempts < maxAttempts) {
      try {
        return transactions.applyOrPark(effect, record, event, live);
      } catch (RuntimeException e) {
        last = e;
        if (!transactions.databaseAnswers()) {
          awaitDatabase(effect.consumer());
          continue;
        }
        if (DatabaseReachability.contended(e)) {
          // a lock held by another transaction past the lock timeout, a deadlock's victim: the
          // message is fine, so this is no attempt; the holder's transaction ends within its own
          // timeout (KEYSTONE_TX_TIMEOUT), so the wait is bounded
          if (stopping) {
            throw new IllegalStateException("stopping while waiting for a lock", e);
          }
          LOG.fine(() -> effect.consumer() + " waits for a lock: " + e);
          pause(backoffMillis);
          continue;
        }
        attempts++;
        LOG.log(Level.WARNING, effect.consumer() + " attempt " + attempts + " failed: " + e, e);
        pause(backoffMillis * attempts);
      }
    }
    return deadLetter(effect.consumer(), record, event, last, attempts);
  }

  private Outcome deadLetter(
      String consumer, IncomingRecord record, ReceivedEvent event, Throwable error, int attempts) {
    var id = event == null ? null : event.id();
    while (true) {
      try {
        transactions.parkDeadLettered(consumer, record, id, DeadLetters.describe(error));
        break;
      } catch (RuntimeException e) {
        awaitDatabase(consumer);
      }
    }
    deadLetters.publish(consumer, record, error, attempts);
    LOG.log(Level.SEVERE, consumer + " dead-lettered " + record + " and parked its key", error);
    return Outcome.DEAD_LETTERED;
  }

  /**
   * The schema is migrated before the first message; a server that starts during an outage waits
   * for PostgreSQL here instead of leaving its first message unacknowledged until a restart.
   */
  private void migrated(EventEffect effect) {
    while (true) {
      try {
        schema.ensureMigrated();
        effect.prepareStorage();
        return;
      } catch (RuntimeException e) {
        if (transactions.databaseAnswers()) {
          throw e; // a migration that fails against a healthy database is not an outage
        }
        awaitDatabase(effect.consumer());
      }
    }
  }

  private void awaitDatabase(String consumer) {
    LOG.warning(() -> consumer + " waits for PostgreSQL");
    while (!transactions.databaseAnswers()) {
      if (stopping) {
        throw new IllegalStateException("stopping while PostgreSQL is unavailable");
      }
      pause(1000);
    }
  }

  /** The error as stored and shown to operators: class and message, at most 2000 characters. */
  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @PreDestroy
  void stop() {
    stopping = true;
  }
}
