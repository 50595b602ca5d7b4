package dev.keystone.outbox.internal;

import dev.keystone.platform.tracing.TraceContext;
import java.util.UUID;

/**
 * One outbox row as the relay needs it: where it goes, under which key, the CloudEvents JSON to
 * send as the record value, and the trace context of the request that wrote it (sent as headers).
 */
public record OutboxRecord(
    UUID eventId,
    String aggregateType,
    String aggregateId,
    long aggregateVersion,
    String topic,
    String payload,
    TraceContext trace) {

  public OutboxRecord {
    trace = trace == null ? TraceContext.NONE : trace;
  }

  /** A row written outside any trace. */
  public OutboxRecord(
      UUID eventId,
      String aggregateType,
      String aggregateId,
      long aggregateVersion,
      String topic,
      String payload) {
    this(eventId, aggregateType, aggregateId, aggregateVersion, topic, payload, TraceContext.NONE);
  }

  /** The aggregate this event belongs to: the unit of ordering. */
  public String aggregateKey() {
    return aggregateType + ":" + aggregateId;
  }
}
