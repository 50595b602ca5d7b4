package dev.keystone.outbox.internal;

import java.util.UUID;

/**
 * One outbox row as the relay needs it: where it goes, under which key, and the CloudEvents JSON to
 * send as the record value.
 */
public record OutboxRecord(
    UUID eventId,
    String aggregateType,
    String aggregateId,
    long aggregateVersion,
    String topic,
    String payload) {

  /** The aggregate this event belongs to: the unit of ordering. */
  public String aggregateKey() {
    return aggregateType + ":" + aggregateId;
  }
}
