package dev.keystone.consumers.audit;

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
    String payload) {}
