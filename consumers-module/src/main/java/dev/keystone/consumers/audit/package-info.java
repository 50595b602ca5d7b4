/**
 * The audit consumer: every event, once, append-only, in its own table and consumer group; served
 * at {@code GET /consumers/audit?aggregateId=} in version order.
 */
package dev.keystone.consumers.audit;
