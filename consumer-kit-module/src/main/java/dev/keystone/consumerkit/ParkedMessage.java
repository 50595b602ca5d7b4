package dev.keystone.consumerkit;

import java.time.Instant;
import java.util.UUID;

/**
 * One parked message, as the admin endpoint lists it.
 *
 * @param deadLettered true for the message that failed (the head of its key), false for one that
 *     only waits behind it
 */
public record ParkedMessage(
    long seq,
    String consumer,
    String key,
    UUID eventId,
    String topic,
    int partition,
    long offset,
    boolean deadLettered,
    String error,
    Instant parkedAt,
    String payload) {}
