package dev.keystone.messaging.outbox;

import dev.keystone.messaging.kafka.Topics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Sends outbox rows to Kafka through the Reactive Messaging {@link Emitter} and marks each row
 * published only when the broker acknowledged it.
 *
 * <p>Never on the caller's thread: the after-commit observer runs on the HTTP request's thread, and
 * Kafka's producer can block for {@code max.block.ms} when the broker is away. Rows go to one of a
 * few single-threaded lanes chosen by aggregate, and a lane waits for each ack before the next
 * send, so version N+1 of an aggregate is never sent before version N was acknowledged. A row whose
 * older sibling is still unpublished is left to the {@link OutboxSweeper}, which keeps that order.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
  private static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

  @Inject
  @Channel(Topics.EVENTS_CHANNEL)
  Emitter<ProducerRecord<String, String>> emitter;

  @Inject OutboxStore store;

  @Inject
  @ConfigProperty(name = "keystone.outbox.lanes", defaultValue = "4")
  int laneCount;

  @Inject
  @ConfigProperty(name = "keystone.outbox.ack-timeout-ms", defaultValue = "15000")
  long ackTimeoutMillis;

  @Inject
  @ConfigProperty(name = "keystone.outbox.retry-backoff-ms", defaultValue = "1000")
  long retryBackoffMillis;

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

  /** Queues committed rows for sending; returns at once. */
  public void publish(List<OutboxRecord> records) {
    for (var record : records) {
      lane(record).execute(() -> sendIfNext(record));
    }
  }

  private void sendIfNext(OutboxRecord record) {
    try {
      if (System.currentTimeMillis() < standAsideUntil) {
        return; // the broker just failed us: don't queue a timeout per row, let the sweeper send
      }
      if (store.hasUnpublishedPredecessor(record)) {
        return; // an older version waits for the sweeper; sending this one now would reorder
      }
      var failure = send(record);
      if (failure == null) {
        store.markPublished(record.eventId());
      } else {
        standAsideUntil = System.currentTimeMillis() + retryBackoffMillis;
        store.markFailed(record.eventId(), failure, backoff());
      }
    } catch (RuntimeException e) {
      LOG.warning(() -> "Relay left " + record.eventId() + " to the sweeper: " + e);
    }
  }

  /**
   * Sends one row and waits for the broker's ack. Marking the row is the caller's job, on the
   * connection that holds the row's lock.
   *
   * @return null if the broker acknowledged the record, else what went wrong
   */
  String send(OutboxRecord record) {
    var kafkaRecord = new ProducerRecord<>(record.topic(), record.aggregateId(), record.payload());
    kafkaRecord.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    try {
      emitter.send(kafkaRecord).toCompletableFuture().get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (Exception e) {
      return String.valueOf(e.getCause() != null ? e.getCause() : e);
    }
    return null;
  }

  /** How long a failed row waits before the sweeper tries it again. */
  Duration backoff() {
    return Duration.ofMillis(retryBackoffMillis);
  }

  private ExecutorService lane(OutboxRecord record) {
    return lanes.get(Math.floorMod(record.aggregateKey().hashCode(), lanes.size()));
  }
}
