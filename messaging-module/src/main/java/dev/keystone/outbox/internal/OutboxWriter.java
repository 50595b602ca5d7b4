package dev.keystone.outbox.internal;

import dev.keystone.outbox.OutboxEvent;
import dev.keystone.outbox.Topics;
import dev.keystone.platform.correlation.Correlation;
import dev.keystone.platform.tracing.Spans;
import dev.keystone.platform.tracing.TraceContext;
import dev.keystone.platform.tracing.Tracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns each domain event into an outbox row inside the transaction that caused it, so the event
 * exists exactly when the change committed; after a successful commit it hands the new rows to the
 * {@link OutboxRelay} (the fast path). A rolled-back transaction leaves no row and sends nothing.
 */
@ApplicationScoped
public class OutboxWriter {

  private static final Logger LOG = Logger.getLogger(OutboxWriter.class.getName());

  /** Rows written in a transaction that has not completed yet, keyed by the event instance. */
  private final Map<OutboxEvent, OutboxRecord> pending =
      Collections.synchronizedMap(new IdentityHashMap<>());

  @Inject OutboxStore store;
  @Inject OutboxRelay relay;
  @Inject Instance<Correlation> correlation;
  @Inject Tracing tracing;

  @Inject
  @ConfigProperty(name = Topics.PREFIX_KEY, defaultValue = Topics.DEFAULT_PREFIX)
  String topicPrefix;

  /**
   * In the caller's JTA transaction: a failure here rolls the state change back too. The insert is
   * a span of the writer's trace, and the row stores that span's context: every consumer's work on
   * the event becomes its child (docs/tracing.md).
   */
  void write(@Observes OutboxEvent event) {
    var topic = Topics.forAggregate(topicPrefix, event.aggregateType());
    var span =
        tracing
            .tracer("dev.keystone.outbox")
            .spanBuilder("outbox insert " + topic)
            .setAttribute("messaging.destination.name", topic)
            .setAttribute("keystone.event.type", event.eventType())
            .setAttribute("keystone.aggregate", event.aggregateType() + ":" + event.aggregateId())
            .startSpan();
    Spans.within(
        span,
        current -> {
          var time = Instant.now();
          var id = EventIds.of(time);
          current.setAttribute("messaging.message.id", id.toString());
          var correlationId = correlationId();
          var trace = TraceContext.current();
          var record =
              new OutboxRecord(
                  id,
                  event.aggregateType(),
                  event.aggregateId(),
                  event.aggregateVersion(),
                  topic,
                  CloudEventEnvelope.wrap(event, id, time, correlationId, trace),
                  trace);
          store.insert(record, event.eventType(), correlationId);
          pending.put(event, record);
          return record;
        });
  }

  void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxEvent event) {
    var record = pending.remove(event);
    if (record != null) {
      try {
        relay.publish(List.of(record));
      } catch (RuntimeException e) {
        // The change is committed and its row is safe: never fail the request now; the sweeper
        // sends.
        LOG.warning(() -> "Fast path refused " + record.eventId() + ", left to the sweeper: " + e);
      }
    }
  }

  void rolledBack(@Observes(during = TransactionPhase.AFTER_FAILURE) OutboxEvent event) {
    pending.remove(event);
  }

  private String correlationId() {
    try {
      return correlation.get().id();
    } catch (ContextNotActiveException e) {
      return null;
    }
  }
}
