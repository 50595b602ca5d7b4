package dev.keystone.consumers.audit;

import dev.keystone.consumerkit.ReceivedEvent;
import java.time.Instant;
import java.util.UUID;

/** One audited event, as the audit endpoint returns it. */
public record AuditEntry(
    UUID eventId,
    String type,
    String aggregateType,
    String aggregateId,
    long aggregateVersion,
    String correlationId,
    Instant occurredAt,
    String payload) {

  /**
   * The row of a received event: its envelope's attributes and its payload kept as it arrived,
   * fields unknown to this consumer included (docs/events.md).
   */
  static AuditEntry of(ReceivedEvent event) {
    return new AuditEntry(
        event.id(),
        event.type(),
        event.aggregateType(),
        event.aggregateId(),
        event.aggregateVersion(),
        event.correlationId(),
        event.time(),
        event.data() == null ? "null" : event.data().toString());
  }
}
