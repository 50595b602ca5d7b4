package dev.keystone.domain.idempotency;

/** The response to send, and whether it is a replay of an earlier request with the same key. */
public record IdempotentOutcome(RecordedResponse response, boolean replayed) {}
