package dev.keystone.messaging.outbox;

import dev.keystone.messaging.kafka.Topics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends outbox rows to Kafka through the Reactive Messaging {@link Emitter} and marks each row
 * published only when the broker acknowledged it (seed §3, write path: "publishes a Kafka event").
 *
 * <p>Never on the caller's thread: the after-commit observer runs on the HTTP request's thread, and
 * Kafka's producer can block for {@code max.block.ms} when the broker is away. Rows go to one of a
 * few single-threaded lanes chosen by aggregate, and a lane waits for each ack before the next
 * send. Before sending, the lane locks the row ({@code FOR UPDATE SKIP LOCKED}) and checks that no
 * older version of the aggregate is still unpublished: a row another server's sweeper holds, or
 * whose predecessor waits, is left to the {@link OutboxSweeper}, which keeps the order.
 *
 * <p>At-least-once: a failed or timed-out stage does not prove the record was not written (the
 * broker may have appended it and the ack been lost), so a row retried after a failure can reach
 * the topic twice. Consumers dedupe by the CloudEvents {@code id}.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
  private static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

  @Inject
  @Channel(Topics.EVENTS_CHANNEL)
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
  Emitter<ProducerRecord<String, String>> emitter;

  @Inject OutboxStore store;
  @Inject OutboxMetrics metrics;

  @Inject
  @ConfigProperty(name = "keystone.outbox.relay.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "keystone.outbox.lanes", defaultValue = "4")
  int laneCount;

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

  private final List<ExecutorService> lanes = new ArrayList<>();

  /** After a failed send the fast path stands aside until then; the sweeper catches up. */
  private volatile long standAsideUntil;

  @PostConstruct
  void startLanes() {
    for (int i = 0; i < laneCount; i++) {
      lanes.add(Executors.newSingleThreadExecutor(threads));
    }
  }

  @PreDestroy
  void stopLanes() {
    lanes.forEach(ExecutorService::shutdownNow);
  }

  /** Queues committed rows for sending; returns at once. Does nothing if the fast path is off. */
  public void publish(List<OutboxRecord> records) {
    if (!enabled) {
      return; // the sweeper alone publishes (a switch for tests and for draining a node)
    }
    for (var record : records) {
      lane(record).execute(() -> sendIfNext(record));
    }
  }

  private void sendIfNext(OutboxRecord record) {
    if (System.currentTimeMillis() < standAsideUntil) {
      return; // the broker just failed us: don't queue a timeout per row, let the sweeper send
    }
    try (var c = store.sweepConnection()) {
      try {
        if (!store.lockIfNext(c, record.eventId())) {
          return; // a sweeper holds it, or an older version waits: sending now would reorder
        }
        var failure = sendAsync(record).get(); // interruptible: the app may be stopping
        if (failure == null) {
          store.markPublished(c, record.eventId());
        } else {
          failed();
          store.markFailed(c, record.eventId(), failure, backoff(), maxBackoff());
        }
      } finally {
        c.commit(); // the mark, and the release of the row's lock
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopping: the row stays for the next sweep
    } catch (SQLException | ExecutionException | RuntimeException e) {
      LOG.warning(() -> "Relay left " + record.eventId() + " to the sweeper: " + e);
    }
  }

  /**
   * Sends one row; the future completes when the broker acknowledged it (with null) or when the
   * send failed (with what went wrong). Never completes exceptionally. Marking the row is the
   * caller's job, on the connection that holds the row's lock.
   *
   * <p>The wait is bounded by {@code ack-timeout-ms}, longer than the producer's {@code
   * delivery.timeout.ms}: by the time the stage fails, the producer has given up on the record, so
   * a retry can duplicate it but an old attempt cannot land after a newer version.
   */
  CompletableFuture<String> sendAsync(OutboxRecord record) {
    var kafkaRecord = new ProducerRecord<>(record.topic(), record.aggregateId(), record.payload());
    kafkaRecord.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    try {
      return emitter
          .send(kafkaRecord)
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

  /** Tells the fast path that the broker failed a send: stand aside for a while. */
  void failed() {
    standAsideUntil = System.currentTimeMillis() + retryBackoffMillis;
  }

  /** How long a failed row first waits before the sweeper tries it again; doubles per attempt. */
  Duration backoff() {
    return Duration.ofMillis(retryBackoffMillis);
  }

  /** The longest wait between two attempts of one row. */
  Duration maxBackoff() {
    return Duration.ofMillis(maxBackoffMillis);
  }

  private ExecutorService lane(OutboxRecord record) {
    return lanes.get(Math.floorMod(record.aggregateKey().hashCode(), lanes.size()));
  }
}
